package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.model.SystemSet;
import java.util.List;

/**
 * CPK105: a {@code @Requires} target supports every system the dependent supports (meta-package
 * members are CPK007's: included where they are supported).
 */
public final class RequiresPlatformsRule implements Rule {
  @Override
  public String id() {
    return "CPK105";
  }

  @Override
  public String summary() {
    return "A @Requires target supports every system its dependent supports.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      PackageDescriptor p = recipes.packageOf(d);
      for (AnnotationUse m : d.uses("Requires")) {
        List<String> classes = d.classNames(m, "value");
        for (int i = 0; i < classes.size(); i++) {
          PackageDescriptor target = recipes.set().pkgOfClass(classes.get(i)).orElse(null);
          if (target == null) {
            continue;
          }
          SystemSet missing = p.platforms().minus(target.platforms());
          if (!missing.isEmpty()) {
            report.error(this, d.anchor(m, "value", i),
                p.pname() + " supports " + missing + " but requires " + target.pname()
                    + ", which does not: narrow " + p.pname() + "'s @Platforms, or widen "
                    + target.pname() + "'s.");
          }
        }
      }
    }
  }
}
