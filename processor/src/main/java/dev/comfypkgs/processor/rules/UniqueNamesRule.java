package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.parse.Declaration;
import dev.comfypkgs.processor.parse.ParsedRecipes;
import java.util.HashMap;
import java.util.Map;

/** CPK003: no two recipes (packages or meta-packages) share a pname or an attr. */
public final class UniqueNamesRule implements Rule {
  @Override
  public String id() {
    return "CPK003";
  }

  @Override
  public String summary() {
    return "No two recipes share a pname or an attr (the .nix file name).";
  }

  @Override
  public void check(ParsedRecipes recipes, ValidationReport report) {
    Map<String, Declaration> pnames = new HashMap<>();
    Map<String, Declaration> attrs = new HashMap<>();
    for (Declaration d : recipes.packages()) {
      var p = recipes.packageOf(d);
      claim(report, pnames, p.pname(), d, "PythonPackage", "pname", "pname");
      claim(report, attrs, p.attr(), d, "PythonPackage", attrAttribute(d, "PythonPackage"), "attr");
    }
    for (Declaration d : recipes.metas()) {
      var m = recipes.metaOf(d);
      claim(report, pnames, m.pname(), d, "MetaPackage", "pname", "pname");
      claim(report, attrs, m.attr(), d, "MetaPackage", attrAttribute(d, "MetaPackage"), "attr");
    }
  }

  /** An attr left to default is the pname: point at whichever the user wrote. */
  private static String attrAttribute(Declaration d, String annotation) {
    return d.explicit(d.mirrors(annotation).get(0), "attr") ? "attr" : "pname";
  }

  private void claim(
      ValidationReport report,
      Map<String, Declaration> seen,
      String name,
      Declaration d,
      String annotation,
      String attribute,
      String what) {
    Declaration first = seen.putIfAbsent(name, d);
    if (first != null) {
      report.error(
          this,
          d.anchor(annotation, attribute),
          "the " + what + " '" + name + "' is already taken by " + first.element().getSimpleName()
              + ": give one of the two recipes another " + what + ".");
    }
  }
}
