package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.model.RecipeGraph;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CPK123: a {@code @Wrapper} is a copy of a built nixpkgs package, so the annotations that give a
 * source, a wheel or dependencies mean nothing on it; and no closure holds both the wrapper and
 * the plain package it wraps, whose files would collide with the copy's in an environment, where
 * the unpatched one may win.
 */
public final class WrapperUseRule implements Rule {
  /** Each annotation refused on a wrapper, with what it would have done. */
  private static final List<KindAnnotationsRule.Refused> REFUSED =
      List.of(
          refused("GitHub", "gives a source"),
          refused("PyPI", "gives a source"),
          refused("Vendored", "gives a source"),
          refused("Bundle", "adds dependencies"),
          refused("Requires", "adds dependencies"),
          refused("TorchAgnostic", "edits a wheel's METADATA"),
          refused("Remove", "edits a wheel's METADATA"),
          refused("Relax", "edits a wheel's METADATA"),
          refused("Replaces", "stands in for a requirement of a wheel's METADATA"),
          refused("SkipRuntimeDepsCheck", "skips a check of a wheel's METADATA"),
          refused("BuildSystem", "names a wheel's build backend"),
          refused("ImportsCheck", "imports a package after its build"),
          refused("Substitute", "edits a source"),
          refused("FloxBuild", "versions a build of ours"),
          refused("TracksComfyUI", "versions a build of ours"));

  private static KindAnnotationsRule.Refused refused(String annotation, String does) {
    return new KindAnnotationsRule.Refused(annotation, does, ".");
  }

  @Override
  public String id() {
    return "CPK123";
  }

  @Override
  public String summary() {
    return "A @Wrapper has no source, wheel or dependency annotations (@GitHub, @PyPI, @Vendored,"
        + " @Bundle, @Requires, @TorchAgnostic, @Remove, ...), and no closure holds both a wrapper"
        + " and the plain package it wraps.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      if (!d.has("Wrapper")) {
        continue;
      }
      KindAnnotationsRule.refuse(this, report, d, "Wrapper", "a wrapper is a fixed copy of"
          + " python3.pkgs." + wrapped(recipes.packageOf(d)) + " as nixpkgs builds it", REFUSED);
    }
    RecipeSet set = recipes.set();
    List<PackageDescriptor> wrappers = set.packages().stream().filter(PackageDescriptor::isWrapper).toList();
    if (wrappers.isEmpty()) {
      return;
    }
    for (RecipeDeclaration d : recipes.packages()) {
      checkPackage(report, recipes, d, wrappers);
    }
    for (RecipeDeclaration d : recipes.metas()) {
      checkMeta(report, recipes, d, wrappers);
    }
  }

  /**
   * A package whose closure holds a wrapper and the plain package, where none of the recipes it
   * requires holds both on its own (that one's error covers it): the error is at what brings the
   * plain one.
   */
  private void checkPackage(
      ValidationReport report, DeclaredRecipes recipes, RecipeDeclaration d, List<PackageDescriptor> wrappers) {
    RecipeSet set = recipes.set();
    PackageDescriptor p = recipes.packageOf(d);
    if (p.isWrapper()) {
      return;
    }
    List<Optional<PackageDescriptor>> targets = new ArrayList<>();
    for (AnnotationUse use : d.uses("Requires")) {
      d.classNames(use, "value").forEach(c -> targets.add(set.pkgOfClass(c)));
    }
    for (PackageDescriptor w : wrappers) {
      String plain = wrapped(w);
      if (!reaches(set, p.attr(), w.attr())
          || targets.stream().flatMap(Optional::stream)
              .anyMatch(t -> reaches(set, t.attr(), w.attr()) && carrierOf(set, t.attr(), plain) != null)) {
        continue;
      }
      String holds = p.pname() + " requires " + w.attr() + " (" + String.join(" -> ",
          set.graph().path(p.attr(), w.attr())) + "), a patched copy of python3.pkgs." + plain
          + ", and ";
      for (AnnotationUse use : d.uses("Bundle")) {
        List<String> names = d.strings(use, "value");
        for (int i = 0; i < names.size(); i++) {
          if (names.get(i).equals(plain)) {
            report.error(this, d.anchor(use, "value", i), holds + "bundles the plain '" + plain
                + "' too" + COLLISION);
          }
        }
      }
      for (AnnotationUse use : d.uses("Requires")) {
        List<String> classes = d.classNames(use, "value");
        for (int i = 0; i < classes.size(); i++) {
          Optional<PackageDescriptor> t = set.pkgOfClass(classes.get(i));
          String carrier = t.isEmpty() ? null : carrierOf(set, t.get().attr(), plain);
          if (carrier != null) {
            report.error(this, d.anchor(use, "value", i), holds + "the plain '" + plain
                + "' through " + String.join(" -> ", set.graph().path(t.get().attr(), carrier))
                + ", which bundles it" + COLLISION);
          }
        }
      }
    }
  }

  /** A meta-package whose members, nixpkgs list or bundles bring both, no member both alone. */
  private void checkMeta(
      ValidationReport report, DeclaredRecipes recipes, RecipeDeclaration d, List<PackageDescriptor> wrappers) {
    RecipeSet set = recipes.set();
    AnnotationUse meta = d.uses("MetaPackage").get(0);
    List<String> memberClasses = d.classNames(meta, "members");
    List<Optional<PackageDescriptor>> members =
        memberClasses.stream().map(set::pkgOfClass).toList();
    String pname = recipes.metaOf(d).pname();
    for (PackageDescriptor w : wrappers) {
      String plain = wrapped(w);
      Optional<PackageDescriptor> bringsWrapper = members.stream().flatMap(Optional::stream)
          .filter(m -> reaches(set, m.attr(), w.attr())).findFirst();
      if (bringsWrapper.isEmpty()
          || members.stream().flatMap(Optional::stream)
              .anyMatch(m -> reaches(set, m.attr(), w.attr()) && carrierOf(set, m.attr(), plain) != null)) {
        continue;
      }
      String holds = pname + " holds " + w.attr() + " (" + String.join(" -> ",
          set.graph().path(bringsWrapper.get().attr(), w.attr())) + "), a patched copy of"
          + " python3.pkgs." + plain + ", and ";
      List<String> nixpkgs = d.strings(meta, "nixpkgs");
      for (int i = 0; i < nixpkgs.size(); i++) {
        if (nixpkgs.get(i).equals(plain)) {
          report.error(this, d.anchor(meta, "nixpkgs", i),
              holds + "the plain '" + plain + "' through its nixpkgs list" + COLLISION);
        }
      }
      for (AnnotationUse use : d.uses("Bundle")) {
        List<String> names = d.strings(use, "value");
        for (int i = 0; i < names.size(); i++) {
          if (names.get(i).equals(plain)) {
            report.error(this, d.anchor(use, "value", i),
                holds + "bundles the plain '" + plain + "' too" + COLLISION);
          }
        }
      }
      for (int i = 0; i < members.size(); i++) {
        String carrier = members.get(i).map(m -> carrierOf(set, m.attr(), plain)).orElse(null);
        if (carrier != null) {
          report.error(this, d.anchor(meta, "members", i), holds + "the plain '" + plain
              + "' through " + String.join(" -> ", set.graph().path(members.get(i).get().attr(), carrier))
              + ", which bundles it" + COLLISION);
        }
      }
    }
  }

  private static final String COLLISION =
      ": both install the same files, and the unpatched ones may win in the environment; bundle"
          + " or require the wrapper only.";

  /** True when {@code from} is {@code to} or requires it, directly or not. */
  private static boolean reaches(RecipeSet set, String from, String to) {
    return from.equals(to) || set.graph().reaches(from, to);
  }

  /** The first recipe in {@code attr}'s closure (itself included) that bundles {@code name}. */
  private static String carrierOf(RecipeSet set, String attr, String name) {
    for (PackageDescriptor q : set.packages()) {
      if (reaches(set, attr, q.attr())
          && q.bundles().stream().anyMatch(b -> b.names().contains(name))) {
        return q.attr();
      }
    }
    return null;
  }

  private static String wrapped(PackageDescriptor wrapper) {
    return ((Source.Wraps) wrapper.source()).attribute();
  }
}
