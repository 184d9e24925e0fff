package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.regex.Pattern;

/**
 * CPK108: a hash is SRI SHA-256. An empty hash is a warning: the file then uses
 * {@code lib.fakeHash}, so the first build prints the real one.
 */
public final class HashRule implements Rule {
  static final Pattern SRI_SHA256 = Pattern.compile("sha256-[A-Za-z0-9+/]{43}=");
  static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

  @Override
  public String id() {
    return "CPK108";
  }

  @Override
  public String summary() {
    return "Hashes are SRI SHA-256 (sha256- and 44 base64 characters); an empty one is a warning"
        + " and builds with lib.fakeHash.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse gh : d.gitHubSources()) {
        String ref = d.string(gh, "tag").isEmpty() ? d.string(gh, "rev") : d.string(gh, "tag");
        String url = "https://github.com/" + d.string(gh, "owner") + "/" + d.string(gh, "repo")
            + "/archive/" + ref + ".tar.gz";
        check(report, d, gh, "nix-prefetch-url --unpack " + url);
      }
      for (AnnotationUse pypi : d.uses("PyPI")) {
        check(report, d, pypi, "nix-prefetch-url <the release file's URL on PyPI>");
      }
      for (AnnotationUse v : d.uses("Vendored")) {
        String sha = d.string(v, "sha256");
        if (!sha.isEmpty() && !SRI_SHA256.matcher(sha).matches() && !HEX_SHA256.matcher(sha).matches()) {
          report.error(this, d.anchor(v, "sha256"),
              "sha256 \"" + sha + "\" is neither 64 lower-case hex digits nor SRI (sha256-...="
                  + "): take it from `sha256sum sources/" + d.string(v, "file") + "`.");
        }
      }
    }
  }

  private void check(ValidationReport report, RecipeDeclaration d, AnnotationUse m, String prefetch) {
    String hash = d.string(m, "hash");
    if (hash.isEmpty()) {
      report.warning(this, d.anchor(m, "hash"),
          "no hash yet: the file uses lib.fakeHash and the first build fails printing the real"
              + " one. To fill it without a build: " + prefetch + ", then `nix hash to-sri --type"
              + " sha256 <that hash>`.");
    } else if (!SRI_SHA256.matcher(hash).matches()) {
      report.error(this, d.anchor(m, "hash"),
          "hash \"" + hash + "\" is not an SRI SHA-256 hash (\"sha256-\" and 44 base64"
              + " characters): convert it with `nix hash to-sri --type sha256 <hash>`.");
    }
  }
}
