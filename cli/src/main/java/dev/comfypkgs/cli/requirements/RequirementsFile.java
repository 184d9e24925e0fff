package dev.comfypkgs.cli.requirements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pip requirements file as a custom node ships it: comments, blank lines, line
 * continuations, {@code -r} includes (relative to the including file), options pip takes on a
 * line of their own, version specifiers, extras, environment markers, {@code name @ URL} and
 * {@code git+https://…#egg=name} references, in any case and spacing.
 */
public final class RequirementsFile {
  /** One requirement: where it was written, its text, and the distribution name it names. */
  public record Requirement(Path file, int line, String text, String name, String url) {}

  private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)");
  private static final Pattern EGG = Pattern.compile("[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)");
  private static final Pattern REPO = Pattern.compile("github\\.com[/:]([^/]+)/([^/@#?]+?)(?:\\.git)?(?:[@#?].*)?$");

  private RequirementsFile() {}

  public static List<Requirement> read(Path file) throws IOException {
    List<Requirement> out = new ArrayList<>();
    read(file.toAbsolutePath().normalize(), out, new HashSet<>());
    return out;
  }

  private static void read(Path file, List<Requirement> out, Set<Path> seen) throws IOException {
    if (!seen.add(file)) {
      return; // an include cycle: each file once
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    StringBuilder joined = new StringBuilder();
    int startLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (joined.length() == 0) {
        startLine = i + 1;
      }
      if (line.endsWith("\\") && !stripComment(line).isBlank()) {
        joined.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      joined.append(line);
      String logical = stripComment(joined.toString()).strip();
      joined.setLength(0);
      if (logical.isEmpty()) {
        continue;
      }
      handle(file, startLine, logical, out, seen);
    }
  }

  private static void handle(Path file, int line, String text, List<Requirement> out, Set<Path> seen)
      throws IOException {
    if (text.startsWith("-")) {
      String[] parts = text.split("[\\s=]+", 2);
      String option = parts[0];
      String value = parts.length > 1 ? parts[1].strip() : "";
      switch (option) {
        case "-r", "--requirement" -> read(file.getParent().resolve(value).normalize(), out, seen);
        case "-e", "--editable" -> out.add(of(file, line, text, value));
        default -> { } // -c, -i, --index-url, --extra-index-url, -f, --pre, --hash …: not requirements
      }
      return;
    }
    out.add(of(file, line, text, text));
  }

  static Requirement of(Path file, int line, String text, String spec) {
    String s = spec.strip();
    // PEP 508 direct reference, "name[extra] @ url": the part before the first @ has no scheme.
    int at = s.indexOf('@');
    if (at > 0 && !s.substring(0, at).contains("://") && !s.startsWith("git+")) {
      String url = s.substring(at + 1).strip();
      return new Requirement(file, line, text, nameOf(s.substring(0, at)), url);
    }
    if (s.contains("://") || s.startsWith("git+")) {
      Matcher egg = EGG.matcher(s);
      String name = egg.find() ? egg.group(1) : repoName(s);
      return new Requirement(file, line, text, name, s);
    }
    return new Requirement(file, line, text, nameOf(s), null);
  }

  private static String nameOf(String spec) {
    Matcher m = NAME.matcher(spec.strip());
    return m.find() ? m.group(1) : spec.strip();
  }

  private static String repoName(String url) {
    Matcher m = REPO.matcher(url);
    if (m.find()) {
      return m.group(2);
    }
    String path = url.replaceAll("[?#].*$", "").replaceAll("/+$", "");
    return path.substring(path.lastIndexOf('/') + 1).replaceAll("\\.git$", "").replaceAll("@.*$", "");
  }

  /** "owner/repo" of a GitHub URL, or null. */
  public static String github(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = REPO.matcher(url);
    return m.find() ? m.group(1) + "/" + m.group(2) : null;
  }

  /** pip treats "#" as a comment at the start of a line or after whitespace. */
  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
