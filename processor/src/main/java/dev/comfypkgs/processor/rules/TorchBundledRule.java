package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.model.RecipeGraph;
import dev.comfypkgs.processor.model.RecipeSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPK101: nothing bundled carries torch at run time, directly or through a {@code @Requires}
 * chain, and nothing the runtime provides is bundled.
 */
public final class TorchBundledRule implements Rule {
  @Override
  public String id() {
    return "CPK101";
  }

  @Override
  public String summary() {
    return "No @Bundle (or meta-package nixpkgs member) carries torch, directly or through"
        + " @Requires, and none is provided by the runtime.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    RecipeSet set = recipes.set();
    RecipeGraph graph = set.graph();
    // Which recipes bundle torch themselves: the name they bundle, for the chain message.
    Map<String, String> bundlesTorch = new HashMap<>();
    for (PackageDescriptor p : set.packages()) {
      p.bundles().stream()
          .flatMap(b -> b.names().stream())
          .filter(set::carriesTorch)
          .findFirst()
          .ifPresent(n -> bundlesTorch.put(p.attr(), n));
    }

    // Which recipes carry torch through their own bundles or anything they require: one pass.
    Map<String, String> viaChain = new HashMap<>();
    if (!bundlesTorch.isEmpty()) {
      for (PackageDescriptor p : set.packages()) {
        String carrier = graph.firstReached(p.attr(), bundlesTorch.keySet());
        if (carrier != null) {
          viaChain.put(p.attr(), carrier);
        }
      }
    }

    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse m : d.uses("Bundle")) {
        checkNames(report, set, d, m, "value");
      }
      PackageDescriptor p = recipes.packageOf(d);
      for (AnnotationUse m : d.uses("Requires")) {
        List<String> classes = d.classNames(m, "value");
        for (int i = 0; i < classes.size(); i++) {
          Optional<PackageDescriptor> target = set.pkgOfClass(classes.get(i));
          if (target.isEmpty() || target.get().attr().equals(p.attr())) {
            continue;
          }
          String via = target.get().attr();
          String carrier = bundlesTorch.containsKey(via) ? via : viaChain.get(via);
          if (carrier == null || carrier.equals(p.attr())) {
            continue;
          }
          List<String> chain = graph.path(via, carrier);
          report.error(this, d.anchor(m, "value", i),
              p.pname() + " requires " + String.join(" -> ", chain) + ", which bundles the"
                  + " torch-bearing '" + bundlesTorch.get(carrier) + "': fix the bundle in " + carrier
                  + " (its own CPK101 error says how).");
        }
      }
    }
    for (RecipeDeclaration d : recipes.metas()) {
      for (AnnotationUse m : d.uses("MetaPackage")) {
        checkNames(report, set, d, m, "nixpkgs");
      }
      for (AnnotationUse m : d.uses("Bundle")) {
        checkNames(report, set, d, m, "value");
      }
    }
  }

  private void checkNames(
      ValidationReport report, RecipeSet set, RecipeDeclaration d,
      AnnotationUse m, String attribute) {
    List<String> names = d.strings(m, attribute);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Optional<PackageDescriptor> replacement = set.replacementOf(name);
      if (set.runtimeProvides(name)) {
        report.error(this, d.anchor(m, attribute, i),
            "'" + name + "' is provided by the runtime (@Runtime) and must not be bundled: remove"
                + " it here" + (set.carriesTorch(name)
                    ? " and strip the requirement with @TorchAgnostic(remove = \"" + name + "\")."
                    : "; strip the requirement with @TorchAgnostic(remove = \"" + name + "\")."));
      } else if (set.carriesTorch(name)) {
        report.error(this, d.anchor(m, attribute, i),
            "'" + name + "' carries torch at run time and must not be bundled: "
                + replacement
                    .map(r -> "bundle " + r.pname() + " instead: @Requires("
                        + simpleName(r.recipeClass()) + ".class), and remove '" + name
                        + "' with @TorchAgnostic(remove).")
                    .orElse("remove it and strip the requirement with @TorchAgnostic(remove ="
                        + " \"" + name + "\"); add a torch-agnostic rebuild that @Replaces(\""
                        + name + "\") if the package needs it."));
      }
    }
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
