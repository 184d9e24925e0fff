package dev.comfypkgs.processor.emit;

import static dev.comfypkgs.processor.nix.Nix.apply;
import static dev.comfypkgs.processor.nix.Nix.bind;
import static dev.comfypkgs.processor.nix.Nix.ref;
import static dev.comfypkgs.processor.nix.Nix.str;

import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.Scope;
import dev.comfypkgs.processor.model.Source;
import dev.comfypkgs.processor.model.SystemSet;
import dev.comfypkgs.processor.nix.Nix;
import dev.comfypkgs.processor.nix.Nix.Entry;
import dev.comfypkgs.processor.nix.Nix.Part;
import dev.comfypkgs.processor.nix.Nix.Splice;
import dev.comfypkgs.processor.nix.Nix.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code @Wrapper}'s {@code .flox/pkgs/<attr>.nix}: nixpkgs' {@code python3.pkgs.<wraps>}
 * copied whole into a writable {@code $out}, fixed in place by the recipe's script, and then
 * cleared of every reference to the original, so that nothing in the closure brings the unpatched
 * files back (the original's files would collide with the copy's in an environment). Version and
 * meta are the wrapped package's, evaluated against the locked nixpkgs; only the description is
 * the recipe's, and {@code @Platforms}, when it narrows the systems, the platforms.
 *
 * <p>The copy keeps the original's {@code nix-support/propagated-build-inputs}, so its Python
 * dependencies still reach an environment, and {@code passthru} (which makes the original a Python
 * module to {@code python3.withPackages}) is deliberately not copied: Flox builds environments
 * from the package outputs and their propagated inputs, not with {@code withPackages}.
 */
final class WrapperExpression {
  private WrapperExpression() {}

  static Nix expression(PackageDescriptor p, EmitLayout layout) {
    Source.Wraps wraps = (Source.Wraps) p.source();
    Nix.Ref wrapped = ref(Scope.PYTHON3 + ".pkgs." + wraps.attribute());

    List<Entry> e = new ArrayList<>();
    e.add(bind("pname", str(p.pname())));
    e.add(new Nix.Inherit(wrapped, List.of("version")));
    e.add(new Nix.Blank());
    // Nothing to unpack or build: the wrapped package's output is the input.
    e.add(bind("dontUnpack", new Nix.Bool(true)));
    e.add(bind("dontBuild", new Nix.Bool(true)));
    e.add(new Nix.Blank());
    e.add(bind("nativeBuildInputs", Nix.refs(List.of(Scope.PYTHON3, Scope.REMOVE_REFERENCES_TO))));
    e.add(new Nix.Blank());
    e.add(
        bind(
            "installPhase",
            installPhase(wrapped, new Nix.PathLit(layout.sourcesFromPkgs() + "/" + wraps.fix())),
            "A copy of " + wrapped.path() + " fixed by sources/" + wraps.fix() + "; the"
                + " original's store path is removed from every file, so only the copy reaches an"
                + " environment."));
    e.add(new Nix.Blank());
    List<Entry> meta = new ArrayList<>();
    meta.add(bind("description", str(p.description())));
    if (!p.platforms().equals(SystemSet.ALL)) {
      meta.add(bind("platforms", Conditions.platforms(p.platforms())));
    }
    e.add(bind("meta", new Nix.Chain("//", List.of(ref(wrapped.path() + ".meta"), Nix.attrs(meta)))));

    return new Nix.Lambda(
        PackageExpression.formals(Scope.wrapperArguments()),
        apply(ref(Scope.STDENV + ".mkDerivation"), Nix.attrs(e)));
  }

  /**
   * Store paths are spliced in double quotes: a store path's name may hold a shell glob
   * character ({@code ?}), and the fix's file name is the recipe's.
   */
  private static Nix installPhase(Nix.Ref wrapped, Nix.PathLit fix) {
    return new Nix.IndentedTemplate(
        List.of(
            text("runHook preInstall"),
            List.of(new Text("cp -r \""), new Splice(wrapped), new Text("\" \"$out\"")),
            text("chmod -R u+w \"$out\""),
            List.of(new Text("python3 \""), new Splice(fix), new Text("\" \"$out\"")),
            List.of(
                new Text("find \"$out\" -type f -exec remove-references-to -t \""),
                new Splice(wrapped),
                new Text("\" {} +")),
            text("runHook postInstall")));
  }

  private static List<Part> text(String line) {
    return List.of(new Text(line));
  }
}
