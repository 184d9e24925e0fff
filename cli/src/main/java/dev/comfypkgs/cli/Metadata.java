package dev.comfypkgs.cli;

import java.io.IOException;
import dev.comfypkgs.common.RemovalHook;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code *.dist-info/METADATA} files a store path installs, and what they require. */
public final class Metadata {
  /** One METADATA file: its distribution name and its {@code Requires-Dist} headers. */
  public record Dist(Path file, String name, List<Requirement> requires) {}

  /**
   * One {@code Requires-Dist} header, kept whole: nixpkgs' removal hook matches its regular
   * expression on the text (name as spelled, extras, version, marker), not on the name alone.
   *
   * @param header everything after {@code Requires-Dist:} on the line
   */
  public record Requirement(String header) {
    /** The requirement as written, e.g. {@code open_clip_torch>=2.20; extra == "x"}. */
    public String text() {
      return header.strip();
    }

    /** The name as METADATA spells it, e.g. {@code open_clip_torch}. */
    public String name() {
      return requirementName(header);
    }

    /**
     * Whether the relax-deps hook, given this {@code pythonRemoveDeps} entry, deletes the line:
     * its {@code sed -e "/Requires-Dist: $dep/d"} needs the one space before the text.
     */
    public boolean removedBy(String removal) {
      return header.startsWith(" ") && RemovalHook.removes(removal, header.substring(1));
    }
  }

  private Metadata() {}

  /** Every {@code lib/python*}/{@code site-packages/*.dist-info/METADATA} under the path. */
  public static List<Dist> in(Path storePath) {
    List<Dist> out = new ArrayList<>();
    Path lib = storePath.resolve("lib");
    if (!Files.isDirectory(lib)) {
      return out;
    }
    try (DirectoryStream<Path> pythons = Files.newDirectoryStream(lib, "python*")) {
      for (Path python : pythons) {
        Path site = python.resolve("site-packages");
        if (!Files.isDirectory(site)) {
          continue;
        }
        try (DirectoryStream<Path> dists = Files.newDirectoryStream(site, "*.dist-info")) {
          for (Path dist : dists) {
            Path file = dist.resolve("METADATA");
            if (Files.isRegularFile(file)) {
              out.add(parse(file, Files.readString(file, StandardCharsets.UTF_8)));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILED, "cannot read metadata in " + storePath + ": " + e.getMessage());
    }
    return out;
  }

  static Dist parse(Path file, String text) {
    String name = "";
    List<Requirement> requires = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        break; // the headers end at the first empty line; the description follows
      }
      if (line.startsWith("Name:")) {
        name = line.substring(5).strip();
      } else if (line.startsWith("Requires-Dist:")) {
        requires.add(new Requirement(line.substring("Requires-Dist:".length())));
      }
    }
    return new Dist(file, name, requires);
  }

  /** {@code torch (>=2.0) ; extra == "gpu"} is {@code torch}. */
  static String requirementName(String spec) {
    String s = spec.strip();
    int end = 0;
    while (end < s.length()) {
      char c = s.charAt(end);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
        break;
      }
      end++;
    }
    return s.substring(0, end);
  }
}
