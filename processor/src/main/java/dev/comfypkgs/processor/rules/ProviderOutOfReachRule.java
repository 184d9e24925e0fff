package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.MetaDescriptor;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.model.RecipeGraph;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.SystemSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CPK103: a requirement removed from P and provided by recipe R reaches the runtime: P requires R
 * (directly or through others), or R is in every meta-package that holds P, on every system where
 * P is in it.
 */
public final class ProviderOutOfReachRule implements Rule {
  @Override
  public String id() {
    return "CPK103";
  }

  @Override
  public String summary() {
    return "A removed requirement's providing recipe is required by the package, or is in every"
        + " meta-package holding it on the same systems.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    RecipeSet set = recipes.set();
    RecipeGraph graph = set.graph();
    for (RecipeDeclaration d : recipes.packages()) {
      PackageDescriptor p = recipes.packageOf(d);
      for (AnnotationUse m : d.uses("TorchAgnostic")) {
        List<String> names = d.strings(m, "remove");
        for (int i = 0; i < names.size(); i++) {
          String name = names.get(i);
          if (set.runtimeProvides(name)) {
            continue;
          }
          Optional<PackageDescriptor> provider = set.replacementOf(name);
          if (provider.isEmpty() || provider.get().attr().equals(p.attr())
              || graph.reaches(p.attr(), provider.get().attr())) {
            continue;
          }
          String gap = gap(set, p, provider.get());
          if (gap != null) {
            PackageDescriptor r = provider.get();
            String cls = r.recipeClass().substring(r.recipeClass().lastIndexOf('.') + 1);
            report.error(this, d.anchor(m, "remove", i),
                "'" + name + "' is removed and provided by " + r.pname() + ", but " + gap
                    + ": add @Requires(" + cls + ".class) here, or put " + r.pname()
                    + " in every meta-package that holds " + p.pname() + ".");
          }
        }
      }
    }
  }

  /** Why the provider does not reach the runtime with P, or null when it does. */
  private static String gap(RecipeSet set, PackageDescriptor p, PackageDescriptor r) {
    List<String> holders = new ArrayList<>();
    for (MetaDescriptor meta : set.metas()) {
      if (!meta.members().contains(p.attr())) {
        continue;
      }
      holders.add(meta.pname());
      SystemSet withP = p.platforms().intersect(meta.platforms());
      SystemSet withR =
          meta.members().contains(r.attr()) ? r.platforms().intersect(meta.platforms()) : SystemSet.NONE;
      SystemSet missing = withP.minus(withR);
      if (!missing.isEmpty()) {
        return meta.pname() + " holds " + p.pname() + " but not " + r.pname() + " on " + missing;
      }
    }
    if (holders.isEmpty()) {
      return p.pname() + " neither requires it nor is in a meta-package with it";
    }
    return null;
  }
}
