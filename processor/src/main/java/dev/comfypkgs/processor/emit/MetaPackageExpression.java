package dev.comfypkgs.processor.emit;

import static dev.comfypkgs.processor.nix.Nix.apply;
import static dev.comfypkgs.processor.nix.Nix.bind;
import static dev.comfypkgs.processor.nix.Nix.ref;
import static dev.comfypkgs.processor.nix.Nix.str;

import dev.comfypkgs.processor.model.Dependencies;
import dev.comfypkgs.processor.model.MetaDescriptor;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.Scope;
import dev.comfypkgs.processor.nix.Nix;
import dev.comfypkgs.processor.nix.Nix.Entry;
import dev.comfypkgs.processor.nix.NixPrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * A meta-package file: an empty Python package whose dependencies are its members. Which member
 * goes in on which system is computed from the members' platforms ({@link Dependencies}), never
 * written by hand.
 */
public final class MetaPackageExpression {
  private MetaPackageExpression() {}

  public static String render(MetaDescriptor m, RecipeSet set) {
    return NixPrinter.file(PackageExpression.header(m.recipeClass()), expression(m, set));
  }

  static Nix expression(MetaDescriptor m, RecipeSet set) {
    Dependencies dependencies = set.dependencies(m);
    List<Nix.Formal> formals = PackageExpression.formals(Scope.metaArguments(m, dependencies));

    List<Entry> e = new ArrayList<>();
    e.add(bind("pname", str(m.pname())));
    e.add(bind("version", str(m.version())));
    // No Python build: nixpkgs' spelling of its legacy format "other".
    e.add(bind("pyproject", new Nix.Bool(false)));
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
    Nix dependencyList = PackageExpression.dependencyList(dependencies, m.platforms());
    if (dependencyList != null) {
      e.add(new Nix.Blank());
      e.add(bind("dependencies", dependencyList));
    }
    e.add(new Nix.Blank());
    e.add(bind("doCheck", new Nix.Bool(false)));
    e.add(new Nix.Blank());
    e.add(bind("meta", PackageExpression.meta(m.description(), m.homepage(), m.license(), m.platforms())));
    return new Nix.Lambda(formals, apply(ref("python3.pkgs.buildPythonPackage"), Nix.attrs(e)));
  }
}
