package dev.comfypkgs.cli;

import dev.comfypkgs.cli.fetch.JavaSourceEditor;
import dev.comfypkgs.cli.release.CandidateTree;
import dev.comfypkgs.cli.release.CleanTree;
import dev.comfypkgs.cli.release.Git;
import dev.comfypkgs.cli.release.RecipeCompiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs release bump X.Y.Z}: pins another ComfyUI release on the current branch. The
 * one {@code @ComfyUIRelease} line changes (a {@code @TracksComfyUI} recipe omits its version and
 * follows it), generated-nix/ is regenerated with this commit's own processor, and the two land
 * as one commit, fast-forwarded onto the branch.
 *
 * <p>All of it happens in a copy of HEAD outside the work tree ({@link CandidateTree}): a recipe
 * error or any other refusal leaves the user's files, index and branch exactly as they were, and
 * the dry run (the default) writes nothing under {@code .git} either.
 */
@Command(
    name = "bump",
    mixinStandardHelpOptions = true,
    description = "Pins another ComfyUI release on the current branch (latest-testing, or"
        + " main-testing): edits the one @ComfyUIRelease, regenerates generated-nix/ and commits"
        + " both as \"Pin ComfyUI X.Y.Z (was A.B.C)\". A dry run by default; --apply commits.")
final class ReleaseBumpCommand implements Callable<Integer> {
  private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final String ANNOTATION = "ComfyUIRelease";

  @ParentCommand ReleaseCommand release;

  @Parameters(paramLabel = "X.Y.Z", description = "The ComfyUI release to pin, e.g. 0.13.3 (no leading v).")
  String target;

  @Option(names = "--apply", description = "Commit the change and fast-forward the branch to it"
      + " (default: print what would be done, changing nothing).")
  boolean apply;

  @Option(names = "--allow-downgrade", description = "Allow a release lower than the current one.")
  boolean allowDowngrade;

  @Override
  public Integer call() throws IOException {
    checkReleaseSyntax(target);
    PrintWriter out = release.main.spec.commandLine().getOut();
    PrintWriter err = release.main.spec.commandLine().getErr();
    Git git = Git.open(release.main.workspace().root());
    String branch = currentBranch(git);
    String head = git.commit("HEAD").orElseThrow(
        () -> new CliException(ExitCode.FAILED, branch + " has no commit yet"));
    String current = git.release(head).orElseThrow(() -> new CliException(ExitCode.FAILED,
        "HEAD (" + head.substring(0, 12) + ") has no ComfyUI release in " + Git.RECIPES_JSON
            + ": generate it (mvn -B -q package -DskipTests) and commit it first"));
    if (current.equals(target)) {
      out.println("ComfyUI " + target + " is already the release on " + branch + ": nothing to do.");
      return ExitCode.OK;
    }
    if (!isNewer(target, current) && !allowDowngrade) {
      throw CliException.usage(target + " is lower than the current release " + current
          + ": give --allow-downgrade to go back to it.");
    }
    if (branch.equals("main-testing")) {
      err.println("comfypkgs: note: a maintenance release on main-testing normally keeps main's"
          + " ComfyUI release; bumping it anyway.");
    }
    Optional<String> dirty = CleanTree.problem(git);
    if (dirty.isPresent()) {
      throw new CliException(ExitCode.FAILED, "cannot bump: " + dirty.get());
    }
    try (CandidateTree tree = CandidateTree.export(git, head)) {
      Path file = releaseFile(tree);
      String relative = tree.root().relativize(file).toString();
      String before = Files.readString(file);
      String written;
      String after;
      try {
        written = JavaSourceEditor.stringValue(before, ANNOTATION, "value");
        after = JavaSourceEditor.replaceString(before, ANNOTATION, "value", target);
      } catch (IllegalArgumentException notOneLiteral) {
        throw CliException.usage("cannot rewrite @ComfyUIRelease in " + relative + ": "
            + notOneLiteral.getMessage() + "; edit it by hand.");
      }
      if (!written.equals(current)) {
        throw new CliException(ExitCode.FAILED, "generated-nix/ is stale at HEAD: its recipes.json"
            + " says ComfyUI " + current + " but " + relative + " has @ComfyUIRelease(\"" + written
            + "\"); regenerate it (mvn -B -q package -DskipTests), commit, and bump again.");
      }
      Files.writeString(file, after);
      RecipeCompiler.Compilation compilation = RecipeCompiler.inUserCache().compile(tree.root());
      if (!compilation.succeeded()) {
        throw new CliException(ExitCode.FAILED, "the recipes do not compile with ComfyUI " + target
            + " (nothing was changed):\n" + String.join("\n", compilation.errors()));
      }
      List<String> regenerated = tree.check("status", "--porcelain", "--untracked-files=all", "--",
          "generated-nix").stdout().lines().filter(line -> !line.isBlank()).toList();
      String edit = relative + ":" + lineOfChange(before, after) + ": @ComfyUIRelease \"" + current
          + "\" -> \"" + target + "\"";
      String subject = "Pin ComfyUI " + target + " (was " + current + ")";
      String body = "Made by `comfypkgs release bump " + target + "`: @ComfyUIRelease in " + relative
          + "; generated-nix/ regenerated (" + regenerated.size() + " files).";
      if (!apply) {
        printDryRun(out, branch, head, edit, regenerated, subject, body);
        return ExitCode.OK;
      }
      String commit = commit(git, tree, head, subject, body, relative);
      git.check("merge", "--ff-only", "--quiet", commit);
      out.println(subject + " on " + branch + ": " + commit.substring(0, 12));
      out.println("  " + edit);
      out.println("  generated-nix/: " + regenerated.size() + " files regenerated");
      out.println("Next: check it (comfypkgs build, verify), push it, then comfypkgs release promote.");
      return ExitCode.OK;
    }
  }

  /** Exit 2 for anything but {@code X.Y.Z}, with the form to use. */
  private static void checkReleaseSyntax(String release) {
    if (RELEASE.matcher(release).matches()) {
      return;
    }
    String bare = release.startsWith("v") || release.startsWith("V") ? release.substring(1) : null;
    if (bare != null && RELEASE.matcher(bare).matches()) {
      throw CliException.usage("write the release without the v: comfypkgs release bump " + bare);
    }
    throw CliException.usage("'" + Terminal.escape(release) + "' is not a ComfyUI release: give"
        + " X.Y.Z, e.g. 0.13.3.");
  }

  /** The branch HEAD is on; exit 2 on a detached HEAD and on a branch a bump must not land on. */
  private static String currentBranch(Git git) {
    Tools.Result head = git.run("symbolic-ref", "--quiet", "--short", "HEAD");
    if (!head.ok()) {
      throw CliException.usage("HEAD is detached: switch to the branch to bump first"
          + " (git switch latest-testing).");
    }
    String branch = head.stdout().strip();
    if (branch.equals("main") || branch.equals("latest") || branch.endsWith("-staging")) {
      throw CliException.usage("bump does not run on " + Terminal.escape(branch) + ": a release is"
          + " pinned on latest-testing and reaches " + Terminal.escape(branch)
          + " only by promotion (git switch latest-testing).");
    }
    return branch;
  }

  private static boolean isNewer(String a, String b) {
    Matcher x = RELEASE.matcher(a);
    Matcher y = RELEASE.matcher(b);
    if (!x.matches() || !y.matches()) {
      return true; // an old release that is not X.Y.Z has no order: replacing it is no downgrade
    }
    for (int i = 1; i <= 3; i++) {
      int c = new BigInteger(x.group(i)).compareTo(new BigInteger(y.group(i)));
      if (c != 0) {
        return c > 0;
      }
    }
    return false;
  }

  /** The one recipe source declaring {@code @ComfyUIRelease(...)}; exit 2 for none or several. */
  private static Path releaseFile(CandidateTree tree) throws IOException {
    Path recipes = tree.root().resolve("recipes-java/src/main/java");
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(recipes)) {
      try (Stream<Path> walk = Files.walk(recipes)) {
        for (Path p : walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList()) {
          int n = JavaSourceEditor.count(Files.readString(p), ANNOTATION);
          for (int i = 0; i < n; i++) {
            found.add(p);
          }
        }
      }
    }
    if (found.size() != 1) {
      throw CliException.usage((found.isEmpty() ? "no" : found.size()) + " @ComfyUIRelease(...) in"
          + " recipes-java/src/main/java" + (found.isEmpty() ? "" : " (" + String.join(", ",
              found.stream().map(p -> tree.root().relativize(p).toString()).distinct().toList()) + ")")
          + ": there must be exactly one (CPK006); edit by hand.");
    }
    return found.get(0);
  }

  /** The 1-based line of the first character where {@code a} and {@code b} differ. */
  private static int lineOfChange(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return (int) a.substring(0, i).chars().filter(c -> c == '\n').count() + 1;
  }

  /**
   * Stages the copy's recipes and generated-nix/ into its own index, writes the tree and a commit
   * on {@code head}, and checks that the commit changes exactly the release line and generated
   * files before anything points at it.
   */
  private static String commit(
      Git git, CandidateTree tree, String head, String subject, String body, String javaFile) {
    tree.check("add", "--all", "--", "recipes-java", "generated-nix");
    String treeId = tree.check("write-tree").stdout().strip();
    String commit = git.check("commit-tree", treeId, "-p", head, "-m", subject, "-m", body).stdout().strip();
    List<String> unexpected = new ArrayList<>();
    for (String line : Tools.lines(git.check("diff", "--numstat", "--no-renames", head, commit).stdout())) {
      String[] f = line.split("\t", 3);
      boolean releaseLine = f[2].equals(javaFile) && f[0].equals("1") && f[1].equals("1");
      if (!releaseLine && !f[2].startsWith("generated-nix/")) {
        unexpected.add(line);
      }
    }
    if (!unexpected.isEmpty()) {
      throw new CliException(ExitCode.FAILED, "the bump would change more than the release line and"
          + " generated-nix/ (nothing was changed):\n" + String.join("\n", unexpected));
    }
    return commit;
  }

  private static void printDryRun(PrintWriter out, String branch, String head, String edit,
      List<String> regenerated, String subject, String body) {
    out.println("# release bump: dry run, nothing changed; --apply does this");
    out.println("# on " + branch + " at " + head + ", in a copy of it outside the work tree:");
    out.println(edit);
    out.println("# generated-nix/ regenerated with this commit's processor (the recipes compile):");
    regenerated.forEach(line -> out.println("#   " + line));
    out.println("GIT_INDEX_FILE=<copy>/index git --work-tree=<copy>/tree add --all -- recipes-java generated-nix");
    out.println("GIT_INDEX_FILE=<copy>/index git write-tree");
    out.println("git commit-tree <tree> -p " + head + " -m " + Terminal.shellWord(subject) + " -m " + Terminal.shellWord(body));
    out.println("git merge --ff-only <new commit>");
  }

}
