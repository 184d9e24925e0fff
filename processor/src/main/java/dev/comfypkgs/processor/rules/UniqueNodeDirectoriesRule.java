package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPK116: no two custom nodes install one directory, whether a package is one node or a bundle
 * of {@code @Node}s. Two packages providing {@code
 * share/comfyui/custom_nodes/<directory>} collide when installed into one environment. Names are
 * compared ignoring case, because macOS's default file system does, and two names differing only
 * in case collide there.
 */
public final class UniqueNodeDirectoriesRule implements Rule {
  @Override
  public String id() {
    return "CPK116";
  }

  @Override
  public String summary() {
    return "No two custom nodes install one custom_nodes/ directory (compared ignoring case).";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    Map<String, RecipeDeclaration> claimed = new HashMap<>();
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse node : d.uses("Node")) {
        String directory = d.string(node, "directory");
        RecipeDeclaration first = claimed.putIfAbsent(directory.toLowerCase(Locale.ROOT), d);
        if (first != null) {
          report.error(this, d.anchor(node, "directory"), collision(directory, first, d));
        }
      }
      PackageDescriptor p = recipes.packageOf(d);
      if (!p.isCustomNode()) {
        continue;
      }
      RecipeDeclaration first =
          claimed.putIfAbsent(p.customNodeDirectory().toLowerCase(Locale.ROOT), d);
      if (first != null) {
        AnnotationUse node = d.uses("CustomNode").get(0);
        report.error(this,
            d.explicit(node, "directory") ? d.anchor(node, "directory") : d.anchor(node),
            collision(p.customNodeDirectory(), first, d));
      }
    }
  }

  private static String collision(String directory, RecipeDeclaration first, RecipeDeclaration d) {
    return "custom_nodes/" + directory + " is installed "
        + (first == d
            ? "twice by " + d.simpleName() + ": one directory holds one node"
            : "by both " + first.simpleName() + " and " + d.simpleName() + ": two packages in one"
                + " environment would collide")
        + "; give one of them another directory.";
  }
}
