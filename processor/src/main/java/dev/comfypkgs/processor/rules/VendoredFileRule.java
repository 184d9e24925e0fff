package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.nix.NixStrings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * CPK109: a {@code @Vendored} file is a regular file inside {@code sources/}, named by a
 * normalised relative path with no way out ({@code ..}, an absolute path, a symlink that leads
 * out or nowhere); a directory, FIFO, socket or device is refused, as Nix's {@code path} would
 * refuse or misread it. When present with a {@code sha256} it matches; when absent, a warning
 * says so. A vendored {@code @Node} is named the same way but is a directory, the node's tree.
 */
public final class VendoredFileRule implements Rule {
  @Override
  public String id() {
    return "CPK109";
  }

  @Override
  public String summary() {
    return "A @Vendored file is a regular file inside sources/, named by a relative path (no . or"
        + " .. parts, not absolute, no symlink out); its sha256 matches when present; an absent"
        + " file is a warning.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    Path sources = recipes.settings().sourcesDir();
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse v : d.vendoredSources()) {
        String file = d.string(v, "file");
        if (file.isEmpty() && !d.string(v, "directory").isEmpty()) {
          continue; // a vendored directory: CPK124 checks it
        }
        if (!NixStrings.isRepresentable(file)) {
          continue; // CPK005 reports it, and no file system names it
        }
        String problem = pathProblem(file, "file", "\"thing-1.0-py3-none-any.whl\"");
        if (problem != null) {
          report.error(this, d.anchor(v, "file"), problem);
          continue;
        }
        if (sources == null) {
          continue; // no sources directory configured: the file itself cannot be checked
        }
        checkFile(report, d, v, sources, file);
      }
    }
  }

  private void checkFile(
      ValidationReport report, RecipeDeclaration d, AnnotationUse v, Path sources, String file) {
    Path path = sources.resolve(file);
    try {
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        Path existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
          existing = existing.getParent();
        }
        if (existing != null && Files.exists(sources) && !inside(existing, sources)) {
          report.error(this, d.anchor(v, "file"),
              "sources/" + file + " would be reached through a link that leads out of sources/ ("
                  + existing.toRealPath() + "): copy the file in instead of linking it.");
          return;
        }
        report.warning(this, d.anchor(v, "file"),
            "sources/" + file + " is not there yet: the package cannot be built until it is copied"
                + " in (sources/README.md says where it comes from).");
        return;
      }
      if (!Files.exists(path)) {
        report.error(this, d.anchor(v, "file"),
            "sources/" + file + " is a symbolic link that leads nowhere: copy the file in instead"
                + " of linking it.");
        return;
      }
      Path real = path.toRealPath();
      if (!inside(real, sources)) {
        report.error(this, d.anchor(v, "file"),
            "sources/" + file + " is a link to " + real + ", outside sources/: copy the file in"
                + " instead of linking it.");
        return;
      }
      if (v.annotation().equals("Node")) {
        // A vendored node is installed whole, as a GitHub node's unpacked archive is.
        if (!Files.isDirectory(real)) {
          report.error(this, d.anchor(v, "file"),
              "sources/" + file + " is not a directory: a vendored @Node is the directory of the"
                  + " node's files, installed whole.");
        }
        return;
      }
      if (!Files.isRegularFile(real)) {
        report.error(this, d.anchor(v, "file"),
            "sources/" + file + " is " + (Files.isDirectory(real) ? "a directory" : "not a regular"
                + " file (a FIFO, socket or device)") + ": a vendored source is one regular file;"
                + " name the archive or wheel itself.");
        return;
      }
      String expected = d.string(v, "sha256");
      if (expected.isEmpty()) {
        return;
      }
      byte[] digest = sha256(real);
      String hex = HexFormat.of().formatHex(digest);
      String sri = "sha256-" + Base64.getEncoder().encodeToString(digest);
      if (!expected.equals(hex) && !expected.equals(sri)) {
        report.error(this, d.anchor(v, "sha256"),
            "sources/" + file + " has SHA-256 " + hex + " (" + sri + "), not " + expected
                + ": replace the file with the right one, or update sha256 if the new file is"
                + " intended.");
      }
    } catch (IOException e) {
      report.error(this, d.anchor(v, "file"), "sources/" + file + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * Why a path given relative to {@code sources/} does not name a {@code what} ("file" or
   * "directory") inside it, or null when it does; {@code example} is a path that would.
   */
  static String pathProblem(String path, String what, String example) {
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
      return "'" + path + "' is absolute: give the path relative to sources/, and copy the " + what
          + " there.";
    }
    List<String> parts = Arrays.asList(path.split("/", -1));
    if (parts.contains("..")) {
      return "'" + path + "' leaves sources/: vendored sources live inside it; copy the "
          + what + " there.";
    }
    if (parts.contains(".") || parts.contains("")) {
      return "'" + path + "' does not name a " + what + " inside sources/: give the " + what
          + "'s path relative to sources/ without . parts or empty ones, e.g. " + example + ".";
    }
    return null;
  }

  /** Whether an existing path, links resolved, lies inside {@code sources}. */
  static boolean inside(Path existing, Path sources) throws IOException {
    return existing.toRealPath().startsWith(sources.toRealPath());
  }

  static byte[] sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
      MessageDigest md = ((DigestInputStream) in).getMessageDigest();
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return md.digest();
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
