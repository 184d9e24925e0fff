package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPK106: the spec's versioning policy. A tagged source's version is its tag (with or without a
 * leading {@code v}); a {@code _flox_build} version names its upstream with {@code @FloxBuild};
 * a commit's version is {@code <x>-unstable-YYYY-MM-DD}; a {@code @TracksComfyUI} package omits
 * its version, which is the {@code @ComfyUIRelease}, and every other package writes one.
 */
public final class VersioningRule implements Rule {
  static final String FLOX_SUFFIX = "_flox_build";
  private static final Pattern UNSTABLE =
      Pattern.compile("(?:.+-)?unstable-(\\d{4}-\\d{2}-\\d{2})");

  @Override
  public String id() {
    return "CPK106";
  }

  @Override
  public String summary() {
    return "Versions follow the policy: the tag, <upstream>_flox_build with @FloxBuild,"
        + " <x>-unstable-YYYY-MM-DD for a commit; omitted with @TracksComfyUI, which takes the"
        + " @ComfyUIRelease, and required otherwise.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    String release = recipes.set().comfyuiRelease();
    for (RecipeDeclaration d : recipes.packages()) {
      if (d.has("Wrapper")) {
        continue; // its version is the wrapped package's
      }
      AnnotationUse pkg = d.uses(d.packageHead()).get(0);
      String version = d.string(pkg, "version");
      boolean floxBuild = version.endsWith(FLOX_SUFFIX);
      if (!versionPresent(report, d, pkg, release)) {
        continue; // no version to check against the sources: CPK106 said what to write
      }
      for (AnnotationUse gh : d.uses("GitHub")) {
        String tag = d.string(gh, "tag");
        String rev = d.string(gh, "rev");
        if (d.has("TracksComfyUI")) {
          continue; // an internal bundle's version is the release, whatever its sources' tags
        }
        if (!tag.isEmpty()) {
          checkTag(report, d, pkg, gh, version, tag, floxBuild);
        } else if (!rev.isEmpty()) {
          checkUnstable(report, d, pkg, version);
        }
      }
      if (floxBuild && !d.has("FloxBuild")) {
        report.error(this, d.anchor(pkg, "version"),
            "a " + FLOX_SUFFIX + " version needs @FloxBuild(upstream = \"<the upstream version>\","
                + " reason = \"<what the packaging adds>\").");
      }
      if (!floxBuild && d.has("FloxBuild")) {
        report.error(this, d.anchor("FloxBuild"),
            "@FloxBuild goes with a version ending in " + FLOX_SUFFIX + ": make the version \""
                + d.string(d.uses("FloxBuild").get(0), "upstream") + FLOX_SUFFIX
                + "\" or a later build number, or remove @FloxBuild.");
      }
    }
    for (RecipeDeclaration d : recipes.metas()) {
      versionPresent(report, d, d.uses("MetaPackage").get(0), release);
    }
  }

  private void checkTag(
      ValidationReport report, RecipeDeclaration d, AnnotationUse pkg, AnnotationUse gh,
      String version, String tag, boolean floxBuild) {
    String bare = tag.startsWith("v") || tag.startsWith("V") ? tag.substring(1) : tag;
    if (floxBuild) {
      for (AnnotationUse fb : d.uses("FloxBuild")) {
        String upstream = d.string(fb, "upstream");
        if (!upstream.equals(tag) && !upstream.equals(bare)) {
          report.error(this, d.anchor(fb, "upstream"),
              "@FloxBuild upstream \"" + upstream + "\" is not the source's tag \"" + tag
                  + "\": set upstream = \"" + bare + "\".");
        }
      }
    } else if (!version.equals(tag) && !version.equals(bare)) {
      report.error(this, d.anchor(pkg, "version"),
          "version \"" + version + "\" does not match the tag \"" + tag + "\": set version = \""
              + bare + "\" (or fix the tag), or use " + FLOX_SUFFIX + " with @FloxBuild.");
    }
  }

  private void checkUnstable(
      ValidationReport report, RecipeDeclaration d, AnnotationUse pkg, String version) {
    Matcher m = UNSTABLE.matcher(version);
    boolean ok = m.matches();
    if (ok) {
      try {
        LocalDate.parse(m.group(1));
      } catch (DateTimeParseException e) {
        ok = false;
      }
    }
    if (!ok) {
      report.error(this, d.anchor(pkg, "version"),
          "a source pinned to a commit needs a version \"<last release>-unstable-YYYY-MM-DD\" or"
              + " \"unstable-YYYY-MM-DD\" (the commit's date), not \"" + version + "\".");
    }
  }

  /**
   * The version is written, or omitted with {@code @TracksComfyUI} (the model gives such a recipe
   * the release, so a new release edits the one {@code @ComfyUIRelease} line). False when the
   * version was missing without it: nothing else about the version is worth saying then.
   */
  private boolean versionPresent(
      ValidationReport report, RecipeDeclaration d, AnnotationUse head, String release) {
    boolean written = d.explicit(head, "version");
    if (!d.has("TracksComfyUI")) {
      if (!written || d.string(head, "version").isEmpty()) {
        report.error(this, d.anchor(head, written ? "version" : null),
            "version is required: set version = \"<upstream's version>\" (or, for a package"
                + " whose version is the ComfyUI release, add @TracksComfyUI and omit it).");
        return false;
      }
      return true;
    }
    if (release == null) {
      report.error(this, d.anchor("TracksComfyUI"),
          "@TracksComfyUI needs a @ComfyUIRelease(\"x.y.z\") declaration in the recipe set.");
    }
    if (written) {
      report.error(this, d.anchor(head, "version"),
          "omit version: it is the @ComfyUIRelease" + (release == null ? "" : " (\"" + release + "\")")
              + " for a @TracksComfyUI package, so that a new release changes one line.");
    }
    return true;
  }
}
