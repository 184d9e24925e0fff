package dev.comfypkgs.processor.rules;

import dev.comfypkgs.common.GitObjectIds;
import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.nix.NixStrings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPK124: a {@code @Vendored} names exactly one of a file and a directory, and a directory is the
 * source of a {@code @Workflows} package, which has no other. The directory lies inside {@code
 * sources/}; nothing in it is a symbolic link leading out of it or anything but a file or a
 * directory, since Nix copies the tree into the store as it finds it; it holds the converter the
 * build runs; and its git tree id matches {@code gitTree} when given. An absent directory is a
 * warning, as an absent vendored file is (CPK109).
 */
public final class VendoredDirectoryRule implements Rule {
  @Override
  public String id() {
    return "CPK124";
  }

  @Override
  public String summary() {
    return "A @Vendored names a file or a directory, not both; a directory is a @Workflows source,"
        + " inside sources/, with no symlink leading out, holding the converter, and of the git"
        + " tree gitTree when given; an absent directory is a warning.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    Path sources = recipes.settings().sourcesDir();
    for (RecipeDeclaration d : recipes.packages()) {
      boolean workflows = d.has("Workflows");
      for (AnnotationUse v : d.uses("Vendored")) {
        String file = d.string(v, "file");
        String directory = d.string(v, "directory");
        if (!file.isEmpty() && !directory.isEmpty()) {
          report.error(this, d.anchor(v, "directory"),
              "@Vendored names both a file and a directory: keep one.");
        } else if (file.isEmpty() && directory.isEmpty()) {
          report.error(this, d.anchor(v, workflows ? "directory" : "file"),
              "@Vendored names neither a file nor a directory: give file = \"...\" (a wheel or"
                  + " archive in sources/) or, for @Workflows, directory = \"...\".");
        } else if (!directory.isEmpty() && !workflows) {
          report.error(this, d.anchor(v, "directory"),
              "a vendored directory is the source of a @Workflows package; a @" + d.packageHead()
                  + "'s vendored source is one file: give file = \"...\" instead.");
        } else if (!file.isEmpty() && workflows) {
          report.error(this, d.anchor(v, "file"),
              "a @Workflows source is a directory of workflows with its converter: give directory"
                  + " = \"...\" instead of file.");
        } else if (!file.isEmpty() && !d.string(v, "gitTree").isEmpty()) {
          report.error(this, d.anchor(v, "gitTree"),
              "gitTree pins a vendored directory; a vendored file is pinned by sha256.");
        } else if (!directory.isEmpty() && !d.string(v, "sha256").isEmpty()) {
          report.error(this, d.anchor(v, "sha256"),
              "sha256 pins a vendored file; a vendored directory is pinned by gitTree.");
        } else if (!directory.isEmpty()) {
          switch (SourcesFile.check(this, report, d, v, "directory", sources,
              SourcesFile.Kind.WORKFLOWS)) {
            case ABSENT -> report.warning(this, d.anchor(v, "directory"),
                "sources/" + directory + " is not there yet: the package cannot be built until it"
                    + " is copied in (sources/README.md says where it comes from).");
            case PRESENT -> checkTree(report, d, v, sources.resolve(directory), directory);
            case NOTHING -> {}
          }
        }
      }
    }
  }

  private void checkTree(
      ValidationReport report, RecipeDeclaration d, AnnotationUse v, Path path,
      String directory) {
    String shown = "sources/" + directory;
    try {
      if (!entriesStayInside(report, d, v, path, shown)) {
        return;
      }
      String converter = d.string(d.uses("Workflows").get(0), "converter");
      if (NixStrings.isRepresentable(converter)
          && !Files.isRegularFile(path.resolve(converter), LinkOption.NOFOLLOW_LINKS)) {
        report.error(this, d.anchor(d.uses("Workflows").get(0), "converter"),
            shown + " has no " + converter + ": the build runs it; add it, or set converter ="
                + " \"...\" to the script's path in the directory.");
        return;
      }
      String expected = d.string(v, "gitTree");
      String actual = GitObjectIds.tree(path);
      if (!expected.isEmpty() && !expected.equals(actual)) {
        report.error(this, d.anchor(v, "gitTree"),
            shown + " has git tree " + actual + ", not " + expected + ": replace the directory"
                + " with the right one, or update gitTree if the change is intended.");
      }
    } catch (IOException e) {
      report.error(this, d.anchor(v, "directory"), shown + " cannot be read: " + e.getMessage());
    }
  }

  /** Reports the first entry that is a link leading out of the directory, or no file at all. */
  private boolean entriesStayInside(
      ValidationReport report, RecipeDeclaration d, AnnotationUse v, Path directory, String shown)
      throws IOException {
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(directory)) {
      entries = walk.sorted().toList();
    }
    for (Path entry : entries) {
      String name = shown + "/" + directory.relativize(entry);
      if (Files.isSymbolicLink(entry)) {
        if (!Files.exists(entry) || !SourcesFile.inside(entry, directory)) {
          report.error(this, d.anchor(v, "directory"),
              name + " is a symbolic link leading out of " + shown + ": the build would miss what"
                  + " it points to; copy the file in instead of linking it.");
          return false;
        }
      } else if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
          && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        report.error(this, d.anchor(v, "directory"),
            name + " is not a regular file (a FIFO, socket or device), which Nix cannot copy into"
                + " the store: remove it.");
        return false;
      }
    }
    return true;
  }
}
