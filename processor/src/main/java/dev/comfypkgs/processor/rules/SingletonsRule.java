package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.List;

/**
 * CPK006: {@code @Runtime}, {@code @ComfyUIRelease} and {@code @FloxEnvironment} are declared at
 * most once each, and a class is one kind of recipe: a package, a custom node, workflows or a
 * meta-package.
 */
public final class SingletonsRule implements Rule {
  @Override
  public String id() {
    return "CPK006";
  }

  @Override
  public String summary() {
    return "@Runtime, @ComfyUIRelease and @FloxEnvironment are declared once; a class is one of a"
        + " package, a custom node, workflows and a meta-package.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    once(report, recipes.runtimes(), "Runtime");
    once(report, recipes.releases(), "ComfyUIRelease");
    once(report, recipes.environments(), "FloxEnvironment");
    for (RecipeDeclaration d : recipes.packages()) {
      if (d.has("PythonPackage") && d.has("CustomNode")) {
        report.error(
            this,
            d.anchor("CustomNode"),
            d.simpleName()
                + " is both a @PythonPackage and a @CustomNode: keep @CustomNode for a node"
                + " installed into custom_nodes/, @PythonPackage for a library.");
      }
      if (d.has("Workflows") && (d.has("PythonPackage") || d.has("CustomNode"))) {
        report.error(
            this,
            d.anchor("Workflows"),
            d.simpleName()
                + " is both a @Workflows and a @" + (d.has("CustomNode") ? "CustomNode" : "PythonPackage")
                + ": a recipe is one kind; keep @Workflows for a vendored directory of workflows.");
      }
      if (d.has("MetaPackage")) {
        report.error(
            this,
            d.anchor("MetaPackage"),
            d.simpleName()
                + " is both a @" + d.packageHead() + " and a @MetaPackage: split it into two"
                + " classes.");
      }
    }
  }

  private void once(ValidationReport report, List<RecipeDeclaration> declarations, String annotation) {
    for (RecipeDeclaration extra : declarations.subList(Math.min(1, declarations.size()), declarations.size())) {
      report.error(
          this,
          extra.anchor(annotation),
          "@" + annotation + " is already declared on " + declarations.get(0).className()
              + ": declare it once, on a class of its own.");
    }
  }
}
