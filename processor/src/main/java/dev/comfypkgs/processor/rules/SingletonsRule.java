package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.List;

/**
 * CPK006: {@code @Runtime}, {@code @ComfyUIRelease} and {@code @FloxEnvironment} are declared at
 * most once each, and a class is one kind of recipe: a package, a custom node, a node bundle,
 * workflows, a wrapper or a meta-package.
 */
public final class SingletonsRule implements Rule {
  @Override
  public String id() {
    return "CPK006";
  }

  @Override
  public String summary() {
    return "@Runtime, @ComfyUIRelease and @FloxEnvironment are declared once; a class is one of a"
        + " package, a custom node, a node bundle, workflows, a wrapper and a meta-package.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    once(report, recipes.runtimes(), "Runtime");
    once(report, recipes.releases(), "ComfyUIRelease");
    once(report, recipes.environments(), "FloxEnvironment");
    for (RecipeDeclaration d : recipes.packages()) {
      List<String> heads =
          RecipeDeclaration.PACKAGE_HEADS.stream().filter(d::has).toList();
      for (String extra : heads.subList(1, heads.size())) {
        report.error(
            this,
            d.anchor(extra),
            d.simpleName()
                + " is both a @" + heads.get(0) + " and a @" + extra + ": keep @PythonPackage for"
                + " a library, @CustomNode for one node installed into custom_nodes/,"
                + " @NodeBundle for many, @Workflows for a vendored directory of workflows,"
                + " @Wrapper for a fixed copy of a nixpkgs package.");
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
