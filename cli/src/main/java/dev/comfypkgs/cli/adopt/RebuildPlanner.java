package dev.comfypkgs.cli.adopt;

import com.fasterxml.jackson.databind.JsonNode;
import com.palantir.javapoet.ClassName;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.RecipesFile;
import dev.comfypkgs.cli.fetch.ArchiveTree;
import dev.comfypkgs.cli.fetch.GitHubUrls;
import dev.comfypkgs.cli.fetch.HttpStatusException;
import dev.comfypkgs.cli.fetch.NarHash;
import dev.comfypkgs.cli.fetch.Prefetcher;
import dev.comfypkgs.cli.fetch.RetryPolicy;
import dev.comfypkgs.cli.fetch.SourceLocations;
import dev.comfypkgs.cli.pypi.PyPIJson;
import dev.comfypkgs.cli.pypi.PyPIProject;
import dev.comfypkgs.cli.pypi.TorchReach;
import dev.comfypkgs.cli.requirements.Classifier;
import dev.comfypkgs.cli.requirements.MarkerEnvironment;
import dev.comfypkgs.cli.requirements.Markers;
import dev.comfypkgs.cli.requirements.Pep508;
import dev.comfypkgs.cli.scaffold.RecipeArguments;
import dev.comfypkgs.cli.scaffold.RecipeSpec;
import dev.comfypkgs.cli.scaffold.RecipeWriter;
import dev.comfypkgs.common.PackageKind;
import dev.comfypkgs.common.PythonNames;
import dev.comfypkgs.common.RecipeNames;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans a torch-agnostic rebuild recipe for each torch-bearing requirement that has none, from
 * PyPI's JSON: a {@code @GitHub} source at the release tag when a repository PyPI links to has one
 * (tried as {@code v<version>}, then {@code <version>}) holding this project, else {@code @PyPI}
 * with the sdist's published SHA-256 (nothing downloaded), else nothing (a human must find one).
 * Its own {@code requires_dist}, evaluated for Linux with no extras, is sorted as the node's is:
 * runtime names removed, recipe-provided ones required (and removed when the recipe is a
 * rebuild), nixpkgs ones bundled, torch-bearing ones rebuilt the same way first, unknown ones
 * listed. A cycle among new rebuilds cannot be expressed with {@code @Requires} (CPK110) and stops
 * the run.
 */
final class RebuildPlanner {
  /** At most this many rebuilds are written in one run. */
  static final int MAX_REBUILDS = 25;
  private static final List<String> DEFAULT_BUILD_SYSTEM = List.of("setuptools", "wheel");
  private static final Map<String, String> CLASSIFIERS = Map.of(
      "License :: OSI Approved :: MIT License", "MIT",
      "License :: OSI Approved :: Apache Software License", "ASL20",
      "License :: OSI Approved :: ISC License (ISCL)", "ISC",
      "License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)", "MPL20",
      "License :: OSI Approved :: The Unlicense (Unlicense)", "UNLICENSE");

  /**
   * One planned rebuild.
   *
   * @param sourceNote how its source was found, for the summary
   */
  record Rebuild(RecipeSpec spec, String sourceNote) {}

  private final Classifier classifier;
  private final PyPIJson.Client pypi;
  private final TorchReach.Result reach;
  private final Prefetcher prefetcher;
  private final RetryPolicy retry;
  private final SourceLocations locations;
  private final RecipesFile recipes;
  private final String packageName;
  private final String pythonVersion;
  private final Map<String, ClassName> planned = new LinkedHashMap<>();
  private final Set<String> inProgress = new LinkedHashSet<>();
  private final List<Rebuild> rebuilds = new ArrayList<>();
  private final List<String> needsHuman = new ArrayList<>();

  RebuildPlanner(Classifier classifier, PyPIJson.Client pypi, TorchReach.Result reach, Prefetcher prefetcher,
      RetryPolicy retry, SourceLocations locations, RecipesFile recipes, String packageName, String pythonVersion) {
    this.classifier = classifier;
    this.pypi = pypi;
    this.reach = reach;
    this.prefetcher = prefetcher;
    this.retry = retry;
    this.locations = locations;
    this.recipes = recipes;
    this.packageName = packageName;
    this.pythonVersion = pythonVersion;
  }

  /** The rebuilds planned so far, each after those it requires. */
  List<Rebuild> rebuilds() {
    return List.copyOf(rebuilds);
  }

  /** What a human must look at, found while planning. */
  List<String> needsHuman() {
    return List.copyOf(needsHuman);
  }

  /** Whether the walk found that {@code name} brings torch. */
  boolean bringsTorch(String name) {
    return reach.of(name).map(v -> v.reach() == TorchReach.Reach.TORCH).orElse(false);
  }

  /** The walk's chain for a torch-bearing name: {@code foo → bar → torch}. */
  String chain(String name) {
    return reach.of(name).map(v -> String.join(" → ", v.chain())).orElse(name);
  }

  /**
   * The class of the rebuild of {@code name}, planned with those it needs; empty when no source
   * can be found (it is listed for a human).
   */
  Optional<ClassName> plan(String name) throws IOException {
    String normal = PythonNames.normalize(name);
    if (planned.containsKey(normal)) {
      return Optional.ofNullable(planned.get(normal));
    }
    if (inProgress.contains(normal)) {
      List<String> cycle = new ArrayList<>(inProgress);
      cycle = cycle.subList(cycle.indexOf(normal), cycle.size());
      throw new CliException(ExitCode.FAILED, "the torch-bearing requirements " + String.join(" → ", cycle)
          + " → " + normal + " require each other: their rebuilds cannot @Requires each other (CPK110);"
          + " write them by hand. Nothing was written.");
    }
    if (rebuilds.size() >= MAX_REBUILDS) {
      throw new CliException(ExitCode.FAILED, "more than " + MAX_REBUILDS + " torch-agnostic rebuilds would"
          + " be needed: adopt the node's requirements one at a time. Nothing was written.");
    }
    inProgress.add(normal);
    try {
      Optional<ClassName> cls = planNew(name, normal);
      planned.put(normal, cls.orElse(null));
      return cls;
    } finally {
      inProgress.remove(normal);
    }
  }

  private Optional<ClassName> planNew(String name, String normal) throws IOException {
    Optional<PyPIProject> found = pypi.project(name);
    if (found.isEmpty()) {
      needsHuman.add("source    " + name + ": carries torch (" + chain(name) + ") and is not on PyPI: no"
          + " findable source; write its rebuild with ./comfypkgs new --torch-agnostic");
      return Optional.empty();
    }
    PyPIProject project = found.get();
    String version = project.version();
    String attr = normal;
    String pname = "comfyui-" + attr;
    if (version == null || !RecipeNames.isStoreName(version) || !RecipeNames.isNixIdentifier(attr)) {
      needsHuman.add("source    " + name + ": PyPI's name or version (" + version + ") cannot name a"
          + " package; write its rebuild by hand");
      return Optional.empty();
    }
    RecipeArguments.storeNameFits(pname, version);
    RecipeArguments.freeAttr(recipes, attr, pname);
    ClassName cls = ClassName.get(packageName, RecipeWriter.classNameOf(attr));

    RecipeSpec.Builder spec = RecipeSpec.builder(RecipeSpec.Kind.PYTHON_PACKAGE, packageName, cls.simpleName())
        .pname(pname)
        .attr(attr)
        .version(version)
        .description(description(project))
        .license(license(project, pname))
        .replaces(List.of(project.name()))
        .javadoc("A torch-agnostic rebuild of " + project.name() + " " + version + ", adopted with {@code"
            + " comfypkgs adopt} because " + chain(name) + ".");
    String note = gitHub(project, normal, spec);
    if (note == null) {
      if (project.sdist().isEmpty()) {
        needsHuman.add("source    " + name + ": carries torch (" + chain(name) + "), and PyPI has no sdist"
            + " of " + version + " and links no GitHub repository with a tag for it");
        return Optional.empty();
      }
      PyPIProject.Sdist sdist = project.sdist().get();
      spec.source(new RecipeSpec.PyPISource(sdist.distributionName(), "",
              NarHash.sri(HexFormat.of().parseHex(sdist.sha256()))))
          .homepage("https://pypi.org/project/" + project.name() + "/")
          .buildSystem(DEFAULT_BUILD_SYSTEM);
      note = "@PyPI " + sdist.distributionName() + " (sha256 from PyPI; no linked GitHub tag holds this project)";
      needsHuman.add("build     " + pname + ": build backend not read from the sdist; check @BuildSystem");
    }
    requirements(project, pname, spec);
    RecipeSpec built = spec.build();
    rebuilds.add(new Rebuild(built, note));
    return Optional.of(cls);
  }

  /**
   * Tries each GitHub repository PyPI links to at {@code v<version>} and {@code <version>}; on the
   * first archive that holds this project, sets the source, build system and smoke import and
   * returns the note. A 404 tries the next; any other failure stops the run.
   */
  private String gitHub(PyPIProject project, String normal, RecipeSpec.Builder spec) throws IOException {
    for (GitHubUrls.Repo repo : GitHubUrls.candidates(project.projectUrls(), project.homePage())) {
      for (String tag : List.of("v" + project.version(), project.version())) {
        URI uri = locations.github(repo.owner(), repo.repo(), tag).uri();
        try (Prefetcher.Fetched fetched = retry.call(() -> prefetcher.open(uri, true))) {
          ArchiveTree tree = fetched.tree();
          Optional<List<String>> buildSystem = projectAt(tree, normal);
          if (buildSystem.isEmpty()) {
            break; // not this project: the next repository
          }
          spec.source(new RecipeSpec.GitHubSource(repo.owner(), repo.repo(), tag, null, fetched.hash()))
              .homepage("https://github.com/" + repo.owner() + "/" + repo.repo())
              .buildSystem(buildSystem.get());
          String module = normal.replace('-', '_');
          if (tree.kind(module + "/__init__.py") == ArchiveTree.EntryKind.FILE
              || tree.kind("src/" + module + "/__init__.py") == ArchiveTree.EntryKind.FILE) {
            spec.smokeImports(List.of(module));
          }
          return "@GitHub " + repo.owner() + "/" + repo.repo() + " " + tag;
        } catch (HttpStatusException e) {
          if (e.status() != 404) {
            throw e;
          }
        }
      }
    }
    return null;
  }

  /**
   * The build backends of the project at the top of {@code tree}, when it is this project: a
   * {@code pyproject.toml}, {@code setup.py} or {@code setup.cfg} there, and a declared
   * {@code [project].name}, if any, that is this name.
   */
  private static Optional<List<String>> projectAt(ArchiveTree tree, String normal) throws IOException {
    boolean pyproject = tree.kind("pyproject.toml") == ArchiveTree.EntryKind.FILE;
    if (!pyproject && tree.kind("setup.py") != ArchiveTree.EntryKind.FILE
        && tree.kind("setup.cfg") != ArchiveTree.EntryKind.FILE) {
      return Optional.empty();
    }
    if (!pyproject) {
      return Optional.of(DEFAULT_BUILD_SYSTEM);
    }
    JsonNode toml = NodeReader.pyproject(new ArchiveTextFiles(tree));
    JsonNode declared = toml.path("project").path("name");
    if (declared.isTextual() && !PythonNames.normalize(declared.asText()).equals(normal)) {
      return Optional.empty();
    }
    Set<String> backends = new LinkedHashSet<>();
    for (JsonNode entry : toml.path("build-system").path("requires")) {
      try {
        backends.add(PythonNames.normalize(Pep508.parse(entry.asText()).name()));
      } catch (Pep508.InvalidDependency e) {
        // an unreadable entry is not a backend this recipe can name
      }
    }
    return Optional.of(backends.isEmpty() ? DEFAULT_BUILD_SYSTEM : List.copyOf(backends));
  }

  /** Sorts the project's requires_dist into the recipe. */
  private void requirements(PyPIProject project, String pname, RecipeSpec.Builder spec) throws IOException {
    Set<String> remove = new LinkedHashSet<>(List.of("torch"));
    Set<String> bundled = new TreeSet<>();
    Set<ClassName> requires = new LinkedHashSet<>();
    List<String> systems = new ArrayList<>(NodePlanner.LINUX_SYSTEMS);
    for (String entry : project.requiresDist()) {
      Pep508.Dependency d;
      try {
        d = Pep508.parse(entry);
      } catch (Pep508.InvalidDependency e) {
        needsHuman.add("unknown   " + pname + ": requires_dist " + e.getMessage());
        continue;
      }
      if (d.marker() != null && !mayHoldOnLinux(d.marker())) {
        continue;
      }
      Classifier.Decision decision = classifier.decide(d.name(), d.url());
      switch (decision.kind()) {
        case RUNTIME -> remove.add(d.name());
        case RECIPE -> {
          RecipesFile.Package p = decision.recipe();
          if (p.kind() != PackageKind.PYTHON_PACKAGE || p.recipeClass() == null) {
            needsHuman.add("recipe    " + pname + " requires " + d.name() + ", provided by " + p.pname()
                + ", a " + p.kind().description() + ": not a Python package to @Requires");
            continue;
          }
          requires.add(ClassName.bestGuess(p.recipeClass()));
          if (p.torchAgnostic() || bringsTorch(d.name())) {
            remove.add(d.name());
          }
          if (!p.platforms().isEmpty()) {
            systems.retainAll(p.platforms());
          }
        }
        case TORCH_BEARING -> rebuilt(d.name(), pname, remove, requires);
        case NIXPKGS, UNKNOWN -> {
          if (bringsTorch(d.name())) {
            rebuilt(d.name(), pname, remove, requires);
          } else if (decision.kind() == Classifier.Kind.NIXPKGS) {
            bundled.add(decision.nixpkgsAttr());
          } else {
            needsHuman.add("unknown   " + pname + " requires " + d.name() + ": not known here; bundle or"
                + " package it by hand");
          }
        }
      }
    }
    spec.bundle(List.copyOf(bundled), List.of())
        .requires(List.copyOf(requires))
        .torchRemove(List.copyOf(remove))
        .platforms(systems.containsAll(NodePlanner.LINUX_SYSTEMS) ? List.of("LINUX")
            : systems.stream().map(s -> s.replace('-', '_').toUpperCase(Locale.ROOT)).toList());
  }

  private void rebuilt(String name, String pname, Set<String> remove, Set<ClassName> requires) throws IOException {
    remove.add(name);
    Optional<ClassName> cls = plan(name);
    if (cls.isPresent()) {
      requires.add(cls.get());
    } else {
      needsHuman.add("requires  " + pname + " requires " + name + ", removed: it carries torch and has no"
          + " rebuild yet");
    }
  }

  /** Whether the marker may hold on Linux: an undecided one keeps the dependency, as for the node. */
  private boolean mayHoldOnLinux(String marker) {
    for (String machine : MarkerEnvironment.LINUX_MACHINES) {
      if (Markers.evaluate(marker, MarkerEnvironment.linux(pythonVersion, machine)) != Markers.Truth.FALSE) {
        return true;
      }
    }
    return false;
  }

  private static String description(PyPIProject project) {
    String summary = project.summary();
    if (summary == null || summary.isBlank() || summary.codePoints().anyMatch(Character::isISOControl)) {
      return project.name() + ", built to use the runtime's PyTorch";
    }
    String line = summary.strip();
    return (line.length() > 200 ? line.substring(0, 200) : line) + ", built to use the runtime's PyTorch";
  }

  private String license(PyPIProject project, String pname) {
    List<String> said = new ArrayList<>();
    if (project.licenseExpression() != null) {
      said.add(project.licenseExpression());
      Optional<String> c = Licenses.ofSpdx(project.licenseExpression());
      if (c.isPresent()) {
        return c.get();
      }
    }
    if (project.license() != null && project.license().length() < 40) {
      said.add(project.license());
      Optional<String> c = Licenses.ofSpdx(project.license().strip().replace(' ', '-'));
      if (c.isPresent()) {
        return c.get();
      }
    }
    for (String classifier : project.classifiers()) {
      String c = CLASSIFIERS.get(classifier);
      if (c != null) {
        return c;
      }
    }
    needsHuman.add("license   " + pname + ": PyPI says " + (said.isEmpty() ? "nothing" : "\"" + said.get(0) + "\"")
        + "; written as MIT, check it");
    return "MIT";
  }
}
