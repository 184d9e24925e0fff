package dev.comfypkgs.processor.rules;

import dev.comfypkgs.common.PythonNames;
import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;

/** CPK104: a {@code @TorchAgnostic} package removes torch: the annotation claims it does. */
public final class TorchNotRemovedRule implements Rule {
  @Override
  public String id() {
    return "CPK104";
  }

  @Override
  public String summary() {
    return "A @TorchAgnostic package's remove list includes torch.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse m : d.uses("TorchAgnostic")) {
        boolean torch =
            d.strings(m, "remove").stream().anyMatch(n -> PythonNames.normalize(n).equals("torch"));
        if (!torch) {
          report.error(this, d.anchor(m, "remove"),
              "@TorchAgnostic does not remove \"torch\": add it to remove (the runtime provides"
                  + " torch), or drop @TorchAgnostic if the package does not need torch.");
        }
      }
    }
  }
}
