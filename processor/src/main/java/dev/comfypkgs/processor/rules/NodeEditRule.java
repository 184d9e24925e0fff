package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CPK118: an edit inside a node bundle names a node the bundle installs, and a file inside that
 * node. The edit runs after the nodes are installed, on {@code custom_nodes/<node>/<file>}: a node
 * the bundle lacks fails the build late, and {@code ..} or an absolute path would edit another
 * node's file, or one outside the package.
 */
public final class NodeEditRule implements Rule {
  @Override
  public String id() {
    return "CPK118";
  }

  @Override
  public String summary() {
    return "A @Substitute with a node names a @Node of the same class, and a file inside it"
        + " (relative, no . or .. parts).";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      if (!d.has("NodeBundle")) {
        continue; // a node named outside a bundle is CPK120's
      }
      Set<String> installed =
          d.uses("Node").stream().map(n -> n.string("directory")).collect(Collectors.toSet());
      for (AnnotationUse edit : d.uses("Substitute")) {
        String node = d.string(edit, "node");
        if (node.isEmpty()) {
          continue;
        }
        if (!installed.contains(node)) {
          report.error(this, d.anchor(edit, "node"),
              "@Substitute edits node \"" + node + "\", which " + d.simpleName()
                  + " does not install: name the directory of one of its @Node annotations"
                  + (installed.isEmpty()
                      ? ""
                      : " (" + String.join(", ", installed.stream().sorted().toList()) + ")")
                  + ".");
          continue;
        }
        String file = d.string(edit, "file");
        List<String> parts = Arrays.asList(file.split("/", -1));
        if (file.startsWith("/") || parts.contains("..") || parts.contains(".")
            || parts.contains("")) {
          report.error(this, d.anchor(edit, "file"),
              "@Substitute file \"" + file + "\" is not a file inside node " + node + ": give its"
                  + " path relative to the node's directory, without . or .. parts, e.g."
                  + " \"__init__.py\".");
        }
      }
    }
  }
}
