package dev.comfypkgs.processor.rules;

import dev.comfypkgs.common.Suggestions;
import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.List;
import java.util.Set;

/**
 * CPK112: with {@code -Acomfypkgs.nixpkgsIndex=<file>}, every {@code @Bundle}, {@code @BuildSystem},
 * {@code @Wrapper} wraps and meta-package nixpkgs name exists in nixpkgs' {@code python3.pkgs}. Off without the option.
 */
public final class UnknownNixpkgsNameRule implements Rule {
  @Override
  public String id() {
    return "CPK112";
  }

  @Override
  public String summary() {
    return "With -Acomfypkgs.nixpkgsIndex, every @Bundle, @BuildSystem, @Wrapper wraps and"
        + " meta-package nixpkgs name is a python3.pkgs attribute (suggestions given).";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    Set<String> index = recipes.settings().nixpkgsIndex();
    if (index == null) {
      return;
    }
    for (RecipeDeclaration d : recipes.packages()) {
      check(report, index, d, "Bundle", "value");
      check(report, index, d, "BuildSystem", "value");
      check(report, index, d, "Wrapper", "wraps");
    }
    for (RecipeDeclaration d : recipes.metas()) {
      check(report, index, d, "Bundle", "value");
      check(report, index, d, "MetaPackage", "nixpkgs");
    }
  }

  private void check(
      ValidationReport report, Set<String> index, RecipeDeclaration d, String annotation, String attribute) {
    for (AnnotationUse m : d.uses(annotation)) {
      List<String> names = d.strings(m, attribute);
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (index.contains(name)) {
          continue;
        }
        List<String> closest = Suggestions.closest(name, index, 3).stream()
            .map(c -> "'" + c + "'").toList();
        report.error(this, d.anchor(m, attribute, i),
            "'" + name + "' is not a python3.pkgs attribute in the nixpkgs index"
                + (closest.isEmpty() ? "" : "; did you mean " + String.join(", ", closest) + "?"));
      }
    }
  }
}
