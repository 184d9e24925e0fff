package dev.comfypkgs.cli.release;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.Tools;
import dev.comfypkgs.common.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A commit's files in a temporary directory outside the repository, with their own index, so
 * that a gate can compile and compare them while the user's work tree, index, HEAD and refs stay
 * as they are. Not {@code git worktree add}: that registers the copy under {@code .git/worktrees},
 * which a killed run leaves behind and a dry run must not write. Not {@code git archive}: it
 * applies {@code export-ignore} and {@code export-subst}, so it is not the commit's files.
 *
 * <p>The vendored files the recipes name live untracked in the checkout's {@code sources/}
 * (sources/README.md); those the commit does not hold are linked in (copied across file systems),
 * as a build of the commit in this checkout would see them.
 */
public final class CandidateTree implements AutoCloseable {
  private static final String VENDORED = "sources";

  private final Git git;
  private final String commit;
  private final Path scratch;
  private final Path root;
  private final Path index;

  private CandidateTree(Git git, String commit, Path scratch) {
    this.git = git;
    this.commit = commit;
    this.scratch = scratch;
    this.root = scratch.resolve("tree");
    this.index = scratch.resolve("index");
  }

  /** Exports {@code commit} (any commit-ish; resolved to its sha first). */
  public static CandidateTree export(Git git, String commit) {
    String sha = git.commit(commit)
        .orElseThrow(() -> CliException.usage("no commit " + commit + " in " + git.root()));
    Path scratch;
    try {
      scratch = Files.createTempDirectory("comfypkgs-candidate-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CandidateTree tree = new CandidateTree(git, sha, scratch);
    try {
      Files.createDirectories(tree.root);
      tree.check("read-tree", sha);
      tree.check("checkout-index", "--all");
      tree.linkUntrackedVendoredFiles();
      return tree;
    } catch (IOException e) {
      tree.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      tree.close();
      throw e;
    }
  }

  /** The commit's full sha. */
  public String commit() {
    return commit;
  }

  /** The exported files' top directory (where the repository's would be). */
  public Path root() {
    return root;
  }

  /** Where this tree's own output goes: {@code <root>/generated-nix}. */
  public Path generatedNix() {
    return root.resolve("generated-nix");
  }

  /**
   * Runs {@code git args...} on this tree: its own index and work tree, the repository's objects
   * and refs. Whatever git did is returned, failure included.
   */
  public Tools.Result git(String... args) {
    List<String> command = new ArrayList<>(List.of("--work-tree=" + root));
    command.addAll(List.of(args));
    return git.runWith(Map.of("GIT_INDEX_FILE", index.toString()), command.toArray(String[]::new));
  }

  /** As {@link #git}, with a non-zero exit as exit 1 quoting git's error. */
  public Tools.Result check(String... args) {
    Tools.Result r = git(args);
    if (!r.ok()) {
      String why = r.stderr().isBlank() ? "exit code " + r.exitCode() : r.stderr().strip();
      throw new CliException(ExitCode.FAILED,
          "git " + args[0] + " failed on a copy of " + commit + ":\n" + why);
    }
    return r;
  }

  private void linkUntrackedVendoredFiles() throws IOException {
    Path checkout = git.root();
    // --others without --exclude-standard: ignored files too, each file listed, not its directory.
    String listed = git.check("ls-files", "-z", "--others", "--", VENDORED + "/").stdout();
    for (String relative : listed.split("\0")) {
      if (relative.isEmpty()) {
        continue;
      }
      Path from = checkout.resolve(relative);
      Path to = root.resolve(relative);
      if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
        continue; // the commit holds it: the commit's own copy is the one it builds with
      }
      Files.createDirectories(to.getParent());
      if (Files.isSymbolicLink(from)) {
        Files.createSymbolicLink(to, Files.readSymbolicLink(from));
      } else {
        link(from, to);
      }
    }
  }

  private static void link(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException otherFileSystem) {
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  /** Deletes the exported files and the index. */
  @Override
  public void close() {
    FileTrees.deleteUnchecked(scratch);
  }
}
