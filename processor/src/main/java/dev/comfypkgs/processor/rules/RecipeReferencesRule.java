package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.List;

/**
 * CPK004: {@code @Requires} targets and meta-package members are {@code @PythonPackage} recipes,
 * not custom nodes, which provide no importable module.
 */
public final class RecipeReferencesRule implements Rule {
  @Override
  public String id() {
    return "CPK004";
  }

  @Override
  public String summary() {
    return "@Requires targets and @MetaPackage members are @PythonPackage recipes of the set (not"
        + " @CustomNode or @Workflows ones).";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse m : d.uses("Requires")) {
        check(recipes, report, d, m, "value", "@Requires");
      }
    }
    for (RecipeDeclaration d : recipes.metas()) {
      for (AnnotationUse m : d.uses("MetaPackage")) {
        check(recipes, report, d, m, "members", "a @MetaPackage member");
      }
    }
  }

  private void check(
      DeclaredRecipes recipes,
      ValidationReport report,
      RecipeDeclaration d,
      AnnotationUse m,
      String attribute,
      String what) {
    List<String> classes = d.classNames(m, attribute);
    for (int i = 0; i < classes.size(); i++) {
      String cls = classes.get(i);
      PackageDescriptor required = recipes.set().pkgOfClass(cls).orElse(null);
      if (cls.isEmpty()) {
        continue; // javac already reports a class literal it cannot resolve
      }
      if (cls.equals(d.className())) {
        report.error(this, d.anchor(m, attribute, i),
            d.simpleName() + " names itself as " + what + ": remove it.");
      } else if (required != null && (required.isCustomNode() || required.isNodeBundle())) {
        report.error(
            this,
            d.anchor(m, attribute, i),
            cls + " is a @" + (required.isNodeBundle() ? "NodeBundle" : "CustomNode")
                + ", which installs into custom_nodes/ and provides no Python"
                + " module: " + what + " must be a @PythonPackage; install the node on its own.");
      } else if (required != null && required.isWorkflows()) {
        report.error(
            this,
            d.anchor(m, attribute, i),
            cls + " is a @Workflows, which installs workflow files and provides no Python module: "
                + what + " must be a @PythonPackage; install the workflows on their own.");
      } else if (!recipes.isPackage(cls)) {
        report.error(
            this,
            d.anchor(m, attribute, i),
            cls + " is not a recipe: " + what + " must be a class annotated with @PythonPackage"
                + " in this recipe set.");
      }
    }
  }
}
