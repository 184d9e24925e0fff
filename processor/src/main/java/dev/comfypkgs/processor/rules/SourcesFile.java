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
 * A path a recipe names under {@code sources/}, which the generated Nix reaches as a relative
 * path literal: a {@code @Vendored} file or a vendored {@code @Node} (CPK109), a {@code
 * @Wrapper}'s fix (CPK122), a {@code @Workflows} directory (CPK124). The one check for all of
 * them, so they refuse the same ways out: a path that is not normalised and relative ({@code ..},
 * an absolute path, {@code .} or empty parts), a symlink that leads out or nowhere, and a thing
 * of the wrong type, as Nix's {@code path} would otherwise refuse or misread it.
 */
final class SourcesFile {
  /** What the path names, in the messages and in the type it must have. */
  enum Kind {
    VENDORED_FILE(
        false,
        "vendored sources live inside it; copy the file there.",
        "thing-1.0-py3-none-any.whl",
        "a vendored source is one regular file; name the archive or wheel itself."),
    VENDORED_NODE(
        true,
        "vendored sources live inside it; copy the directory there.",
        "ComfyUI-Impact-Pack",
        // A vendored node is installed whole, as a GitHub node's unpacked archive is.
        "a vendored @Node is the directory of the node's files, installed whole."),
    FIX(
        false,
        "a wrapper's fix lives inside it; put the script there.",
        "onnxruntime-noexecstack/clear-execstack.py",
        "a wrapper's fix is one Python script; name the script itself."),
    WORKFLOWS(
        true,
        "vendored sources live inside it; copy the directory there.",
        "workflows",
        "a @Workflows source is the directory of the workflows and their converter.");

    private final boolean directory;
    /** After "'path' leaves sources/: ". */
    private final String inside;
    /** A path that would do, for a path with . or empty parts. */
    private final String example;
    /** Why the thing there is of the wrong type. */
    private final String type;

    Kind(boolean directory, String inside, String example, String type) {
      this.directory = directory;
      this.inside = inside;
      this.example = example;
      this.type = type;
    }

    private String what() {
      return directory ? "directory" : "file";
    }
  }

  /** What {@link #check} leaves for the caller to judge. */
  enum Found {
    /** The path names a thing of the expected kind inside {@code sources/}. */
    PRESENT,
    /** The path is well formed, but nothing is there yet: absent is an error or a warning. */
    ABSENT,
    /** An error was reported, or no {@code sources/} is configured: nothing more to check. */
    NOTHING
  }

  private SourcesFile() {}

  /**
   * Checks the path named by {@code attribute} of {@code use} as a {@code kind}, reports what is
   * wrong with it on that attribute, and says what it found.
   */
  static Found check(Rule rule, ValidationReport report, RecipeDeclaration d, AnnotationUse use,
      String attribute, Path sources, Kind kind) {
    String file = d.string(use, attribute);
    if (!NixStrings.isRepresentable(file)) {
      return Found.NOTHING; // CPK005 reports it, and no file system names it
    }
    String problem = pathProblem(file, kind);
    if (problem != null) {
      report.error(rule, d.anchor(use, attribute), problem);
      return Found.NOTHING;
    }
    if (sources == null) {
      return Found.NOTHING; // no sources directory configured: the path itself cannot be checked
    }
    Path path = sources.resolve(file);
    String shown = "sources/" + file;
    String copy = ": copy the " + kind.what() + " in instead of linking it.";
    try {
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        Path existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
          existing = existing.getParent();
        }
        if (existing != null && Files.exists(sources) && !inside(existing, sources)) {
          report.error(rule, d.anchor(use, attribute),
              shown + " would be reached through a link that leads out of sources/ ("
                  + existing.toRealPath() + ")" + copy);
          return Found.NOTHING;
        }
        return Found.ABSENT;
      }
      if (!Files.exists(path)) {
        report.error(rule, d.anchor(use, attribute),
            shown + " is a symbolic link that leads nowhere" + copy);
        return Found.NOTHING;
      }
      Path real = path.toRealPath();
      if (!inside(real, sources)) {
        report.error(rule, d.anchor(use, attribute),
            shown + " is a link to " + real + ", outside sources/" + copy);
        return Found.NOTHING;
      }
      if (Files.isSymbolicLink(path)) {
        // Even one inside sources/: Nix copies a path literal's last link as a link, which in the
        // store points at nothing (a relative target) or outside it (an absolute one).
        report.error(rule, d.anchor(use, attribute),
            shown + " is a link to " + real + ", and Nix would copy the link, not what it points"
                + " to" + copy);
        return Found.NOTHING;
      }
      String typeProblem = typeProblem(real, kind);
      if (typeProblem != null) {
        report.error(rule, d.anchor(use, attribute), shown + " is " + typeProblem);
        return Found.NOTHING;
      }
      return Found.PRESENT;
    } catch (IOException e) {
      report.error(rule, d.anchor(use, attribute), shown + " cannot be read: " + e.getMessage());
      return Found.NOTHING;
    }
  }

  /**
   * Why {@code path}, given relative to {@code sources/}, cannot name a {@code kind} inside it
   * whatever the disk holds, or null when it can.
   */
  private static String pathProblem(String path, Kind kind) {
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
      return "'" + path + "' is absolute: give the path relative to sources/, and copy the "
          + kind.what() + " there.";
    }
    List<String> parts = Arrays.asList(path.split("/", -1));
    if (parts.contains("..")) {
      return "'" + path + "' leaves sources/: " + kind.inside;
    }
    if (parts.contains(".") || parts.contains("")) {
      return "'" + path + "' does not name a " + kind.what() + " inside sources/: give the "
          + kind.what() + "'s path relative to sources/ without . parts or empty ones, e.g. \""
          + kind.example + "\".";
    }
    return null;
  }

  /** Why the thing at {@code real} is not a {@code kind}, after "is", or null when it is one. */
  private static String typeProblem(Path real, Kind kind) {
    if (kind.directory) {
      return Files.isDirectory(real) ? null : "not a directory: " + kind.type;
    }
    if (Files.isRegularFile(real)) {
      return null;
    }
    return (Files.isDirectory(real) ? "a directory" : "not a regular file (a FIFO, socket or"
        + " device)") + ": " + kind.type;
  }

  /** Whether an existing path, links resolved, lies inside {@code sources}. */
  static boolean inside(Path existing, Path sources) throws IOException {
    return existing.toRealPath().startsWith(sources.toRealPath());
  }
}
