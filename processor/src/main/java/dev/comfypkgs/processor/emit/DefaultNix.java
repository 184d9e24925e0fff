package dev.comfypkgs.processor.emit;

import dev.comfypkgs.processor.model.PackageFiles;
import static dev.comfypkgs.processor.nix.Nix.apply;
import static dev.comfypkgs.processor.nix.Nix.bind;
import static dev.comfypkgs.processor.nix.Nix.ref;

import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.Scope;
import dev.comfypkgs.processor.nix.Nix;
import dev.comfypkgs.processor.nix.Nix.Entry;
import dev.comfypkgs.processor.nix.NixPrinter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code default.nix}: gives plain {@code nix-build generated-nix -A <attr>} the scope Flox gives
 * {@code .flox/pkgs/}, where every file is called with nixpkgs plus its siblings by attribute name.
 */
public final class DefaultNix {
  private DefaultNix() {}

  public static String render(RecipeSet set) {
    TreeSet<String> attrs = new TreeSet<>();
    set.packages().forEach(p -> attrs.add(p.attr()));
    set.metas().forEach(m -> attrs.add(m.attr()));
    List<Entry> packages = new ArrayList<>();
    for (String attr : attrs) {
      packages.add(
          bind(
              attr,
              apply(
                  ref(Scope.CALL_PACKAGE),
                  new Nix.PathLit("./" + PackageFiles.of(attr)),
                  Nix.attrs())));
    }
    Nix body =
        new Nix.Let(
            List.of(
                bind(Scope.PACKAGES, Nix.attrs(packages)),
                bind(
                    Scope.CALL_PACKAGE,
                    apply(
                        ref(Scope.PKGS + ".lib.callPackageWith"),
                        new Nix.Paren(
                            new Nix.Chain("//", List.of(ref(Scope.PKGS), ref(Scope.PACKAGES))))))),
            ref(Scope.PACKAGES));
    Nix function =
        new Nix.Lambda(
            List.of(
                new Nix.Formal(Scope.SYSTEM, ref("builtins.currentSystem")),
                new Nix.Formal(Scope.NIXPKGS, new Nix.PathLit("<nixpkgs>")),
                new Nix.Formal(
                    Scope.PKGS,
                    apply(
                        ref("import"),
                        ref(Scope.NIXPKGS),
                        Nix.attrs(new Nix.Inherit(null, List.of(Scope.SYSTEM)))))),
            body);
    return NixPrinter.file(
        List.of(
            GeneratedFile.NIX_MARKER.substring(2) + ". Do not edit: change the recipes and run `mvn compile`.",
            "For `nix-build generated-nix -A <attr>`: the scope Flox gives .flox/pkgs/, where each",
            "file is called with nixpkgs plus its sibling packages by attribute name."),
        function);
  }
}
