package dev.comfypkgs.processor.emit;

import static dev.comfypkgs.processor.nix.Nix.apply;
import static dev.comfypkgs.processor.nix.Nix.bind;
import static dev.comfypkgs.processor.nix.Nix.ref;
import static dev.comfypkgs.processor.nix.Nix.str;

import dev.comfypkgs.processor.model.BundleGroup;
import dev.comfypkgs.processor.model.MetaDescriptor;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.Scope;
import dev.comfypkgs.processor.model.Sys;
import dev.comfypkgs.processor.model.SystemSet;
import dev.comfypkgs.processor.nix.Nix.Entry;
import dev.comfypkgs.processor.nix.Nix;
import dev.comfypkgs.processor.nix.NixPrinter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A meta-package file: an empty Python package whose dependencies are its members. Which member
 * goes in on which system is computed from the members' platforms, never written by hand.
 */
public final class MetaPackageExpression {
  private MetaPackageExpression() {}

  public static String render(MetaDescriptor m, RecipeSet set) {
    return NixPrinter.file(PackageExpression.header(m.recipeClass()), expression(m, set));
  }

  /** The members (recipe attrs and nixpkgs names) present on each of the meta-package's systems. */
  public static Map<String, List<String>> membersBySystem(MetaDescriptor m, RecipeSet set) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Sys sys : m.platforms().systems()) {
      List<String> names = new ArrayList<>(m.nixpkgs());
      for (BundleGroup b : m.bundles()) {
        if (b.unconditional() || b.onlyOn().contains(sys)) {
          names.addAll(b.names());
        }
      }
      for (String attr : m.members()) {
        set.pkg(attr).filter(p -> p.platforms().contains(sys)).ifPresent(p -> names.add(attr));
      }
      out.put(sys.nixName(), List.copyOf(new LinkedHashSet<>(names)));
    }
    return out;
  }

  static Nix expression(MetaDescriptor m, RecipeSet set) {
    LinkedHashSet<String> always = new LinkedHashSet<>(m.nixpkgs());
    Map<SystemSet, LinkedHashSet<String>> conditional = new LinkedHashMap<>();
    for (BundleGroup b : m.bundles()) {
      if (b.unconditional()) {
        always.addAll(b.names());
      } else {
        conditional.computeIfAbsent(b.onlyOn(), k -> new LinkedHashSet<>()).addAll(b.names());
      }
    }
    for (String attr : m.members()) {
      PackageDescriptor member = set.pkg(attr).orElseThrow();
      SystemSet on = member.platforms().intersect(m.platforms());
      if (on.equals(m.platforms())) {
        always.add(attr);
      } else if (!on.isEmpty()) {
        conditional.computeIfAbsent(on, k -> new LinkedHashSet<>()).add(attr);
      }
    }

    List<Nix.Formal> formals = new ArrayList<>();
    formals.add(new Nix.Formal(Scope.LIB, null));
    formals.add(new Nix.Formal(Scope.PYTHON3, null));
    if (!conditional.isEmpty()) {
      formals.add(new Nix.Formal(Scope.STDENV, null));
    }
    for (String attr : m.members()) {
      formals.add(new Nix.Formal(attr, null));
    }

    List<Entry> e = new ArrayList<>();
    e.add(bind("pname", str(m.pname())));
    e.add(bind("version", str(m.version())));
    e.add(bind("format", str("other")));
    e.add(new Nix.Blank());
    e.add(bind("dontUnpack", new Nix.Bool(true)));
    e.add(bind("dontBuild", new Nix.Bool(true)));
    e.add(new Nix.Blank());
    e.add(
        bind(
            "installPhase",
            new Nix.IndentedStr(
                List.of(
                    "runHook preInstall",
                    "mkdir -p \"$out\"",
                    "echo " + Shell.quote(m.version()) + " > \"$out/version\"",
                    "runHook postInstall")),
            "Nothing to install: the members arrive as propagated dependencies."));
    Nix dependencies =
        PackageExpression.dependencyChain(List.copyOf(always), conditional, m.platforms());
    if (dependencies != null) {
      e.add(new Nix.Blank());
      e.add(bind("dependencies", dependencies));
    }
    e.add(new Nix.Blank());
    e.add(bind("doCheck", new Nix.Bool(false)));
    e.add(new Nix.Blank());
    e.add(bind("meta", PackageExpression.meta(m.description(), m.homepage(), m.license(), m.platforms())));
    return new Nix.Lambda(formals, apply(ref("python3.pkgs.buildPythonPackage"), Nix.attrs(e)));
  }
}
