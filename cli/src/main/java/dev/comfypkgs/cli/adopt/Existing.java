package dev.comfypkgs.cli.adopt;

import dev.comfypkgs.cli.RecipesFile;
import java.util.Optional;

/**
 * A node already adopted: a custom node, or a node of a bundle, whose GitHub source is the same
 * repository. GitHub treats owner and repository names case-insensitively, and so does this.
 *
 * @param attr the package that holds it
 * @param ref its tag or commit
 */
record Existing(String attr, String ref) {
  static Optional<Existing> find(RecipesFile recipes, String owner, String repo) {
    for (RecipesFile.Package p : recipes.packages()) {
      if (p.source() instanceof RecipesFile.Source.GitHub g && p.isCustomNode() && same(g, owner, repo)) {
        return Optional.of(new Existing(p.attr(), ref(g)));
      }
      if (p.source() instanceof RecipesFile.Source.Nodes nodes) {
        for (RecipesFile.Source.Node node : nodes.nodes()) {
          if (node.source() instanceof RecipesFile.Source.GitHub g && same(g, owner, repo)) {
            return Optional.of(new Existing(p.attr(), ref(g)));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean same(RecipesFile.Source.GitHub g, String owner, String repo) {
    return g.owner().equalsIgnoreCase(owner) && g.repo().equalsIgnoreCase(repo);
  }

  private static String ref(RecipesFile.Source.GitHub g) {
    return g.tag() != null && !g.tag().isEmpty() ? g.tag() : g.rev();
  }
}
