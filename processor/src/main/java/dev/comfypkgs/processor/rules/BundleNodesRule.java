package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;

/**
 * CPK119: a {@code @NodeBundle} installs at least one {@code @Node}, and only a bundle carries
 * {@code @Node}s. A bundle without nodes would build an empty package; a {@code @Node} elsewhere
 * would be silently ignored, since a package or a custom node installs its own one source.
 */
public final class BundleNodesRule implements Rule {
  @Override
  public String id() {
    return "CPK119";
  }

  @Override
  public String summary() {
    return "A @NodeBundle has at least one @Node, and @Node appears only on a @NodeBundle.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.all()) {
      if (d.has("NodeBundle")) {
        if (!d.has("Node")) {
          report.error(this, d.anchor("NodeBundle"),
              d.simpleName() + " installs no node: add a @Node(directory, owner, repo, tag or"
                  + " rev, hash) per custom node, or a @Node(directory, file) for one kept"
                  + " under sources/.");
        }
        continue;
      }
      for (AnnotationUse node : d.uses("Node")) {
        report.error(this, d.anchor(node),
            "@Node on " + d.simpleName() + ", which is not a @NodeBundle: only a bundle installs"
                + " nodes from their own sources; make the class a @NodeBundle, or remove the"
                + " @Node.");
      }
    }
  }
}
