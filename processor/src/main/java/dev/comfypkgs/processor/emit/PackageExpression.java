package dev.comfypkgs.processor.emit;

import static dev.comfypkgs.processor.nix.Nix.apply;
import static dev.comfypkgs.processor.nix.Nix.bind;
import static dev.comfypkgs.processor.nix.Nix.ref;
import static dev.comfypkgs.processor.nix.Nix.str;

import dev.comfypkgs.annotations.Format;
import dev.comfypkgs.processor.model.Dependencies;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.Removal;
import dev.comfypkgs.processor.model.Scope;
import dev.comfypkgs.processor.model.Source;
import dev.comfypkgs.processor.model.Substitution;
import dev.comfypkgs.processor.model.SystemSet;
import dev.comfypkgs.processor.nix.Nix;
import dev.comfypkgs.processor.nix.Nix.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code .flox/pkgs/<attr>.nix}: a function of nixpkgs' {@code lib}, {@code python3}, the
 * fetcher, and the sibling recipes it requires (Flox's loader, and the generated
 * {@code default.nix}, pass siblings by attribute name), calling
 * {@code python3.pkgs.buildPythonPackage}. A custom node's file is {@link CustomNodeExpression}'s,
 * a workflows package's {@link WorkflowsExpression}'s, a wrapper's {@link WrapperExpression}'s.
 */
public final class PackageExpression {
  /** The nixpkgs attribute of the PEP 517 backend a {@link Format#SETUPTOOLS} recipe builds with. */
  private static final String SETUPTOOLS_BACKEND = "setuptools";

  private PackageExpression() {}

  static List<String> header(String recipeClass) {
    return List.of(
        GeneratedFile.NIX_MARKER.substring(2) + " from " + recipeClass + ".",
        "Do not edit: change the recipe and run `mvn compile`.");
  }

  public static String render(PackageDescriptor p, RecipeSet set, EmitLayout layout) {
    return dev.comfypkgs.processor.nix.NixPrinter.file(
        header(p.recipeClass()),
        switch (p.kind()) {
          case PYTHON_PACKAGE -> expression(p, set, layout);
          case CUSTOM_NODE, NODE_BUNDLE -> CustomNodeExpression.expression(p, set, layout);
          case WRAPPER -> WrapperExpression.expression(p, layout);
          case WORKFLOWS -> WorkflowsExpression.expression(p, layout);
        });
  }

  static Nix expression(PackageDescriptor p, RecipeSet set, EmitLayout layout) {
    Dependencies dependencies = set.dependencies(p);
    List<Nix.Formal> formals = formals(Scope.packageArguments(p, dependencies));

    List<Entry> e = new ArrayList<>();
    e.add(bind("pname", str(p.pname())));
    e.add(bind("version", str(p.version())));
    e.add(
        switch (p.format()) {
          case PYPROJECT, SETUPTOOLS -> bind("pyproject", new Nix.Bool(true));
          case WHEEL -> bind("format", str("wheel"));
          case OTHER -> bind("pyproject", new Nix.Bool(false));
        });
    e.add(new Nix.Blank());
    e.add(bind("src", source(p, layout)));
    if (p.source() instanceof Source.GitHub gh && !gh.sourceRoot().isEmpty()) {
      // fetchFromGitHub unpacks into a directory named "source".
      e.add(bind("sourceRoot", str("source/" + gh.sourceRoot())));
    }
    if (!p.substitutions().isEmpty()) {
      e.add(new Nix.Blank());
      e.add(bind("postPatch", postPatch(p.substitutions())));
    }
    List<String> buildSystem = buildSystem(p);
    if (!buildSystem.isEmpty()) {
      e.add(new Nix.Blank());
      e.add(bind("build-system", new Nix.With(ref("python3.pkgs"), Nix.refs(buildSystem))));
    }
    Nix dependencyList = dependencyList(dependencies, p.platforms());
    if (dependencyList != null) {
      e.add(new Nix.Blank());
      e.add(bind("dependencies", dependencyList));
    }
    if (!p.relax().isEmpty()) {
      e.add(new Nix.Blank());
      e.add(bind("pythonRelaxDeps", Nix.strings(p.relax())));
    }
    if (!p.removals().isEmpty()) {
      e.add(new Nix.Blank());
      e.add(bind("pythonRemoveDeps", removals(p, set)));
    }
    e.add(new Nix.Blank());
    if (p.skipRuntimeDepsCheck() != null) {
      e.add(bind("dontCheckRuntimeDeps", new Nix.Bool(true), p.skipRuntimeDepsCheck()));
    }
    e.add(
        bind(
            "doCheck",
            new Nix.Bool(false),
            p.torchAgnostic()
                ? "Upstream's tests need torch, which only the runtime provides."
                : "Upstream's tests are not packaged."));
    if (!p.importsCheck().isEmpty()) {
      e.add(bind("pythonImportsCheck", Nix.strings(p.importsCheck())));
    }
    e.add(new Nix.Blank());
    e.add(bind("meta", meta(p.description(), p.homepage(), p.license(), p.platforms())));

    return new Nix.Lambda(formals, apply(ref("python3.pkgs.buildPythonPackage"), Nix.attrs(e)));
  }

  /**
   * The recipe's build system; for a {@link Format#SETUPTOOLS} recipe, which is built as a
   * pyproject package, with the {@code setuptools} backend first when the recipe does not list it.
   */
  private static List<String> buildSystem(PackageDescriptor p) {
    if (p.format() != Format.SETUPTOOLS || p.buildSystem().contains(SETUPTOOLS_BACKEND)) {
      return p.buildSystem();
    }
    List<String> withBackend = new ArrayList<>();
    withBackend.add(SETUPTOOLS_BACKEND);
    withBackend.addAll(p.buildSystem());
    return withBackend;
  }

  static Nix meta(String description, String homepage, String license, SystemSet platforms) {
    List<Entry> m = new ArrayList<>();
    m.add(bind("description", str(description)));
    if (!homepage.isEmpty()) {
      m.add(bind("homepage", str(homepage)));
    }
    m.add(bind("license", ref("lib.licenses." + license)));
    m.add(bind("platforms", Conditions.platforms(platforms)));
    return Nix.attrs(m);
  }

  static Nix source(PackageDescriptor p, EmitLayout layout) {
    Source source = Objects.requireNonNull(p.source(), "rules guarantee one source");
    if (source instanceof Source.GitHub gh) {
      return gitHubSource(gh);
    }
    if (source instanceof Source.PyPI pypi) {
      List<Entry> a = new ArrayList<>();
      a.add(bind("pname", str(pypi.name())));
      a.add(bind("version", str(pypi.version().isEmpty() ? p.version() : pypi.version())));
      if (pypi.wheel()) {
        a.add(bind("format", str("wheel")));
        a.add(bind("dist", str("py3")));
        a.add(bind("python", str("py3")));
      }
      a.add(bind("hash", hash(pypi.hash())));
      return apply(ref("python3.pkgs.fetchPypi"), Nix.attrs(a));
    }
    if (source instanceof Source.VendoredDirectory directory) {
      return new Nix.PathLit(layout.sourcesFromPkgs() + "/" + directory.directory());
    }
    Source.Vendored vendored = (Source.Vendored) source;
    return new Nix.PathLit(layout.sourcesFromPkgs() + "/" + vendored.file());
  }

  /** {@code fetchFromGitHub { owner; repo; tag or rev; hash; }}. */
  static Nix gitHubSource(Source.GitHub gh) {
    List<Entry> a = new ArrayList<>();
    a.add(bind("owner", str(gh.owner())));
    a.add(bind("repo", str(gh.repo())));
    a.add(gh.tag().isEmpty() ? bind("rev", str(gh.rev())) : bind("tag", str(gh.tag())));
    a.add(bind("hash", hash(gh.hash())));
    return apply(ref(Scope.FETCH_FROM_GITHUB), Nix.attrs(a));
  }

  /** An unknown hash builds with {@code lib.fakeHash}, so the first build prints the real one. */
  private static Nix hash(String hash) {
    return hash.isEmpty() ? ref("lib.fakeHash") : str(hash);
  }

  static Nix postPatch(List<Substitution> substitutions) {
    List<String> lines = new ArrayList<>();
    for (Substitution s : substitutions) {
      // A quoted word may span lines (a file name too): the indented string gets them one by one.
      String command = "substituteInPlace " + Shell.quote(s.file()) + " \\\n"
          + "  --replace-fail " + Shell.quote(s.replace()) + " " + Shell.quote(s.with());
      lines.addAll(List.of(command.split("\n", -1)));
    }
    return new Nix.IndentedStr(lines);
  }

  static List<Nix.Formal> formals(List<String> arguments) {
    return arguments.stream().map(argument -> new Nix.Formal(argument, null)).toList();
  }

  /**
   * {@code with python3.pkgs; [ always ] ++ lib.optionals (when) [ ... ] ...}; null when empty.
   * Siblings sit in the same lists: a function argument is not shadowed by {@code with}.
   */
  static Nix dependencyList(Dependencies dependencies, SystemSet within) {
    List<String> always = dependencies.always();
    Map<SystemSet, List<String>> conditional = dependencies.conditional();
    if (always.isEmpty() && conditional.isEmpty()) {
      return null;
    }
    List<Nix> operands = new ArrayList<>();
    if (!always.isEmpty() || conditional.isEmpty()) {
      operands.add(Nix.refs(always));
    }
    conditional.forEach(
        (on, names) ->
            operands.add(
                apply(
                    ref("lib.optionals"),
                    Conditions.argument(Conditions.when(on, within)),
                    Nix.refs(names))));
    Nix body = operands.size() == 1 ? operands.get(0) : new Nix.Chain("++", operands);
    return new Nix.With(ref("python3.pkgs"), body);
  }

  private static Nix removals(PackageDescriptor p, RecipeSet set) {
    List<Nix.Item> items = new ArrayList<>();
    String previous = null;
    for (Removal r : p.removals()) {
      String why = why(r, set);
      List<String> comments = why.equals(previous) ? List.of() : List.of(why);
      previous = why;
      items.add(new Nix.Item(comments, str(r.name())));
    }
    return new Nix.ListOf(items);
  }

  private static String why(Removal r, RecipeSet set) {
    if (!r.torch()) {
      return r.reason();
    }
    if (set.runtimeProvides(r.name())) {
      return "Provided by the runtime environment.";
    }
    return set.replacementOf(r.name())
        .map(provider -> "Provided by " + provider.pname() + ".")
        .orElse("Removed; nothing in this recipe set provides it.");
  }
}
