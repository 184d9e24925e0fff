package dev.comfypkgs.processor.rules;

import dev.comfypkgs.common.PythonNames;
import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPK110: no two recipes {@code @Replaces} the same name; {@code @Requires} has no cycle; a
 * torch-agnostic rebuild's pname starts with {@code comfyui-}. (Unique pnames and attrs: CPK003.)
 */
public final class IdentityRule implements Rule {
  @Override
  public String id() {
    return "CPK110";
  }

  @Override
  public String summary() {
    return "No two recipes @Replaces one name; @Requires has no cycle; a torch-agnostic pname"
        + " starts with comfyui-.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    Map<String, RecipeDeclaration> replaced = new HashMap<>();
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse m : d.uses("Replaces")) {
        List<String> names = d.strings(m, "value");
        for (int i = 0; i < names.size(); i++) {
          RecipeDeclaration first = replaced.putIfAbsent(PythonNames.normalize(names.get(i)), d);
          if (first != null && first != d) {
            report.error(this, d.anchor(m, "value", i),
                "'" + names.get(i) + "' is already replaced by " + first.simpleName()
                    + ": one recipe provides each requirement; remove one of the two @Replaces.");
          }
        }
      }
      PackageDescriptor p = recipes.packageOf(d);
      if (p.torchAgnostic() && !p.pname().startsWith("comfyui-")) {
        report.error(this, d.anchor(d.packageHead(), "pname"),
            "a torch-agnostic rebuild's pname starts with comfyui-, so it cannot be mistaken for"
                + " nixpkgs' torch-bearing package: pname = \"comfyui-" + p.pname()
                + "\" (keep attr = \"" + p.attr() + "\" if the file name should stay).");
      }
    }
    for (List<String> cycle : recipes.set().graph().cycles()) {
      String first = cycle.get(0);
      String second = cycle.get(1);
      recipes.declarationOf(first).ifPresent(d -> {
        for (AnnotationUse m : d.uses("Requires")) {
          List<String> classes = d.classNames(m, "value");
          for (int i = 0; i < classes.size(); i++) {
            String cls = classes.get(i);
            boolean isSecond = recipes.set().pkgOfClass(cls)
                .map(p -> p.attr().equals(second)).orElse(false);
            if (isSecond) {
              report.error(this, d.anchor(m, "value", i),
                  "@Requires forms a cycle: " + String.join(" -> ", cycle)
                      + ". Break it: a package cannot need itself.");
              return;
            }
          }
        }
      });
    }
  }
}
