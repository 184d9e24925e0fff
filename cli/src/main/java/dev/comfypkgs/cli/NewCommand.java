package dev.comfypkgs.cli;

import dev.comfypkgs.cli.fetch.Downloader;
import dev.comfypkgs.cli.fetch.Prefetcher;
import dev.comfypkgs.cli.fetch.SourceLocations;
import dev.comfypkgs.cli.scaffold.RecipeArguments;
import dev.comfypkgs.cli.scaffold.RecipeSpec;
import dev.comfypkgs.cli.scaffold.RecipeWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs new}: a recipe class for a GitHub project, its hash already prefetched, that
 * compiles as it stands. Never overwrites a recipe.
 */
@Command(
    name = "new",
    description = "Writes a recipe class into recipes-java for a GitHub project, with the source"
        + " hash prefetched; refuses to overwrite an existing recipe.")
final class NewCommand implements Callable<Integer> {
  @ParentCommand Main main;

  // No standard --version here: it is the package's version.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "ATTR", description = "The Flox attribute and .nix file name.")
  String attr;

  @Option(names = "--github", required = true, paramLabel = "OWNER/REPO", description = "The GitHub project.")
  String github;

  @Mixin GitHubRefOptions upstream;

  @Option(names = "--torch-agnostic", description = "A rebuild without torch (removes torch).")
  boolean torchAgnostic;

  @Option(names = "--remove", paramLabel = "NAME", arity = "1..*",
      description = "More requirements to remove with @TorchAgnostic (e.g. torchvision timm).")
  List<String> remove = new ArrayList<>();

  @Option(names = "--bundle", paramLabel = "NAME", arity = "1..*",
      description = "nixpkgs python3.pkgs names to bundle.")
  List<String> bundle = new ArrayList<>();

  @Option(names = "--build-system", paramLabel = "NAME", arity = "1..*",
      description = "Build backends (default: setuptools wheel).")
  List<String> buildSystem = new ArrayList<>(List.of("setuptools", "wheel"));

  @Option(names = "--platforms", paramLabel = "PLATFORM", arity = "1..*",
      description = "LINUX, DARWIN, UNIX or single systems such as X86_64_LINUX (default: every system).")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--description", description = "meta.description (default: the repository name).")
  String description;

  @Option(names = "--license", defaultValue = "MIT",
      description = "A License constant (default: ${DEFAULT-VALUE}); check upstream's.")
  String license;

  @Option(names = "--class", paramLabel = "NAME", description = "The class name (default: from ATTR).")
  String className;

  @Mixin RecipeSourcesOption recipeSources;

  @Option(names = "--package", paramLabel = "NAME", defaultValue = "dev.comfypkgs.recipes",
      description = "The recipes' Java package (default: ${DEFAULT-VALUE}).")
  String packageName;

  @Mixin DownloadOptions download;

  @Override
  public Integer call() throws IOException {
    // Every argument is checked before anything is read, downloaded or written.
    RecipeArguments.OwnerRepo project = RecipeArguments.ownerRepo("--github", github);
    RecipeArguments.attr(attr);
    String pname = RecipeArguments.pname(attr, torchAgnostic);
    String theVersion = RecipeArguments.version(upstream.tag(), upstream.rev(), upstream.version(), pname);
    RecipeArguments.license(license);
    RecipeArguments.platforms(platforms);
    if (!remove.isEmpty() && !torchAgnostic) {
      throw CliException.usage("--remove goes with --torch-agnostic (other removals need @Remove with a reason).");
    }
    RecipeArguments.requirementNames("--remove", remove);
    RecipeArguments.nixpkgsNames(bundle);
    RecipeArguments.nixpkgsNames(buildSystem);
    RecipeArguments.description(description);
    String cls = RecipeArguments.className(className != null ? className : RecipeWriter.classNameOf(attr));
    RecipeArguments.packageName(packageName);
    Downloader downloader = download.downloader();
    SourceLocations.Fetch fetch =
        SourceLocations.of(download.githubBase(), null).github(project.owner(), project.repo(), upstream.tag() != null ? upstream.tag() : upstream.rev());

    Workspace ws = main.workspace();
    RecipesFile recipes = ws.recipes();
    RecipeArguments.bundleNames(recipes, bundle);
    RecipeArguments.freeAttr(recipes, attr, pname);
    Path root = recipeSources.root(ws);
    Path file = root.resolve(packageName.replace('.', '/')).resolve(cls + ".java");
    if (Files.exists(file)) {
      throw CliException.usage(file + " already exists: comfypkgs new never overwrites a recipe.");
    }

    String hash;
    try {
      hash = new Prefetcher(downloader).hash(fetch.uri(), true, true);
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILED, "cannot prefetch " + fetch.uri() + ": " + e.getMessage()
          + "; nothing was written.");
    }

    RecipeSpec.GitHubSource source =
        new RecipeSpec.GitHubSource(project.owner(), project.repo(), upstream.tag(), upstream.rev(), hash);
    Set<String> removed = new LinkedHashSet<>(List.of("torch"));
    removed.addAll(remove);
    RecipeSpec spec = RecipeSpec.builder(RecipeSpec.Kind.PYTHON_PACKAGE, packageName, cls)
        .pname(pname)
        .attr(attr)
        .version(theVersion)
        .description(description != null ? description
            : project.repo() + (torchAgnostic ? ", built to use the runtime's PyTorch" : ""))
        .homepage(source.homepage())
        .license(license)
        .source(source)
        .buildSystem(buildSystem)
        .bundle(bundle, List.of())
        .torchRemove(torchAgnostic ? List.copyOf(removed) : List.of())
        .platforms(platforms)
        .javadoc("Added with {@code comfypkgs new}: check the description and license against upstream.")
        .build();
    Files.createDirectories(file.getParent());
    try {
      AtomicFiles.createString(file, RecipeWriter.javaFile(spec).toString());
    } catch (FileAlreadyExistsException appearedMeanwhile) {
      throw CliException.usage(file + " already exists: comfypkgs new never overwrites a recipe.");
    }
    PrintWriter out = main.spec.commandLine().getOut();
    out.println("wrote " + file + " (" + pname + " " + theVersion + ", " + hash + ")");
    out.println("next: check description and license, then `mvn -B -q package -DskipTests`;"
        + " add " + cls + ".class to a meta-package's members if it belongs there.");
    out.flush();
    return ExitCode.OK;
  }
}
