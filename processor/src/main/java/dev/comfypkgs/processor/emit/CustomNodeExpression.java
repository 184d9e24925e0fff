package dev.comfypkgs.processor.emit;

import static dev.comfypkgs.processor.nix.Nix.apply;
import static dev.comfypkgs.processor.nix.Nix.bind;
import static dev.comfypkgs.processor.nix.Nix.ref;
import static dev.comfypkgs.processor.nix.Nix.str;

import dev.comfypkgs.processor.model.Dependencies;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.Scope;
import dev.comfypkgs.processor.model.Source;
import dev.comfypkgs.processor.model.Substitution;
import dev.comfypkgs.processor.nix.Nix;
import dev.comfypkgs.processor.nix.Nix.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code @CustomNode}'s {@code .flox/pkgs/<attr>.nix}: the source tree copied to {@code
 * $out/share/comfyui/custom_nodes/<directory>}, where ComfyUI loads it.
 *
 * <p>Which builder: a node with Python dependencies calls {@code python3.pkgs.buildPythonPackage}
 * with {@code pyproject = false} (nixpkgs' format "other": no wheel, no dist-info). Both builders
 * would write the dependencies to {@code nix-support/propagated-build-inputs}, but only
 * buildPythonPackage refuses a dependency built for another interpreter, fails the build when two
 * builds of one distribution meet in the closure (nixpkgs' ultralytics next to
 * comfyui-ultralytics), and is a Python module to {@code python3.withPackages}, which drops a plain
 * derivation and its dependencies with it. A node without dependencies gains none of that and
 * would only carry the interpreter into its closure, so it calls {@code stdenv.mkDerivation}.
 */
final class CustomNodeExpression {
  /** Where ComfyUI looks for custom nodes in an environment. */
  private static final String CUSTOM_NODES = "$out/share/comfyui/custom_nodes";

  private CustomNodeExpression() {}

  static Nix expression(PackageDescriptor p, RecipeSet set, EmitLayout layout) {
    Dependencies dependencies = set.dependencies(p);
    boolean python = !dependencies.isEmpty();
    List<Nix.Formal> formals =
        PackageExpression.formals(Scope.customNodeArguments(p, dependencies));

    List<Entry> e = new ArrayList<>();
    e.add(bind("pname", str(p.pname())));
    e.add(bind("version", str(p.version())));
    if (python) {
      e.add(bind("pyproject", new Nix.Bool(false)));
    }
    e.add(new Nix.Blank());
    if (p.source() instanceof Source.Nodes nodes) {
      e.addAll(nodeSources(nodes, layout));
    } else {
      e.add(bind("src", PackageExpression.source(p, layout)));
      if (p.source() instanceof Source.GitHub gh && !gh.sourceRoot().isEmpty()) {
        // fetchFromGitHub unpacks into a directory named "source".
        e.add(bind("sourceRoot", str("source/" + gh.sourceRoot())));
      }
      if (!p.substitutions().isEmpty()) {
        e.add(new Nix.Blank());
        e.add(bind("postPatch", PackageExpression.postPatch(p.substitutions())));
      }
    }
    Nix dependencyList = PackageExpression.dependencyList(dependencies, p.platforms());
    if (dependencyList != null) {
      e.add(new Nix.Blank());
      e.add(bind("dependencies", dependencyList));
    }
    e.add(new Nix.Blank());
    // Without these, stdenv would run a ./configure or Makefile the node happens to ship.
    e.add(bind("dontConfigure", new Nix.Bool(true)));
    e.add(bind("dontBuild", new Nix.Bool(true)));
    e.add(new Nix.Blank());
    e.add(
        bind(
            "installPhase",
            p.isNodeBundle()
                ? bundleInstallPhase(p.substitutions())
                : installPhase(p.customNodeDirectory()),
            "A custom node: ComfyUI loads it from share/comfyui/custom_nodes, not from"
                + " site-packages."));
    if (python) {
      e.add(new Nix.Blank());
      e.add(
          bind(
              "doCheck",
              new Nix.Bool(false),
              "A custom node has no test suite that runs without ComfyUI and torch."));
    }
    e.add(new Nix.Blank());
    e.add(bind("meta", PackageExpression.meta(p.description(), p.homepage(), p.license(), p.platforms())));

    Nix builder =
        python ? ref("python3.pkgs.buildPythonPackage") : ref(Scope.STDENV + ".mkDerivation");
    return new Nix.Lambda(formals, apply(builder, Nix.attrs(e)));
  }

  /**
   * A bundle unpacks nothing: its nodes' sources are two lists the install phase reads from the
   * environment, paired by position, in install order. Directories are single safe path segments
   * (CPK115) and store paths hold no space, so splitting the lists on spaces is exact.
   */
  private static List<Entry> nodeSources(Source.Nodes nodes, EmitLayout layout) {
    List<Nix.Item> directories = new ArrayList<>();
    List<Nix.Item> sources = new ArrayList<>();
    for (Source.Node node : nodes.sorted()) {
      directories.add(new Nix.Item(List.of(), str(node.directory())));
      Nix source =
          node.source() instanceof Source.GitHub gh
              ? new Nix.Paren(PackageExpression.gitHubSource(gh))
              : new Nix.PathLit(
                  layout.sourcesFromPkgs() + "/" + ((Source.Vendored) node.source()).file());
      sources.add(new Nix.Item(List.of(), source));
    }
    return List.of(
        bind("dontUnpack", new Nix.Bool(true),
            "No source of its own: installPhase pairs nodeSources with nodeDirectories."),
        bind("nodeDirectories", new Nix.ListOf(directories)),
        bind("nodeSources", new Nix.ListOf(sources)));
  }

  /**
   * Installs each node as {@link #installPhase} installs a custom node's source, in sorted order
   * of directory, then edits the installed files: an edit names its node, and runs after every
   * node is in place, in declaration order.
   */
  private static Nix bundleInstallPhase(List<Substitution> edits) {
    List<String> lines = new ArrayList<>(List.of(
        "runHook preInstall",
        "nodes=\"" + CUSTOM_NODES + "\"",
        "mkdir -p \"$nodes\"",
        "installNodes() {",
        "  for directory in $nodeDirectories; do",
        "    cp -r \"$1\" \"$nodes/$directory\"",
        "    chmod -R u+w \"$nodes/$directory\"",
        "    rm -rf \"$nodes/$directory/.git\" \"$nodes/$directory/.github\"",
        "    shift",
        "  done",
        "}",
        "installNodes $nodeSources"));
    for (Substitution edit : edits) {
      // A quoted word may span lines (a file name too): the indented string gets them one by one.
      String command = "substituteInPlace \"$nodes\"/"
          + Shell.quote(edit.node() + "/" + edit.file()) + " \\\n"
          + "  --replace-fail " + Shell.quote(edit.replace()) + " " + Shell.quote(edit.with());
      lines.addAll(List.of(command.split("\n", -1)));
    }
    lines.add("runHook postInstall");
    return new Nix.IndentedStr(lines);
  }

  /**
   * Copies the unpacked source whole, without the VCS directories, which only grow the output.
   * Files copied from the store are read-only, and removing them or editing them in a {@code
   * postInstall} needs them writable.
   */
  private static Nix installPhase(String directory) {
    return new Nix.IndentedStr(
        List.of(
            "runHook preInstall",
            "node=\"" + CUSTOM_NODES + "\"/" + Shell.quote(directory),
            "mkdir -p \"" + CUSTOM_NODES + "\"",
            "cp -r . \"$node\"",
            "chmod -R u+w \"$node\"",
            "rm -rf \"$node/.git\" \"$node/.github\"",
            "runHook postInstall"));
  }
}
