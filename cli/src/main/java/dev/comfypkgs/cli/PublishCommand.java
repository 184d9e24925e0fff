package dev.comfypkgs.cli;

import dev.comfypkgs.cli.release.CleanTree;
import dev.comfypkgs.cli.release.Git;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs publish <attr>}: {@code flox publish} of one package, after checking what
 * Flox needs of the repository. Flox clones the pushed commit and rebuilds it there, so anything
 * only in this work tree (an edit, an untracked file, an unpushed commit) makes it fail late or
 * publish something else; this command finds all of them first and names each with its fix.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes a package to a Flox catalog:"
          + " `flox publish -d <generated-nix> [-o ORG] <attr>`, run at the repository's top.",
      "First it checks every precondition (a git repository; tracked files clean; the environment's"
          + " files tracked; the branch has an upstream; HEAD is on it; .flox/env/manifest.lock"
          + " committed; every vendored file the package's closure uses committed) and lists all"
          + " unmet ones at once, each with its fix, without running flox. Logging in to FloxHub"
          + " is left to Flox."
    })
final class PublishCommand implements Callable<Integer> {
  private static final String INSTALL_FLOX =
      "Install Flox (https://flox.dev/docs/install-flox/): publishing is `flox publish`.";

  /** How many file names one line shows before "and N more". */

  @ParentCommand Main main;

  @Parameters(paramLabel = "ATTR", description = "The package or meta-package to publish.")
  String attr;

  @Option(names = {"-o", "--org"}, paramLabel = "ORG",
      description = "The organization whose catalog receives it (default: Flox's, your user's).")
  String org;

  @Option(names = "--dry-run",
      description = "Check the preconditions and print the flox command; run nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    Path flox = Tools.require("flox", INSTALL_FLOX);
    Workspace ws = main.workspace();
    RecipesFile recipes = ws.recipes();
    recipes.resolve(List.of(attr));
    Path environment = ws.dir().toRealPath();
    Optional<Git> git = repositoryOf(environment);
    // Every other precondition is a question to git, which it cannot answer outside a repository.
    List<String> unmet = git.isEmpty()
        ? List.of(Terminal.escape(environment.toString()) + " is not in a git repository: flox"
            + " publish builds from a clone of the pushed commit (publish from a clone of"
            + " comfypkgs)")
        : new Checks(git.get(), environment, recipes).unmet(attr);
    if (!unmet.isEmpty()) {
      throw new CliException(ExitCode.FAILED, "cannot publish " + attr + ": "
          + unmet.size() + (unmet.size() == 1 ? " precondition is" : " preconditions are")
          + " not met (flox was not run):\n"
          + unmet.stream().map(line -> "  - " + line).collect(Collectors.joining("\n")));
    }
    Path root = git.get().root();
    List<String> command =
        new ArrayList<>(List.of(flox.toString(), "publish", "-d", environment.toString()));
    if (org != null) {
      command.addAll(List.of("-o", org));
    }
    command.add(attr);

    PrintWriter out = main.spec.commandLine().getOut();
    out.println("preconditions: all met");
    out.println((dryRun ? "would run" : "running") + " in " + Terminal.escape(root.toString())
        + ": " + command.stream().map(Terminal::shellWord).collect(Collectors.joining(" ")));
    out.flush();
    if (dryRun) {
      return ExitCode.OK;
    }
    // Flox's own text (package names, URLs, its errors) goes through as it comes, made safe.
    int code = Tools.stream(command, root, Map.of(), line -> {
      out.println(Terminal.escape(line));
      out.flush();
    });
    if (code != 0) {
      throw new CliException(ExitCode.FAILED, "flox publish failed ("
          + (code < 0 ? "killed after an hour without exiting" : "exit code " + code)
          + "); its output is above");
    }
    out.println("published; install it with: flox install "
        + (org == null ? "<your user>" : Terminal.escape(org)) + "/" + attr);
    out.flush();
    return ExitCode.OK;
  }

  /** The repository holding the environment; empty when there is none (exit 3 without git). */
  private static Optional<Git> repositoryOf(Path environment) {
    try {
      return Optional.of(Git.open(environment));
    } catch (CliException notARepository) {
      if (notARepository.exitCode() != ExitCode.USAGE) {
        throw notARepository;
      }
      return Optional.empty();
    }
  }


  /** The preconditions, each asked of git in the repository holding the environment. */
  private static final class Checks {
    private final Git git;
    private final Path environment;
    private final RecipesFile recipes;

    Checks(Git git, Path environment, RecipesFile recipes) {
      this.git = git;
      this.environment = environment;
      this.recipes = recipes;
    }

    /** One line per unmet precondition, each saying what is wrong and how to fix it. */
    List<String> unmet(String attr) {
      List<String> unmet = new ArrayList<>();
      trackedFilesClean().ifPresent(unmet::add);
      environmentFilesTracked().ifPresent(unmet::add);
      upstreamHoldsHead().ifPresent(unmet::add);
      List<String> committed = committedAtHead();
      String lock = relative(environment.resolve(".flox/env/manifest.lock"));
      if (!committed.contains(lock)) {
        unmet.add(Terminal.escape(lock) + " is not committed: Flox builds against the nixpkgs it"
            + " pins (flox list -d " + Terminal.shellWord(relative(environment)) + " && git add "
            + Terminal.shellWord(lock) + " && git commit)");
      }
      for (VendoredPaths.VendoredPath vendored : VendoredPaths.of(recipes, attr)) {
        vendoredCommitted(vendored, committed).ifPresent(unmet::add);
      }
      return unmet;
    }

    private Optional<String> trackedFilesClean() {
      List<String> changed = CleanTree.changedTrackedFiles(git);
      return changed.isEmpty() ? Optional.empty() : Optional.of("tracked files have uncommitted"
          + " changes (" + CleanTree.shown(changed) + "): commit or stash them; Flox publishes the pushed"
          + " commit, not the work tree");
    }

    private Optional<String> environmentFilesTracked() {
      List<String> untracked = nulSeparated(git.check("ls-files", "-z", "--others",
          "--exclude-standard", "--", environment.resolve(".flox").toString()).stdout());
      return untracked.isEmpty() ? Optional.empty() : Optional.of("files of the environment are"
          + " not tracked (" + CleanTree.shown(untracked) + "): git add and commit them; Flox evaluates only"
          + " tracked files");
    }

    /** The branch has an upstream, and HEAD is on that branch of the remote as it is now. */
    private Optional<String> upstreamHoldsHead() {
      Tools.Result head = git.run("symbolic-ref", "--quiet", "HEAD");
      if (!head.ok()) {
        return Optional.of("HEAD is detached: Flox publishes a branch that has an upstream (git"
            + " switch <branch>)");
      }
      String branch = head.stdout().strip().replaceFirst("^refs/heads/", "");
      String[] upstream = git.check("for-each-ref",
          "--format=%(upstream:remotename)%00%(upstream:remoteref)", "refs/heads/" + branch)
          .stdout().strip().split("\0", -1);
      if (upstream.length != 2 || upstream[0].isEmpty() || upstream[1].isEmpty()) {
        return Optional.of("branch " + Terminal.escape(branch) + " has no upstream: push it with"
            + " git push --set-upstream <remote> " + Terminal.shellWord(branch));
      }
      String remote = upstream[0];
      String remoteRef = upstream[1];
      String where = Terminal.escape(remoteRef.replaceFirst("^refs/heads/", "")) + " on "
          + Terminal.escape(remote);
      String push = "git push " + Terminal.shellWord(remote) + " HEAD:" + Terminal.shellWord(remoteRef);
      // Asked of the remote itself, as Flox will: the remote-tracking branch may be out of date.
      Tools.Result listed =
          git.run("ls-remote", "--exit-code", "--end-of-options", remote, remoteRef);
      if (listed.exitCode() == 2) {
        return Optional.of("branch " + where + " does not exist: " + push);
      }
      if (!listed.ok()) {
        return Optional.of("cannot tell whether HEAD is pushed: git ls-remote "
            + Terminal.escape(remote) + " failed (" + firstLine(listed) + ")");
      }
      Optional<String> tip = Tools.lines(listed.stdout()).stream()
          .map(line -> line.split("\t", 2))
          .filter(fields -> fields.length == 2 && fields[1].equals(remoteRef))
          .map(fields -> fields[0])
          .findFirst();
      if (tip.isEmpty()) {
        return Optional.of("branch " + where + " does not exist: " + push);
      }
      Tools.Result ancestor = git.run("merge-base", "--is-ancestor", "HEAD", tip.get());
      if (ancestor.ok()) {
        return Optional.empty();
      }
      if (ancestor.exitCode() == 1) {
        return Optional.of("HEAD is not pushed to " + where + ": " + push);
      }
      return Optional.of("cannot tell whether HEAD is on " + where + ": it has commits this clone"
          + " lacks (git fetch " + Terminal.shellWord(remote) + ", then run this again)");
    }

    /** The paths asked for that HEAD's tree holds, files under a directory included. */
    private List<String> committedAtHead() {
      if (git.commit("HEAD").isEmpty()) {
        return List.of(); // no commit yet: nothing is committed
      }
      return nulSeparated(
          git.check("ls-tree", "-r", "-z", "--name-only", "--full-tree", "HEAD").stdout());
    }

    /**
     * HEAD holds the path (a file, or files under a directory) and nothing under it is left out,
     * ignored files included: what the clone Flox builds from has is exactly what the build here
     * reads.
     */
    private Optional<String> vendoredCommitted(VendoredPaths.VendoredPath vendored, List<String> committed) {
      Path file = environment.getParent().resolve("sources").resolve(vendored.path());
      String path = relative(file);
      boolean inHead =
          committed.contains(path) || committed.stream().anyMatch(p -> p.startsWith(path + "/"));
      boolean directory = Files.isDirectory(file);
      List<String> untracked = directory && inHead
          ? nulSeparated(git.check("ls-files", "-z", "--others", "--", file.toString()).stdout())
          : List.of();
      if (inHead && untracked.isEmpty()) {
        return Optional.empty();
      }
      String fix = Files.exists(file)
          ? "git add " + Terminal.shellWord(path) + " && git commit"
          : vendored.howToGet() + ", then git add " + Terminal.shellWord(path) + " && git commit";
      return Optional.of("vendored " + (directory ? "directory " : "") + Terminal.escape(path)
          + " (for " + vendored.attr() + ") is not" + (untracked.isEmpty() ? "" : " fully")
          + " committed" + (untracked.isEmpty() ? "" : " (" + CleanTree.shown(untracked) + ")")
          + ": Flox rebuilds from a clone, where it would be missing (" + fix + ")");
    }

    /** {@code path} as git names it from the top of the work tree (absolute when outside it). */
    private String relative(Path path) {
      Path root = git.root();
      if (!path.startsWith(root)) {
        return path.toString();
      }
      String relative = root.relativize(path).toString();
      return relative.isEmpty() ? "." : relative;
    }


    private static String firstLine(Tools.Result r) {
      return Terminal.escape(r.stderr().lines().filter(l -> !l.isBlank()).findFirst()
          .orElse("exit code " + r.exitCode()).strip());
    }

    private static List<String> nulSeparated(String text) {
      List<String> names = new ArrayList<>();
      for (String name : text.split("\0")) {
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
      return names;
    }
  }
}
