package dev.comfypkgs.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.comfypkgs.common.PythonNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs verify}: no torch in a runtime closure but the runtime's, and no torch-agnostic
 * package whose METADATA still requires what it removed. Judged by package name (the store name
 * without hash, {@code pythonX.Y-} prefix and version), not by a grep over paths: a package named
 * {@code comfyui-open-clip-torch} is not torch, and a torch whose path holds "comfyui" is.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks built packages (their result-<attr> links, or --result paths) for torch in the"
          + " runtime closure, printing the chain of references that brings it in, and checks every"
          + " torch-agnostic package's METADATA for requirements pythonRemoveDeps should have removed.",
      "With --static, checks the derivations' propagated inputs before anything is built."
    })
final class VerifyCommand implements Callable<Integer> {
  /** The base name of a store path: 32 characters of Nix's base-32, a dash, the name. */
  private static final Pattern STORE_PATH_NAME =
      Pattern.compile("[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+\\-._?=]+");

  @ParentCommand Main main;

  @Mixin PackageSelection selection;

  @Mixin SystemOption systemOption;

  @Option(names = "--result", paramLabel = "PATH", arity = "1..*",
      description = "Result links or store paths to verify, instead of packages. Each must be a"
          + " store path (<store>/<hash>-<name>) or a link to one; a path inside a store path"
          + " (result/lib) is refused.")
  List<Path> results = new ArrayList<>();

  @Option(names = "--static",
      description = "Instantiate the derivations with nix-instantiate and walk their propagated"
          + " inputs, without building anything.")
  boolean staticCheck;

  @Option(names = "--nixpkgs", paramLabel = "PATH",
      description = "The nixpkgs for --static, passed as --argstr nixpkgs (default: the revision"
          + " .flox/env/manifest.lock pins if there is one, else <nixpkgs>).")
  Path nixpkgs;

  @Option(names = "--allow", paramLabel = "NAME|PATH", arity = "1..*",
      description = "A torch the runtime provides on purpose: a package name (e.g. torch) or an"
          + " exact store path, which is then not a failure.")
  List<String> allow = new ArrayList<>();

  @Mixin OutputFormat output;

  private Allowed allowed;

  /**
   * One thing wrong; {@code kind} says which, and only that kind's fields are set (the JSON leaves
   * the others out). Made by the factories below, one per kind.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Failure(String kind, String path, String name, List<String> chain, String requirement,
      String metadata, String message) {
    /** The result link or path to verify does not exist. */
    static Failure notBuilt(Path result, String target) {
      return new Failure("not-built", result.toString(), null, null, null, null,
          result + " does not exist: build it first (comfypkgs build " + target + ")");
    }

    /** {@code tool} (the kind) failed on {@code subject}, so there is nothing to check. */
    static Failure toolFailed(String tool, String subject, String message) {
      return new Failure(tool, subject, null, null, null, null, message);
    }

    /** A torch-bearing package {@code name} at {@code path}, reached by {@code chain}. */
    static Failure torch(String path, String name, List<String> chain, String where) {
      return new Failure("torch", path, name, chain, null, null,
          "'" + name + "' " + where + ": " + path);
    }

    /**
     * A torch-agnostic package's METADATA still requires what its recipe removes by PEP 503 name,
     * because the removal hook compares METADATA's own spelling, case and all.
     */
    static Failure misspelledRemoval(String path, String pname, List<String> chain,
        Metadata.Requirement requirement, String removal, Path metadata) {
      return new Failure("metadata-spelling", path, pname, chain, requirement.text(),
          metadata.toString(), pname + "'s METADATA still requires '" + requirement.text()
              + "': pythonRemoveDeps has '" + removal + "', but the removal hook matches"
              + " METADATA's spelling case-sensitively (no PEP 503 normalisation): spell it '"
              + requirement.name() + "' (" + metadata + ")");
    }

    /** A requirement the removal hook would have deleted is still there: the hook did not run. */
    static Failure hookDidNotRun(String path, String pname, List<String> chain,
        Metadata.Requirement requirement, String removal, Path metadata) {
      return new Failure("metadata-hook", path, pname, chain, requirement.text(),
          metadata.toString(), pname + "'s METADATA still requires '" + requirement.text()
              + "', which pythonRemoveDeps entry '" + removal + "' matches: the removal hook"
              + " did not run on this package (" + metadata + ")");
    }
  }

  /** The verdict on one target. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Report(String target, String storePath, int closureSize, int metadataChecked,
      int customNodes, List<Failure> failures) {
    boolean ok() {
      return failures.isEmpty();
    }
  }

  @Override
  public Integer call() throws IOException {
    Workspace ws = main.workspace();
    if (selection.conflicting() || selection.given() == !results.isEmpty()) {
      throw CliException.usage("give package names, --all, or --result PATH... (exactly one of them).");
    }
    if (staticCheck && !results.isEmpty()) {
      throw CliException.usage("--static checks packages by name, not --result paths.");
    }
    if (systemOption.given() && !results.isEmpty()) {
      throw CliException.usage("--system chooses packages by name, not --result paths.");
    }
    RecipesFile recipes = ws.recipes();
    allowed = Allowed.of(allow);
    List<String> candidates = selection.attrs(recipes);
    List<Report> reports = new ArrayList<>();
    SystemSelection selected = null;
    if (staticCheck) {
      Path instantiate = Tools.require("nix-instantiate", Tools.INSTALL_NIX);
      selected = SystemSelection.of(recipes, systemOption.system(), candidates, selection.all);
      for (String attr : selected.attrs()) {
        reports.add(staticReport(ws, recipes, instantiate, attr));
      }
    } else {
      Path nixStore = Tools.require("nix-store", Tools.INSTALL_NIX);
      if (results.isEmpty()) {
        selected = SystemSelection.of(recipes, systemOption.system(), candidates, selection.all);
        for (String attr : selected.attrs()) {
          reports.add(closureReport(recipes, nixStore, attr, ws.resultLink(attr)));
        }
      } else {
        for (Path result : results) {
          reports.add(closureReport(recipes, nixStore, result.toString(), result));
        }
      }
    }
    print(reports, selected);
    return reports.stream().allMatch(Report::ok) ? ExitCode.OK : ExitCode.FAILED;
  }

  private Report closureReport(RecipesFile recipes, Path nixStore, String target, Path result) {
    if (!Files.exists(result)) {
      return new Report(target, null, 0, 0, 0, List.of(Failure.notBuilt(result, target)));
    }
    String storePath = storePathOf(result);
    Tools.Result graph = Tools.run(List.of(nixStore.toString(), "--query", "--graph", storePath), null, Map.of());
    if (!graph.ok()) {
      return new Report(target, storePath, 0, 0, 0, List.of(Failure.toolFailed("nix-store", storePath,
          "nix-store --query --graph failed: " + graph.stderr().strip())));
    }
    String storeDir = Path.of(storePath).getParent().toString();
    ClosureGraph closure = ClosureGraph.parseDot(storePath, storeDir, graph.stdout());

    List<Failure> failures = new ArrayList<>(torchIn(recipes, closure));
    Map<String, RecipesFile.Package> byPname = recipes.packagesByPname();
    int checked = 0;
    int customNodes = 0;
    for (String path : closure.paths()) {
      RecipesFile.Package recipe = byPname.get(Names.packageName(path));
      if (recipe != null && recipe.isCustomNode()) {
        // A custom node has no METADATA of its own: its Python dependencies are further paths of
        // the same closure, checked as any package's.
        customNodes++;
        continue;
      }
      if (recipe == null || !recipe.torchAgnostic()) {
        continue;
      }
      for (Metadata.Dist dist : Metadata.in(Path.of(path))) {
        checked++;
        for (Metadata.Requirement requirement : dist.requires()) {
          failures.addAll(metadataFailures(recipe, path, closure.chain(path), requirement, dist.file()));
        }
      }
    }
    return new Report(target, storePath, closure.paths().size(), checked, customNodes, failures);
  }

  /**
   * What is wrong with one requirement still in a torch-agnostic package's METADATA, judged as
   * nixpkgs' removal hook judges it ({@link Metadata.Requirement#removedBy}): a removal that
   * matches it means the hook never ran; a removal of the same PEP 503 name that does not match
   * it is spelled differently from METADATA. Nothing, if no removal is about it.
   */
  static List<Failure> metadataFailures(RecipesFile.Package recipe, String path,
      List<String> chain, Metadata.Requirement requirement, Path metadata) {
    for (RecipesFile.Removal removal : recipe.removals()) {
      if (requirement.removedBy(removal.name())) {
        return List.of(Failure.hookDidNotRun(
            path, recipe.pname(), chain, requirement, removal.name(), metadata));
      }
    }
    String name = PythonNames.normalize(requirement.name());
    for (RecipesFile.Removal removal : recipe.removals()) {
      if (PythonNames.normalize(removal.name()).equals(name)) {
        return List.of(Failure.misspelledRemoval(
            path, recipe.pname(), chain, requirement, removal.name(), metadata));
      }
    }
    return List.of();
  }

  /**
   * The store path a result link or path resolves to. Only a store path itself is a result: a
   * path inside one (its closure is not what the package brings in) or outside the store is a
   * usage error that says what to give instead.
   */
  static String storePathOf(Path result) {
    Path real;
    try {
      real = result.toRealPath();
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILED, "cannot resolve " + result + ": " + e.getMessage());
    }
    String env = System.getenv("NIX_STORE_DIR");
    Path store = Path.of(env == null || env.isBlank() ? "/nix/store" : env);
    Path realStore;
    try {
      realStore = store.toRealPath();
    } catch (IOException noStore) {
      realStore = store;
    }
    int depth = realStore.getNameCount();
    if (real.startsWith(realStore) && real.getNameCount() > depth
        && STORE_PATH_NAME.matcher(real.getName(depth).toString()).matches()) {
      Path storePath = store.resolve(real.getName(depth).toString());
      if (real.getNameCount() == depth + 1) {
        return storePath.toString();
      }
      throw CliException.usage(result + " is inside the store path " + storePath + ", not a store"
          + " path itself: give " + storePath + " (or its result link) to verify its closure.");
    }
    throw CliException.usage(result + (real.equals(result.toAbsolutePath()) ? "" : " -> " + real)
        + " is not a store path (" + store + "/<hash>-<name>) or a link to one.");
  }

  /** Torch-bearing paths of a closure (allowed ones aside), each with how it is reached. */
  private List<Failure> torchIn(RecipesFile recipes, ClosureGraph closure) {
    List<Failure> out = new ArrayList<>();
    for (String path : closure.paths()) {
      String name = Names.packageName(path);
      if (!recipes.carriesTorch(name) || allowed.contains(path, name)) {
        continue;
      }
      out.add(Failure.torch(path, name, closure.chain(path), "in the closure"));
    }
    return out;
  }

  /**
   * The {@code --allow} list, normalised and resolved once rather than for every path it is
   * asked about: PEP 503 names, and store paths with what their links resolve to.
   */
  private record Allowed(Set<String> names, Set<String> paths) {
    static Allowed of(List<String> allow) {
      Set<String> names = new HashSet<>();
      Set<String> paths = new HashSet<>();
      for (String a : allow) {
        if (a.startsWith("/")) {
          paths.add(a);
          try {
            paths.add(Path.of(a).toRealPath().toString());
          } catch (IOException notThere) {
            // Then only the path as given can match.
          }
        } else {
          names.add(PythonNames.normalize(a));
        }
      }
      return new Allowed(names, paths);
    }

    boolean contains(String path, String name) {
      return paths.contains(path) || (!names.isEmpty() && names.contains(PythonNames.normalize(name)));
    }
  }

  /** Walks propagated inputs from the package's derivation, following outputs back to drvs. */
  private Report staticReport(Workspace ws, RecipesFile recipes, Path instantiate, String attr) {
    List<String> cmd = new ArrayList<>(List.of(instantiate.toString(), ws.dir().toString(), "-A", attr));
    cmd.addAll(DefaultNixArguments.of(nixpkgs, systemOption));
    Tools.Result r = Tools.run(cmd, ws.dir(), Map.of());
    List<String> drvs = Tools.lines(r.stdout()).stream().filter(l -> l.endsWith(".drv")).toList();
    if (!r.ok() || drvs.isEmpty()) {
      return new Report(attr, null, 0, 0, 0, List.of(Failure.toolFailed("instantiate", attr,
          "nix-instantiate failed: " + lastLines(r.stderr()))));
    }
    String root = drvs.get(0);
    Map<String, Derivation> byDrv = new HashMap<>();
    Map<String, String> drvOfOutput = new HashMap<>();
    Map<String, List<String>> edges = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(root));
    Set<String> seen = new HashSet<>(queue);
    while (!queue.isEmpty()) {
      String drvPath = queue.removeFirst();
      Derivation d = byDrv.computeIfAbsent(drvPath, p -> Derivation.read(Path.of(p)));
      for (String input : d.inputDrvs()) {
        Derivation in = byDrv.computeIfAbsent(input, p -> Derivation.read(Path.of(p)));
        in.outputs().values().forEach(o -> drvOfOutput.put(o, input));
      }
      List<String> next = new ArrayList<>();
      for (String output : d.pathsIn("propagatedBuildInputs")) {
        String dep = drvOfOutput.get(output);
        if (dep != null) {
          next.add(dep);
          if (seen.add(dep)) {
            queue.addLast(dep);
          }
        }
      }
      edges.put(drvPath, next);
    }
    ClosureGraph graph = ClosureGraph.of(root, edges);
    List<Failure> failures = new ArrayList<>();
    for (String drvPath : graph.paths()) {
      Derivation d = byDrv.get(drvPath);
      String out = d.outputs().getOrDefault("out", drvPath);
      String name = Names.packageName(out);
      if (recipes.carriesTorch(name) && !allowed.contains(out, name)) {
        failures.add(
            Failure.torch(drvPath, name, graph.chain(drvPath), "among the propagated inputs"));
      }
    }
    return new Report(attr, root, graph.paths().size(), 0, 0, failures);
  }

  /** A chain's link as the text shows it: the store name, a derivation's without {@code .drv}. */
  private static String shownName(String path) {
    String name = Names.storeName(path);
    return name.endsWith(".drv") ? name.substring(0, name.length() - ".drv".length()) : name;
  }

  private static String lastLines(String text) {
    List<String> lines = Tools.lines(text);
    return String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  /** The reports, and for packages chosen by name or --all the system and what it skipped. */
  private void print(List<Report> reports, SystemSelection selected) throws IOException {
    PrintWriter out = main.spec.commandLine().getOut();
    long failed = reports.stream().filter(r -> !r.ok()).count();
    if (output.json()) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("ok", failed == 0);
      root.put("static", staticCheck);
      if (selected != null) {
        root.put("system", selected.system());
        root.put("skipped", selected.skipped());
      }
      root.put("reports", reports);
      OutputFormat.printJson(out, root);
    } else {
      if (selected != null) {
        selected.skipped().forEach(s -> out.println(s.line()));
      }
      for (Report r : reports) {
        out.println(Terminal.escape(r.target()) + (r.storePath() == null ? "" : ": " + r.storePath()
            + " (" + r.closureSize() + (staticCheck ? " derivations" : " paths") + ")"));
        for (Failure f : r.failures()) {
          out.println("  FAIL " + Terminal.escape(f.message()));
          if (f.chain() != null && f.chain().size() > 1) {
            out.println("       brought in by: " + Terminal.escape(String.join(" -> ",
                f.chain().stream().map(VerifyCommand::shownName).toList())));
          }
        }
        if (r.ok()) {
          out.println("  ok: no torch-bearing package" + (staticCheck ? " among the propagated inputs"
              : " in the closure; " + r.metadataChecked() + " torch-agnostic METADATA checked"
                  + (r.customNodes() == 0 ? "" : "; " + r.customNodes()
                      + " custom node(s), which have no METADATA of their own")));
        }
      }
      out.println(failed == 0
          ? "Verified " + reports.size() + ": all clean."
          : "Verified " + reports.size() + ": " + failed + " failed.");
    }
    out.flush();
  }
}
