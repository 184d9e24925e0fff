package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.nio.file.Path;

/**
 * CPK122: a {@code @Wrapper}'s fix is a regular file inside {@code sources/} ({@link
 * SourcesFile}, the check of every path under it), and it is there: it is our reviewed script,
 * committed with the recipe, so an absent one is an error, not a file still to be copied in.
 */
public final class WrapperFixRule implements Rule {
  @Override
  public String id() {
    return "CPK122";
  }

  @Override
  public String summary() {
    return "A @Wrapper's fix is a regular file that exists inside sources/, named by a relative"
        + " path (no . or .. parts, not absolute, no symlink out).";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    Path sources = recipes.settings().sourcesDir();
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse w : d.uses("Wrapper")) {
        if (SourcesFile.check(this, report, d, w, "fix", sources, SourcesFile.Kind.FIX)
            == SourcesFile.Found.ABSENT) {
          report.error(this, d.anchor(w, "fix"),
              "sources/" + d.string(w, "fix") + " does not exist: a wrapper's fix is a script of"
                  + " this repository, committed with the recipe; add it there.");
        }
      }
    }
  }
}
