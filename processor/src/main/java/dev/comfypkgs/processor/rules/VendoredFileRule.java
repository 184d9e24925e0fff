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
 * CPK109: a {@code @Vendored} file is a regular file inside {@code sources/} ({@link
 * SourcesFile}). When present with a {@code sha256} it matches; when absent, a warning says so.
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
      for (AnnotationUse v : d.uses("Vendored")) {
        Path real = SourcesFile.check(this, report, d, v, "file", sources, SourcesFile.Kind.VENDORED);
        if (real == SourcesFile.ABSENT) {
          report.warning(this, d.anchor(v, "file"),
              "sources/" + d.string(v, "file") + " is not there yet: the package cannot be built"
                  + " until it is copied in (sources/README.md says where it comes from).");
        } else if (real != null) {
          checkDigest(report, d, v, real);
        }
      }
    }
  }

  private void checkDigest(ValidationReport report, RecipeDeclaration d, AnnotationUse v, Path real) {
    String file = d.string(v, "file");
    String expected = d.string(v, "sha256");
    if (expected.isEmpty()) {
      return;
    }
    try {
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
