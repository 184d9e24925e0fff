package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;

/** CPK002: {@code @GitHub} names exactly one of tag and rev. */
public final class TagXorRevRule implements Rule {
  @Override
  public String id() {
    return "CPK002";
  }

  @Override
  public String summary() {
    return "@GitHub, and a @Node from GitHub, give exactly one of tag and rev.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse m : d.gitHubSources()) {
        boolean tag = !d.string(m, "tag").isEmpty();
        boolean rev = !d.string(m, "rev").isEmpty();
        if (tag && rev) {
          report.error(
              this,
              d.anchor(m, "rev"),
              "@" + m.annotation() + " gives both tag and rev: keep tag for a release, or rev (a 40-hex commit)"
                  + " for a project without tags.");
        } else if (!tag && !rev) {
          report.error(
              this,
              d.anchor(m),
              "@" + m.annotation() + " gives neither tag nor rev: add tag = \"v1.2.3\" for a release, or"
                  + " rev = \"<40-hex commit>\".");
        }
      }
    }
  }
}
