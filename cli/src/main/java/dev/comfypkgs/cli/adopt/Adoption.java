package dev.comfypkgs.cli.adopt;

import com.palantir.javapoet.ClassName;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.Main;
import dev.comfypkgs.cli.Names;
import dev.comfypkgs.cli.RecipesFile;
import dev.comfypkgs.cli.Terminal;
import dev.comfypkgs.cli.Tools;
import dev.comfypkgs.cli.Workspace;
import dev.comfypkgs.cli.fetch.Downloader;
import dev.comfypkgs.cli.fetch.Prefetcher;
import dev.comfypkgs.cli.fetch.RetryPolicy;
import dev.comfypkgs.cli.fetch.SourceLocations;
import dev.comfypkgs.cli.pypi.PyPIJson;
import dev.comfypkgs.cli.pypi.TorchReach;
import dev.comfypkgs.cli.release.RecipeCompiler;
import dev.comfypkgs.cli.requirements.Classifier;
import dev.comfypkgs.cli.requirements.MarkerEnvironment;
import dev.comfypkgs.cli.scaffold.RecipeArguments;
import dev.comfypkgs.cli.scaffold.RecipeSpec;
import dev.comfypkgs.cli.scaffold.RecipeWriter;
import dev.comfypkgs.common.FileTrees;
import dev.comfypkgs.common.NixpkgsIndexFile;
import dev.comfypkgs.common.PackageKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@code adopt} run: checks every argument, downloads and reads the node, plans its recipe,
 * rehearses the plan on a {@link StagingTree} (the tree's own processor compiles it, then
 * {@code verify --static} checks it when Nix is installed), and only then writes the recipe and
 * regenerates {@code generated-nix/} in the user's tree through a {@link Transaction}. Any
 * failure before the end leaves the tree byte-identical.
 */
public final class Adoption {
  /**
   * What was asked for, as given on the command line; exactly one of {@code tag} and {@code rev};
   * {@code index} is null when none was given.
   */
  public record Request(String project, String tag, String rev, String version, String attr,
      String className, String packageName, String pythonVersion, int maxDepth, Path nixpkgs, boolean dryRun,
      int timeoutSeconds, String githubBase, String pypiJsonBase, String into, NixpkgsIndexFile index) {}

  /** How a recipe file already holding what adopt would write is shown. */
  private static final String UNCHANGED = "unchanged ";

  private final Workspace workspace;
  private final PrintWriter out;

  public Adoption(Workspace workspace, PrintWriter out) {
    this.workspace = workspace;
    this.out = out;
  }

  /** Runs the adoption; returns the exit code or throws a {@link CliException}. */
  public int run(Request request) throws IOException {
    // Every argument is checked before anything is read, downloaded or written.
    RecipeArguments.OwnerRepo project = RecipeArguments.ownerRepo("adopt", request.project());
    String slug = slug(project.repo());
    String attr = RecipeArguments.attr(request.attr() != null ? request.attr() : "comfyui-" + slug);
    String pname = RecipeArguments.pname(attr, false);
    String version = RecipeArguments.version(request.tag(), request.rev(), request.version(), pname);
    String cls = RecipeArguments.className(
        request.className() != null ? request.className() : RecipeWriter.classNameOf(slug));
    String packageName = RecipeArguments.packageName(request.packageName());
    MarkerEnvironment.linux(request.pythonVersion(), MarkerEnvironment.LINUX_MACHINES.get(0));
    if (request.maxDepth() < 1 || request.maxDepth() > TorchReach.MAX_DEPTH) {
      throw CliException.usage("--max-depth " + request.maxDepth() + " is not from 1 to "
          + TorchReach.MAX_DEPTH + ".");
    }
    String ref = request.tag() != null ? request.tag() : request.rev();

    RecipesFile recipes = workspace.recipes();
    Optional<Existing> existing = Existing.find(recipes, project.owner(), project.repo());
    if (existing.isPresent()) {
      if (existing.get().ref().equals(ref)) {
        out.println("already adopted as " + existing.get().attr() + " (" + project.owner() + "/"
            + project.repo() + " " + ref + "): nothing to do.");
        out.flush();
        return ExitCode.OK;
      }
      throw CliException.usage(project.owner() + "/" + project.repo() + " is already adopted at "
          + existing.get().ref() + " as " + existing.get().attr() + ": move its @GitHub by hand and run"
          + " `prefetch " + existing.get().attr() + " --write --force`.");
    }
    Path root = workspace.root();
    Path sources = root.relativize(workspace.recipeSources());
    Path file;
    RecipesFile.Package bundle = null;
    if (request.into() == null) {
      RecipeArguments.freeAttr(recipes, attr, pname);
      file = sources.resolve(packageName.replace('.', '/')).resolve(cls + ".java");
    } else {
      if (request.attr() != null || request.className() != null) {
        throw CliException.usage("--attr and --class name a new recipe; with --into the node joins "
            + request.into() + ".");
      }
      bundle = nodeBundle(recipes, request.into());
      file = sources.resolve(bundle.recipeClass().replace('.', '/') + ".java");
      if (!Files.isRegularFile(root.resolve(file))) {
        throw CliException.usage(bundle.attr() + "'s class is not in " + file + ": add the node by hand.");
      }
      for (RecipesFile.Package p : recipes.packages()) {
        if (p.customNodes().contains(project.repo())) {
          throw CliException.usage(p.attr() + " already installs a node in custom_nodes/" + project.repo()
              + " (CPK116): add this one by hand under another directory.");
        }
      }
    }

    SourceLocations locations = SourceLocations.of(request.githubBase(), null, request.pypiJsonBase());
    Downloader downloader = Downloader.withTimeout(request.timeoutSeconds());
    Prefetcher prefetcher = new Prefetcher(downloader);
    // One policy for the run: its bound on waiting is per run, whichever host asks for the wait.
    RetryPolicy retry = RetryPolicy.standard();
    URI uri = locations.github(project.owner(), project.repo(), ref).uri();
    RecipeSpec.GitHubSource source;
    NodeReader.NodeFacts facts;
    try (Prefetcher.Fetched fetched = retry.call(() -> prefetcher.open(uri, true))) {
      source = new RecipeSpec.GitHubSource(project.owner(), project.repo(), request.tag(), request.rev(),
          fetched.hash());
      facts = NodeReader.read(new ArchiveTextFiles(fetched.tree()));
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILED, "cannot download " + uri + ": " + e.getMessage()
          + "; nothing was written.");
    }
    out.println("adopt " + project.owner() + "/" + project.repo() + " " + ref + "  (" + source.hash() + ")");

    Classifier classifier = request.index() == null ? new Classifier(recipes, null, Set.of())
        : new Classifier(recipes, request.index().names(), request.index().carryingTorch());
    NodePlanner nodePlanner = new NodePlanner(classifier, request.pythonVersion());
    List<NodeReader.Wanted> kept = nodePlanner.onLinux(facts.wanted());
    NodePlanner.Plan plan;
    RebuildPlanner rebuilds;
    TorchReach.Result reach;
    Path scratch = Files.createTempDirectory("comfypkgs-adopt-pypi-");
    try {
      PyPIJson.Client pypi = new PyPIJson.Client(
          new HttpJsonSource(locations, downloader, retry, scratch));
      List<MarkerEnvironment> linux = MarkerEnvironment.LINUX_MACHINES.stream()
          .map(m -> MarkerEnvironment.linux(request.pythonVersion(), m)).toList();
      reach = new TorchReach(classifier, pypi, linux, request.maxDepth(), TorchReach.MAX_LOOKUPS)
          .walk(kept.stream().map(w -> new TorchReach.Start(w.name(), w.url(), w.extras())).toList());
      rebuilds = new RebuildPlanner(classifier, pypi, reach, prefetcher, retry, locations, recipes, packageName,
          request.pythonVersion());
      plan = nodePlanner.plan(kept, rebuilds);
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILED, e.getMessage() + "; nothing was written.");
    } finally {
      FileTrees.delete(scratch);
    }
    if (plan.systems().isEmpty()) {
      throw new CliException(ExitCode.FAILED, "the node needs " + plan.reused().stream()
          .map(RecipesFile.Package::pname).collect(Collectors.joining(", ")) + ", and no Linux system"
          + " builds all of them; nothing was written.");
    }
    List<String> needsHuman = new ArrayList<>(plan.needsHuman());
    needsHuman.addAll(rebuilds.needsHuman());
    reach.notes().forEach(note -> needsHuman.add("note      " + note));
    if (facts.installPy()) {
      needsHuman.add("install   install.py runs when ComfyUI-Manager installs the node (often pip): read it");
    }
    Path packageDir = sources.resolve(packageName.replace('.', '/'));
    Transaction transaction = new Transaction(root);
    List<String> wrote = new ArrayList<>();
    for (RebuildPlanner.Rebuild r : rebuilds.rebuilds()) {
      Path rebuildFile = packageDir.resolve(r.spec().className() + ".java");
      wrote.add(create(transaction, rebuildFile, RecipeWriter.javaFile(r.spec()).toString())
          + rebuildFile + "   " + r.spec().pname() + " " + r.spec().version() + "   " + r.sourceNote());
    }
    String checked;
    if (bundle == null) {
      RecipeSpec spec = RecipeSpec.builder(RecipeSpec.Kind.CUSTOM_NODE, packageName, cls)
          .pname(pname)
          .version(version)
          .description(facts.description() != null ? oneLine(facts.description()) : project.repo())
          .homepage(source.homepage())
          .license(facts.license() != null ? facts.license().constant() : "MIT")
          .source(source)
          .bundle(plan.bundled(), List.of())
          .requires(plan.requires())
          .platforms(platforms(plan.systems()))
          .javadoc("Adopted with {@code comfypkgs adopt " + project.owner() + "/" + project.repo() + "}:"
              + " check the description and license against upstream.")
          .build();
      wrote.add(0, create(transaction, file, RecipeWriter.javaFile(spec).toString())
          + file + "   custom node " + pname + " " + version);
      NodeReader.StatedLicense license = facts.license();
      if (license == null) {
        needsHuman.add("license   " + pname + ": written as MIT; check the repository's license");
      } else if (license.caveat() != null) {
        needsHuman.add("license   " + pname + ": written as " + license.constant() + " from " + license.from()
            + "; " + license.caveat());
      }
      checked = attr;
    } else {
      RecipesFile.Package into = bundle;
      List<String> bundled = plan.bundled().stream()
          .filter(n -> into.bundles().stream().noneMatch(b -> b.names().contains(n))).toList();
      List<ClassName> requires = new ArrayList<>(plan.rebuilt().values());
      plan.reused().stream().filter(p -> !into.requires().contains(p.attr()))
          .map(p -> ClassName.bestGuess(p.recipeClass())).forEach(requires::add);
      boolean linuxOnly = !NodePlanner.LINUX_SYSTEMS.containsAll(into.platforms());
      String before = Files.readString(root.resolve(file));
      transaction.replace(file, before, BundleEdit.addNode(before, project.repo(), source, bundled, linuxOnly,
          requires, !into.requires().isEmpty()));
      wrote.add(0, file + "   @Node " + project.repo() + " added to " + into.attr());
      checked = into.attr();
    }

    RecipeCompiler compiler = RecipeCompiler.inUserCache();
    String verified;
    try {
      verified = rehearse(transaction, compiler, checked, plan.systems(), request.nixpkgs());
    } catch (CliException failed) {
      // What a human must look at often explains the failure: a name bundled because the walk
      // stopped above it, a marker that could not be decided, a rebuild's guessed build backend.
      printNeedsHuman(needsHuman);
      out.flush();
      throw failed;
    }

    if (request.dryRun()) {
      wrote.forEach(line -> out.println(line.startsWith(UNCHANGED) ? line : "would write " + line));
      report(plan, verified, needsHuman);
      for (Transaction.FileChange change : transaction.changes()) {
        out.println();
        out.println("// " + change.path() + (change.creates() ? "" : ": the lines added"));
        out.print(change.creates() ? change.after() : added(change.before(), change.after()));
      }
      out.println("dry run: nothing was written.");
      out.flush();
      return ExitCode.OK;
    }
    transaction.commit(() -> {
      RecipeCompiler.Compilation c = compiler.compile(root);
      if (!c.succeeded()) {
        throw new CliException(ExitCode.FAILED, "regenerating generated-nix/ failed; the new recipes"
            + " were removed again:\n" + String.join("\n", c.errors()));
      }
    });
    wrote.forEach(line -> out.println(line.startsWith(UNCHANGED) ? line : "wrote   " + line));
    report(plan, verified, needsHuman);
    out.flush();
    return ExitCode.OK;
  }

  /**
   * Compiles the plan on a copy of the tree and runs {@code verify --static} on the node there;
   * returns what verify said ({@code ok} or why it did not run). Fails with exit 1, quoting the
   * processor or verify, when either finds a problem.
   */
  private String rehearse(Transaction transaction, RecipeCompiler compiler, String attr, List<String> systems,
      Path nixpkgs) throws IOException {
    try (StagingTree staging = StagingTree.copy(workspace.root())) {
      transaction.applyTo(staging);
      RecipeCompiler.Compilation c = compiler.compile(staging.root());
      if (!c.succeeded()) {
        throw new CliException(ExitCode.FAILED, "the new recipes do not compile; nothing was written:\n"
            + String.join("\n", c.errors()));
      }
      if (Tools.find("nix-instantiate").isEmpty()) {
        return "not run: nix-instantiate is not on the PATH";
      }
      for (String system : systems) {
        List<String> args = new ArrayList<>(List.of("--dir", staging.root().resolve("generated-nix").toString(),
            "verify", "--static", "--system", system, attr));
        if (nixpkgs != null) {
          args.addAll(List.of("--nixpkgs", nixpkgs.toAbsolutePath().toString()));
        }
        StringWriter verifyOut = new StringWriter();
        StringWriter verifyErr = new StringWriter();
        int exit = Main.execute(args.toArray(String[]::new), new PrintWriter(verifyOut, true),
            new PrintWriter(verifyErr, true));
        if (exit == ExitCode.MISSING_TOOL) {
          return "not run: " + verifyErr.toString().strip();
        }
        if (exit != ExitCode.OK) {
          throw new CliException(ExitCode.FAILED, "verify --static " + attr + " for " + system
              + " failed; nothing was written:\n" + (verifyOut + verifyErr.toString()).strip());
        }
      }
      return "ok (" + String.join(", ", systems) + ")";
    }
  }

  private void report(NodePlanner.Plan plan, String verified, List<String> needsHuman) {
    for (RecipesFile.Package p : plan.reused()) {
      String cls = p.recipeClass().substring(p.recipeClass().lastIndexOf('.') + 1);
      out.println("reused  " + p.pname() + " (" + p.attr() + ")   @Requires(" + cls + ".class)");
    }
    if (!plan.bundled().isEmpty()) {
      out.println("bundled " + String.join(" ", plan.bundled()));
    }
    for (String name : plan.runtime()) {
      out.println("runtime " + Terminal.escape(name) + " (provided by the runtime)");
    }
    for (String skipped : plan.skipped()) {
      out.println("skipped " + Terminal.escape(skipped));
    }
    out.println("verify --static: " + verified);
    printNeedsHuman(needsHuman);
  }

  private void printNeedsHuman(List<String> needsHuman) {
    out.println("needs a human:");
    for (String line : needsHuman) {
      out.println("  " + Terminal.escape(line));
    }
  }

  /**
   * Plans creating {@code file} with {@code text}; returns how the summary shows it. A file that
   * already holds exactly this text is left as it is: a run killed after writing the recipes but
   * before regenerating left it, and this run regenerates. Any other file there is refused.
   */
  private String create(Transaction transaction, Path file, String text) throws IOException {
    Path target = workspace.root().resolve(file);
    if (!Files.exists(target)) {
      transaction.create(file, text);
      return "";
    }
    if (Files.isRegularFile(target) && Files.readString(target).equals(text)) {
      return UNCHANGED;
    }
    throw CliException.usage(file + " already exists: adopt never overwrites a recipe (give --class for"
        + " the node's); nothing was written.");
  }

  /** The node bundle {@code attr}: a usage error naming the closest one when it is not one. */
  private static RecipesFile.Package nodeBundle(RecipesFile recipes, String attr) {
    List<String> bundles = recipes.packages().stream()
        .filter(p -> p.kind() == PackageKind.NODE_BUNDLE).map(RecipesFile.Package::attr).sorted().toList();
    RecipesFile.Package p = recipes.pkg(attr)
        .orElseThrow(() -> CliException.usage(Names.unknown("node bundle", attr, bundles)));
    if (p.kind() != PackageKind.NODE_BUNDLE) {
      throw CliException.usage("--into " + attr + " is a " + p.kind().description() + ", not a node bundle"
          + (bundles.isEmpty() ? "." : ": one of " + String.join(", ", bundles) + "."));
    }
    return p;
  }

  /** The lines of {@code after} that {@code before} does not have, in order. */
  private static String added(String before, String after) {
    List<String> old = new ArrayList<>(before.lines().toList());
    StringBuilder out = new StringBuilder();
    for (String line : after.lines().toList()) {
      if (!old.remove(line)) {
        out.append("+ ").append(line).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * The repository's name as an attr part: lower case, separators as {@code -}, without the
   * {@code ComfyUI} every node's name starts with ({@code ComfyUI-Alpha} is {@code alpha}).
   */
  static String slug(String repo) {
    String s = repo.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    String stripped = s.replaceFirst("^comfy-?ui-?", "").replaceFirst("^-+", "");
    return stripped.isEmpty() ? s : stripped;
  }

  /** The {@code Platform} constants for these Linux systems. */
  private static List<String> platforms(List<String> systems) {
    if (systems.containsAll(NodePlanner.LINUX_SYSTEMS)) {
      return List.of("LINUX");
    }
    return systems.stream().map(s -> s.replace('-', '_').toUpperCase(Locale.ROOT)).toList();
  }

  /** A description on one line of printable text, as meta.description must be. */
  private static String oneLine(String text) {
    return Terminal.escape(text.replaceAll("\\s+", " ").strip());
  }
}
