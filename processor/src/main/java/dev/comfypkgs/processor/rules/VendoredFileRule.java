package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * CPK109: a {@code @Vendored} file is a regular file inside {@code sources/} and a vendored
 * {@code @Node} is a directory there, the node's tree, both checked as {@link SourcesFile}s. When
 * present with a {@code sha256} a file matches it; when absent, a warning says so, as the file is
 * copied in from elsewhere (sources/README.md) rather than committed.
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
        boolean node = v.annotation().equals("Node");
        switch (SourcesFile.check(this, report, d, v, "file", sources,
            node ? SourcesFile.Kind.VENDORED_NODE : SourcesFile.Kind.VENDORED_FILE)) {
          case ABSENT -> report.warning(this, d.anchor(v, "file"),
              "sources/" + file + " is not there yet: the package cannot be built until it is"
                  + " copied in (sources/README.md says where it comes from).");
          case PRESENT -> {
            if (!node) {
              checkDigest(report, d, v, sources.resolve(file));
            }
          }
          case NOTHING -> {}
        }
      }
    }
  }

  private void checkDigest(
      ValidationReport report, RecipeDeclaration d, AnnotationUse v, Path file) {
    String expected = d.string(v, "sha256");
    if (expected.isEmpty()) {
      return;
    }
    try {
      byte[] digest = sha256(file);
      String hex = HexFormat.of().formatHex(digest);
      String sri = "sha256-" + Base64.getEncoder().encodeToString(digest);
      if (!expected.equals(hex) && !expected.equals(sri)) {
        report.error(this, d.anchor(v, "sha256"),
            "sources/" + d.string(v, "file") + " has SHA-256 " + hex + " (" + sri + "), not "
                + expected + ": replace the file with the right one, or update sha256 if the new"
                + " file is intended.");
      }
    } catch (IOException e) {
      report.error(this, d.anchor(v, "file"),
          "sources/" + d.string(v, "file") + " cannot be read: " + e.getMessage());
    }
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
