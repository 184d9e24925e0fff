package dev.comfypkgs.processor.rules;

import dev.comfypkgs.common.RecipeNames;
import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeDeclaration;

/**
 * CPK115: a custom node's directory, and each {@code @Node}'s of a bundle, is one safe path segment. It is joined to {@code
 * $out/share/comfyui/custom_nodes/} in the install phase, so {@code ..} or a slash would install
 * somewhere else, and ComfyUI imports the directory as a module of that name and skips one ending
 * in {@code .disabled}.
 */
public final class NodeDirectoryRule implements Rule {
  private static final String NOT_A_NODE_DIRECTORY =
      " is not a single directory name ComfyUI loads: use a letter or digit, then letters,"
          + " digits, _ and -, e.g. directory = \"ComfyUI-KJNodes\".";

  @Override
  public String id() {
    return "CPK115";
  }

  @Override
  public String summary() {
    return "A custom node's directory is one path segment: a letter or digit, then letters, digits,"
        + " _ and -, at most 100.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse node : d.uses("Node")) {
        String directory = d.string(node, "directory");
        if (!RecipeNames.isNodeDirectory(directory)) {
          report.error(this, d.anchor(node, "directory"),
              "directory \"" + directory + "\"" + NOT_A_NODE_DIRECTORY);
        }
      }
      PackageDescriptor p = recipes.packageOf(d);
      if (!p.isCustomNode() || RecipeNames.isNodeDirectory(p.customNodeDirectory())) {
        continue;
      }
      AnnotationUse node = d.uses("CustomNode").get(0);
      boolean explicit = d.explicit(node, "directory");
      report.error(this, explicit ? d.anchor(node, "directory") : d.anchor(node),
          "directory \"" + p.customNodeDirectory() + "\"" + (explicit ? "" : " (the repository's name)")
              + NOT_A_NODE_DIRECTORY);
    }
  }
}
