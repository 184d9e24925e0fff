package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.nix.NixStrings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A file a recipe names under {@code sources/}, which the generated Nix reaches as a relative
 * path literal: a {@code @Vendored} file (CPK109) or a {@code @Wrapper}'s fix (CPK122). One check
 * for both: a normalised relative path with no way out ({@code ..}, an absolute path, a symlink
 * that leads out or nowhere) naming a regular file, as Nix's {@code path} would otherwise refuse
 * or misread it.
 */
final class SourcesFile {
  /** What the file is, in the messages. */
  enum Kind {
    VENDORED(
        "vendored files live inside it; copy the file there.",
        "thing-1.0-py3-none-any.whl",
        "a vendored source is one regular file; name the archive or wheel itself."),
    FIX(
        "a wrapper's fix lives inside it; put the script there.",
        "onnxruntime-noexecstack/clear-execstack.py",
        "a wrapper's fix is one Python script; name the script itself.");

    private final String inside;
    private final String example;
    private final String regular;

    Kind(String inside, String example, String regular) {
      this.inside = inside;
      this.example = example;
      this.regular = regular;
    }
  }

  private SourcesFile() {}

  /** What {@link #check} found that is for the caller to judge. */
  static final Path ABSENT = Path.of("");

  /**
   * Checks the file named by {@code attribute} of {@code use}, and reports what is wrong with it.
   * Returns the file's real path when it names a regular file inside {@code sources}; {@link
   * #ABSENT} when the name is right but nothing is there yet, which the caller judges; null when
   * {@code sources} is not configured or an error was reported.
   */
  static Path check(Rule rule, ValidationReport report, RecipeDeclaration d, AnnotationUse use,
      String attribute, Path sources, Kind kind) {
    String file = d.string(use, attribute);
    if (!NixStrings.isRepresentable(file)) {
      return null; // CPK005 reports it, and no file system names it
    }
    if (file.startsWith("/") || file.matches("^[A-Za-z]:.*")) {
      report.error(rule, d.anchor(use, attribute),
          "'" + file + "' is absolute: give the path relative to sources/, and copy the file"
              + " there.");
      return null;
    }
    List<String> parts = Arrays.asList(file.split("/", -1));
    if (parts.contains("..")) {
      report.error(rule, d.anchor(use, attribute), "'" + file + "' leaves sources/: " + kind.inside);
      return null;
    }
    if (parts.contains(".") || parts.contains("")) {
      report.error(rule, d.anchor(use, attribute),
          "'" + file + "' does not name a file inside sources/: give the file's path relative"
              + " to sources/ without . parts or empty ones, e.g. \"" + kind.example + "\".");
      return null;
    }
    if (sources == null) {
      return null; // no sources directory configured: the file itself cannot be checked
    }
    Path path = sources.resolve(file);
    try {
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        Path existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
          existing = existing.getParent();
        }
        if (existing != null && Files.exists(sources) && !inside(existing, sources)) {
          report.error(rule, d.anchor(use, attribute),
              "sources/" + file + " would be reached through a link that leads out of sources/ ("
                  + existing.toRealPath() + "): copy the file in instead of linking it.");
          return null;
        }
        return ABSENT;
      }
      if (!Files.exists(path)) {
        report.error(rule, d.anchor(use, attribute),
            "sources/" + file + " is a symbolic link that leads nowhere: copy the file in instead"
                + " of linking it.");
        return null;
      }
      Path real = path.toRealPath();
      if (!inside(real, sources)) {
        report.error(rule, d.anchor(use, attribute),
            "sources/" + file + " is a link to " + real + ", outside sources/: copy the file in"
                + " instead of linking it.");
        return null;
      }
      if (!Files.isRegularFile(real)) {
        report.error(rule, d.anchor(use, attribute),
            "sources/" + file + " is " + (Files.isDirectory(real) ? "a directory" : "not a regular"
                + " file (a FIFO, socket or device)") + ": " + kind.regular);
        return null;
      }
      return real;
    } catch (IOException e) {
      report.error(rule, d.anchor(use, attribute), "sources/" + file + " cannot be read: " + e.getMessage());
      return null;
    }
  }

  private static boolean inside(Path existing, Path sources) throws IOException {
    return existing.toRealPath().startsWith(sources.toRealPath());
  }
}
