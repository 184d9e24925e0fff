package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.parse.Declaration;
import dev.comfypkgs.processor.parse.ParsedRecipes;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;

/** CPK004: {@code @Requires} targets and meta-package members are {@code @PythonPackage} recipes. */
public final class RecipeReferencesRule implements Rule {
  @Override
  public String id() {
    return "CPK004";
  }

  @Override
  public String summary() {
    return "@Requires targets and @MetaPackage members are @PythonPackage recipes of the set.";
  }

  @Override
  public void check(ParsedRecipes recipes, ValidationReport report) {
    for (Declaration d : recipes.packages()) {
      for (AnnotationMirror m : d.mirrors("Requires")) {
        check(recipes, report, d, m, "value", "@Requires");
      }
    }
    for (Declaration d : recipes.metas()) {
      for (AnnotationMirror m : d.mirrors("MetaPackage")) {
        check(recipes, report, d, m, "members", "a @MetaPackage member");
      }
    }
  }

  private void check(
      ParsedRecipes recipes,
      ValidationReport report,
      Declaration d,
      AnnotationMirror m,
      String attribute,
      String what) {
    List<String> classes = d.classNames(m, attribute);
    for (int i = 0; i < classes.size(); i++) {
      String cls = classes.get(i);
      if (cls.isEmpty()) {
        continue; // javac already reports a class literal it cannot resolve
      }
      if (cls.equals(d.className())) {
        report.error(this, d.anchor(m, attribute, i),
            d.simpleName() + " names itself as " + what + ": remove it.");
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
