package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.PackageFiles;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.model.Scope;
import java.util.HashMap;
import java.util.Map;

/**
 * CPK003: no two recipes (packages or meta-packages) share a pname or an attr, and no attr is a
 * name the generated files take from their scope ({@link Scope#reserved()}): a recipe's attr is
 * an argument of every file that requires it, so {@code lib} or {@code true} would hide nixpkgs'
 * or Nix's value in each of them; nor one Flox's loader would not load under that name
 * ({@link PackageFiles#UNLOADABLE}: {@code default}, {@code ...flake}, {@code __...}).
 */
public final class UniqueNamesRule implements Rule {
  @Override
  public String id() {
    return "CPK003";
  }

  @Override
  public String summary() {
    return "No two recipes share a pname or an attr (the .nix file name); no attr is a name the"
        + " generated files take from their scope (lib, python3, stdenv, true, ...: recipes.json"
        + " reservedAttrs) or one Flox would not load as that name (default, ...flake, __...).";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    Map<String, RecipeDeclaration> pnames = new HashMap<>();
    Map<String, RecipeDeclaration> attrs = new HashMap<>();
    for (RecipeDeclaration d : recipes.packages()) {
      var p = recipes.packageOf(d);
      String head = d.packageHead();
      claim(report, pnames, p.pname(), d, head, "pname", "pname");
      claim(report, attrs, p.attr(), d, head, attrAttribute(d, head), "attr");
      notReserved(report, p.attr(), d, head);
      loadable(report, p.attr(), d, head);
    }
    for (RecipeDeclaration d : recipes.metas()) {
      var m = recipes.metaOf(d);
      claim(report, pnames, m.pname(), d, "MetaPackage", "pname", "pname");
      claim(report, attrs, m.attr(), d, "MetaPackage", attrAttribute(d, "MetaPackage"), "attr");
      notReserved(report, m.attr(), d, "MetaPackage");
      loadable(report, m.attr(), d, "MetaPackage");
    }
  }

  private void notReserved(ValidationReport report, String attr, RecipeDeclaration d, String annotation) {
    if (Scope.reserved().contains(attr)) {
      String attribute = attrAttribute(d, annotation);
      report.error(
          this,
          d.anchor(annotation, attribute),
          "the attr '" + attr + "' is a name the generated files take from their scope (nixpkgs',"
              + " Flox's or Nix's): as an argument of every file that requires this recipe it"
              + " would hide that name. " + renameHint(attribute));
    }
  }

  private void loadable(ValidationReport report, String attr, RecipeDeclaration d, String annotation) {
    PackageFiles.whyUnloadable(attr).ifPresent(why -> {
      String attribute = attrAttribute(d, annotation);
      report.error(this, d.anchor(annotation, attribute),
          "the attr '" + attr + "' cannot name a Flox package file: " + why + ". "
              + renameHint(attribute));
    });
  }

  /** How to fix an attr: set it, keeping the pname when the attr came from it. */
  private static String renameHint(String attribute) {
    return "Set attr = \"...\" to another name" + (attribute.equals("pname") ? " (the pname can stay)." : ".");
  }

  /** An attr left to default is the pname: point at whichever the user wrote. */
  private static String attrAttribute(RecipeDeclaration d, String annotation) {
    return d.explicit(d.uses(annotation).get(0), "attr") ? "attr" : "pname";
  }

  private void claim(
      ValidationReport report,
      Map<String, RecipeDeclaration> seen,
      String name,
      RecipeDeclaration d,
      String annotation,
      String attribute,
      String what) {
    RecipeDeclaration first = seen.putIfAbsent(name, d);
    if (first != null) {
      report.error(
          this,
          d.anchor(annotation, attribute),
          "the " + what + " '" + name + "' is already taken by " + first.simpleName()
              + ": give one of the two recipes another " + what + ".");
    }
  }
}
