package dev.comfypkgs.cli;

import dev.comfypkgs.cli.adopt.Adoption;
import dev.comfypkgs.cli.pypi.TorchReach;
import dev.comfypkgs.common.NixpkgsIndexFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs adopt OWNER/REPO}: a custom node's recipe, from its own requirements, rehearsed
 * on a copy of the repository (compiled with its processor, checked with {@code verify --static})
 * before it is written, and written all or nothing.
 */
@Command(
    name = "adopt",
    description = "Writes a custom node's recipe from its GitHub archive and its requirements"
        + " (bundled from nixpkgs, required from recipes, dropped when the runtime has them,"
        + " rebuilt without torch from PyPI's metadata when they bring torch),"
        + " checks it on a copy of the repository, then writes it and regenerates generated-nix/;"
        + " all or nothing.")
final class AdoptCommand implements Callable<Integer> {
  @ParentCommand Main main;

  // No standard --version here: it is the node's version.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "OWNER/REPO", description = "The node's GitHub repository.")
  String project;

  @Mixin GitHubRefOptions upstream;

  @Option(names = "--into", paramLabel = "BUNDLE",
      description = "Add the node to this @NodeBundle (its attr) instead of writing a @CustomNode.")
  String into;

  @Option(names = "--attr", paramLabel = "NAME",
      description = "The Flox attr and pname (default: comfyui-<repository name without a ComfyUI prefix>).")
  String attr;

  @Option(names = "--class", paramLabel = "NAME", description = "The class name (default: from the repository name).")
  String className;

  @Option(names = "--package", paramLabel = "NAME", defaultValue = "dev.comfypkgs.recipes",
      description = "The recipes' Java package (default: ${DEFAULT-VALUE}).")
  String packageName;

  @Option(names = "--python-version", paramLabel = "X.Y", defaultValue = "3.13",
      description = "The Python version markers are evaluated for (default: ${DEFAULT-VALUE}).")
  String pythonVersion;

  @Option(names = "--max-depth", paramLabel = "N", defaultValue = "" + TorchReach.DEFAULT_MAX_DEPTH,
      description = "How many levels of requirements are looked up on PyPI for torch, the node's own"
          + " being the first (1 to " + TorchReach.MAX_DEPTH + ", default: ${DEFAULT-VALUE}).")
  int maxDepth;

  @Option(names = "--index", paramLabel = "FILE",
      description = "A nixpkgs index from `comfypkgs index`: names it lacks are not bundled but looked up or"
          + " listed, and its torch carriers are known without a lookup (without it, nixpkgs names are unverified).")
  Path index;

  @Option(names = "--nixpkgs", paramLabel = "PATH", description = "The nixpkgs verify --static checks against.")
  Path nixpkgs;

  @Option(names = "--dry-run", description = "Do everything but write: print the plan and the recipe.")
  boolean dryRun;

  @Mixin DownloadOptions download;

  @Option(names = "--pypi-json-base", paramLabel = "URL",
      description = "Instead of https://pypi.org/pypi (also COMFYPKGS_PYPI_JSON_BASE).")
  String pypiJsonBase;

  @Override
  public Integer call() throws Exception {
    NixpkgsIndexFile nixpkgsIndex = index == null ? null : ImportRequirementsCommand.readIndex(index);
    Adoption.Request request = new Adoption.Request(project, upstream.tag(), upstream.rev(), upstream.version(), attr, className,
        packageName, pythonVersion, maxDepth, nixpkgs, dryRun, download.timeoutSeconds(), download.githubBase(), pypiJsonBase, into, nixpkgsIndex);
    return new Adoption(main.workspace(), main.spec.commandLine().getOut()).run(request);
  }
}
