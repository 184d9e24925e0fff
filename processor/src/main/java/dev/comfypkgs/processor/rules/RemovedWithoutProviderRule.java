package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.model.RecipeSet;
import java.util.List;

/**
 * CPK102: every name a torch-agnostic rebuild removes is provided by the runtime or by a recipe
 * that {@code @Replaces} it; an {@code @Remove} gives its reason instead.
 */
public final class RemovedWithoutProviderRule implements Rule {
  @Override
  public String id() {
    return "CPK102";
  }

  @Override
  public String summary() {
    return "Every @TorchAgnostic(remove) name is provided by @Runtime or by a recipe that"
        + " @Replaces it; every @Remove has a reason.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    RecipeSet set = recipes.set();
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse m : d.uses("TorchAgnostic")) {
        List<String> names = d.strings(m, "remove");
        for (int i = 0; i < names.size(); i++) {
          String name = names.get(i);
          if (!set.runtimeProvides(name) && set.replacementOf(name).isEmpty()) {
            report.error(this, d.anchor(m, "remove", i),
                "nothing provides '" + name + "' once it is removed: add it to @Runtime(provides),"
                    + " or add a torch-agnostic rebuild with @Replaces(\"" + name + "\"); if it is"
                    + " not needed at all, use @Remove(value = \"" + name + "\", reason = \"...\").");
          }
        }
      }
      for (AnnotationUse m : d.uses("Remove")) {
        if (d.string(m, "reason").isBlank()) {
          report.error(this, d.anchor(m, "reason"),
              "@Remove needs a reason: say why the requirement can go and what supplies it instead.");
        }
      }
    }
  }
}
