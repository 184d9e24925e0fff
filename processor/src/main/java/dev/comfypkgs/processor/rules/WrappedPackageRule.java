package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.nix.NixNames;
import dev.comfypkgs.processor.nix.NixStrings;

/**
 * CPK121: a {@code @Wrapper} wraps a {@code python3.pkgs} attribute by its Nix name, and not one
 * that carries torch: the copy would bring torch into every closure that holds it. Whether nixpkgs
 * knows the name is CPK112's check, with the nixpkgs index.
 */
public final class WrappedPackageRule implements Rule {
  @Override
  public String id() {
    return "CPK121";
  }

  @Override
  public String summary() {
    return "A @Wrapper wraps a python3.pkgs attribute: a Nix identifier (known to nixpkgs with"
        + " -Acomfypkgs.nixpkgsIndex, CPK112), not a torch-bearing package.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse w : d.uses("Wrapper")) {
        String wraps = d.string(w, "wraps");
        if (!NixStrings.isRepresentable(wraps)) {
          continue; // CPK005 reports it
        }
        if (!NixNames.isIdentifier(wraps)) {
          report.error(this, d.anchor(w, "wraps"),
              "wraps = \"" + NixStrings.visible(wraps) + "\" is not a python3.pkgs attribute name:"
                  + " give the nixpkgs attribute to copy, e.g. \"onnxruntime\".");
        } else if (recipes.set().carriesTorch(wraps)) {
          report.error(this, d.anchor(w, "wraps"),
              "'" + wraps + "' carries torch at run time, which only the runtime may bring: a"
                  + " wrapper would put it into every closure that holds the wrapper.");
        }
      }
    }
  }
}
