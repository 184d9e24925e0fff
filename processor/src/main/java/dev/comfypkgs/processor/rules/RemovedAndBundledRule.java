package dev.comfypkgs.processor.rules;

import dev.comfypkgs.common.PythonNames;
import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CPK111 (warning): a name both removed and bundled. That is how a version pin used to be dropped;
 * {@code @Relax} says so directly and keeps the requirement in the metadata.
 */
public final class RemovedAndBundledRule implements Rule {
  @Override
  public String id() {
    return "CPK111";
  }

  @Override
  public String summary() {
    return "(warning) A name both removed and bundled: use @Relax to drop a version pin.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      Set<String> bundled = new HashSet<>();
      recipes.packageOf(d).bundles().forEach(b -> b.names().forEach(n -> bundled.add(PythonNames.normalize(n))));
      for (String annotation : List.of("TorchAgnostic", "Remove")) {
        String attribute = annotation.equals("TorchAgnostic") ? "remove" : "value";
        for (AnnotationUse m : d.uses(annotation)) {
          List<String> names = d.strings(m, attribute);
          for (int i = 0; i < names.size(); i++) {
            if (bundled.contains(PythonNames.normalize(names.get(i)))) {
              report.warning(this, d.anchor(m, attribute, i),
                  "'" + names.get(i) + "' is both removed and bundled: to drop its version pin,"
                      + " write @Relax(\"" + names.get(i) + "\") instead of removing it.");
            }
          }
        }
      }
    }
  }

}
