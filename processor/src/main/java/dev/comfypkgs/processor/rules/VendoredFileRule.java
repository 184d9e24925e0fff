package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.parse.Declaration;
import dev.comfypkgs.processor.parse.ParsedRecipes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.lang.model.element.AnnotationMirror;

/**
 * CPK109: a {@code @Vendored} file is a relative path inside {@code sources/}, with no way out
 * ({@code ..}, an absolute path, a symlink); when present with a {@code sha256} it matches; when
 * absent, a warning says so.
 */
public final class VendoredFileRule implements Rule {
  @Override
  public String id() {
    return "CPK109";
  }

  @Override
  public String summary() {
    return "A @Vendored file is a relative path inside sources/ (no .., not absolute, no symlink"
        + " out); its sha256 matches when present; an absent file is a warning.";
  }

  @Override
  public void check(ParsedRecipes recipes, ValidationReport report) {
    Path sources = recipes.settings().sourcesDir();
    for (Declaration d : recipes.packages()) {
      for (AnnotationMirror v : d.mirrors("Vendored")) {
        String file = d.string(v, "file");
        if (file.startsWith("/") || file.matches("^[A-Za-z]:.*")) {
          report.error(this, d.anchor(v, "file"),
              "'" + file + "' is absolute: give the path relative to sources/, and copy the file"
                  + " there.");
          continue;
        }
        if (file.equals("..") || file.startsWith("../") || file.contains("/../") || file.endsWith("/..")) {
          report.error(this, d.anchor(v, "file"),
              "'" + file + "' leaves sources/: vendored files live inside it; copy the file there.");
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
      ValidationReport report, Declaration d, AnnotationMirror v, Path sources, String file) {
    Path path = sources.resolve(file);
    if (!Files.exists(path)) {
      report.warning(this, d.anchor(v, "file"),
          "sources/" + file + " is not there yet: the package cannot be built until it is copied"
              + " in (sources/README.md says where it comes from).");
      return;
    }
    try {
      Path real = path.toRealPath();
      if (!real.startsWith(sources.toRealPath())) {
        report.error(this, d.anchor(v, "file"),
            "sources/" + file + " is a link to " + real + ", outside sources/: copy the file in"
                + " instead of linking it.");
        return;
      }
      String expected = d.string(v, "sha256");
      if (expected.isEmpty() || !Files.isRegularFile(real)) {
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
