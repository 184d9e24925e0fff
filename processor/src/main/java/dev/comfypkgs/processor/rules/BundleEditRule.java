package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;

/**
 * CPK120: a {@code @Substitute} names a node exactly when it is on a {@code @NodeBundle}. A bundle
 * unpacks no source of its own, so an edit without a node has no file to edit; a package or a
 * custom node edits its one source, so a node named there would be ignored.
 */
public final class BundleEditRule implements Rule {
  @Override
  public String id() {
    return "CPK120";
  }

  @Override
  public String summary() {
    return "A @Substitute on a @NodeBundle names the node it edits (node = ...); elsewhere it names"
        + " none.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      boolean bundle = d.has("NodeBundle");
      for (AnnotationUse edit : d.uses("Substitute")) {
        boolean named = !d.string(edit, "node").isEmpty();
        if (bundle && !named) {
          report.error(this, d.anchor(edit),
              "@Substitute on the @NodeBundle " + d.simpleName() + " names no node: a bundle"
                  + " has no source of its own, so add node = \"<the directory of one of its"
                  + " @Node annotations>\".");
        } else if (!bundle && named) {
          report.error(this, d.anchor(edit, "node"),
              "@Substitute names node \"" + d.string(edit, "node") + "\", but " + d.simpleName()
                  + " is a @" + d.packageHead() + ", which edits its own source: remove node,"
                  + " or make the class a @NodeBundle.");
        }
      }
    }
  }
}
