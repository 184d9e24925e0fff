package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.List;

/**
 * CPK119: a {@code @NodeBundle} installs at least one {@code @Node}, only a bundle carries {@code
 * @Node}s, and a node's source is either a GitHub archive or a directory under sources/, not both.
 * A bundle without nodes would build an empty package; a {@code @Node} elsewhere would be silently
 * ignored, since a package or a custom node installs its own one source; and a node naming both
 * would install the vendored directory while its GitHub attributes said otherwise.
 */
public final class BundleNodesRule implements Rule {
  /** The attributes of a {@code @Node} fetched from GitHub. */
  private static final List<String> GITHUB = List.of("owner", "repo", "tag", "rev", "hash");

  @Override
  public String id() {
    return "CPK119";
  }

  @Override
  public String summary() {
    return "A @NodeBundle has at least one @Node, @Node appears only on a @NodeBundle, and a @Node"
        + " names a GitHub archive or a file under sources/, not both.";
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
        for (AnnotationUse node : d.uses("Node")) {
          boolean gitHub = GITHUB.stream().anyMatch(a -> !d.string(node, a).isEmpty());
          if (!d.string(node, "file").isEmpty() && gitHub) {
            report.error(this, d.anchor(node, "file"),
                "@Node \"" + d.string(node, "directory") + "\" names both a file under sources/"
                    + " and a GitHub archive: keep file for a vendored node, or owner, repo, tag"
                    + " or rev and hash for a GitHub one.");
          }
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
