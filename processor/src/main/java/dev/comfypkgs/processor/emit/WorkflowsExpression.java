package dev.comfypkgs.processor.emit;

import static dev.comfypkgs.processor.nix.Nix.apply;
import static dev.comfypkgs.processor.nix.Nix.bind;
import static dev.comfypkgs.processor.nix.Nix.ref;
import static dev.comfypkgs.processor.nix.Nix.str;

import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.Scope;
import dev.comfypkgs.processor.nix.Nix;
import dev.comfypkgs.processor.nix.Nix.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code @Workflows} package's {@code .flox/pkgs/<attr>.nix}: {@code stdenv.mkDerivation} over
 * the vendored directory, whose converter turns the API-format workflows into Web-UI ones at build
 * time. {@code python3} runs it and is a build input only: nothing Python reaches the output or
 * its closure.
 */
final class WorkflowsExpression {
  /** What the converter writes, and which the install therefore leaves out of the API set. */
  private static final String CONVERTED = "webui-output";

  private static final String WEB_UI = "$out/share/comfyui/workflows";
  private static final String API = "$out/share/comfyui/workflows-api";

  private WorkflowsExpression() {}

  static Nix expression(PackageDescriptor p, EmitLayout layout) {
    List<Entry> e = new ArrayList<>();
    e.add(bind("pname", str(p.pname())));
    e.add(bind("version", str(p.version())));
    e.add(new Nix.Blank());
    e.add(bind("src", PackageExpression.source(p, layout)));
    e.add(new Nix.Blank());
    e.add(bind("nativeBuildInputs", Nix.refs(List.of(Scope.PYTHON3))));
    e.add(new Nix.Blank());
    e.add(bind("dontConfigure", new Nix.Bool(true)));
    e.add(new Nix.Blank());
    e.add(
        bind(
            "buildPhase",
            new Nix.IndentedStr(
                List.of(
                    "runHook preBuild",
                    Scope.PYTHON3 + " " + Shell.quote(p.workflowsConverter()) + " . " + CONVERTED,
                    "runHook postBuild")),
            "The converter writes the Web-UI form of every API-format workflow to " + CONVERTED
                + "."));
    e.add(new Nix.Blank());
    e.add(bind("installPhase", installPhase()));
    e.add(new Nix.Blank());
    e.add(bind("meta", PackageExpression.meta(p.description(), p.homepage(), p.license(), p.platforms())));
    return new Nix.Lambda(
        PackageExpression.formals(Scope.workflowsArguments()),
        apply(ref(Scope.STDENV + ".mkDerivation"), Nix.attrs(e)));
  }

  /**
   * The converted workflows to {@code workflows}; every other top-level directory and top-level
   * JSON, the API-format ones as vendored, to {@code workflows-api}. {@code webui-output/.} copies
   * the directory's content without a glob that fails when it is empty, and {@code -d} skips the
   * literal {@code *}{@code /} a shell leaves when no directory matches.
   */
  private static Nix installPhase() {
    return new Nix.IndentedStr(
        List.of(
            "runHook preInstall",
            "mkdir -p \"" + WEB_UI + "\" \"" + API + "\"",
            "cp -r " + CONVERTED + "/. \"" + WEB_UI + "/\"",
            "for dir in */; do",
            "  if [ -d \"$dir\" ] && [ \"$dir\" != " + CONVERTED + "/ ]; then",
            "    cp -r \"$dir\" \"" + API + "/\"",
            "  fi",
            "done",
            "find . -maxdepth 1 -name '*.json' -exec cp {} \"" + API + "/\" \\;",
            "runHook postInstall"));
  }
}
