package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.BundleGroup;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.MetaDescriptor;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.model.SystemSet;
import java.util.List;
import java.util.Map;

/**
 * CPK007: a conditional {@code @Bundle} applies on at least one system of its recipe, and a
 * meta-package member supports at least one of the meta-package's systems. A member that supports
 * only some of them is included on those alone, and a note says so.
 */
public final class ApplicabilityRule implements Rule {
  @Override
  public String id() {
    return "CPK007";
  }

  @Override
  public String summary() {
    return "A conditional @Bundle applies somewhere, and a meta-package member supports at least"
        + " one of its systems (partly supported members are included conditionally, with a note).";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      PackageDescriptor pkg = recipes.packageOf(d);
      bundles(report, d, pkg.bundles(), pkg.platforms());
    }
    Map<String, PackageDescriptor> byAttr = recipes.set().packagesByAttr();
    for (RecipeDeclaration d : recipes.metas()) {
      MetaDescriptor meta = recipes.metaOf(d);
      bundles(report, d, meta.bundles(), meta.platforms());
      AnnotationUse m = d.uses("MetaPackage").get(0);
      List<String> classes = d.classNames(m, "members");
      for (int i = 0; i < classes.size(); i++) {
        PackageDescriptor member = recipes.set().pkgOfClass(classes.get(i)).orElse(null);
        if (member == null || byAttr.get(member.attr()) != member) {
          continue;
        }
        SystemSet on = meta.memberSystems(member);
        if (on.isEmpty()) {
          report.error(this, d.anchor(m, "members", i),
              member.pname() + " supports " + member.platforms() + ", none of " + meta.pname()
                  + "'s systems (" + meta.platforms() + "): remove it from members, or widen its"
                  + " @Platforms.");
        } else if (!on.equals(meta.platforms())) {
          report.note(this, d.anchor(m, "members", i),
              member.pname() + " is included in " + meta.pname() + " only on " + on
                  + " (its @Platforms).");
        }
      }
    }
  }

  /** {@code bundles} are the model's, one per {@code @Bundle} in declaration order. */
  private void bundles(
      ValidationReport report, RecipeDeclaration d, List<BundleGroup> bundles, SystemSet platforms) {
    List<AnnotationUse> mirrors = d.uses("Bundle");
    for (int i = 0; i < bundles.size(); i++) {
      AnnotationUse m = mirrors.get(i);
      if (bundles.get(i).onlyOn().isEmpty()) {
        String fault = d.explicit(m, "unless") ? "unless" : "systems";
        report.error(this, d.anchor(m, fault),
            "this @Bundle applies on none of the recipe's systems (" + platforms + "): fix its"
                + " systems/unless, or remove it.");
      }
    }
  }
}
