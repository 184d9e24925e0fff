package dev.comfypkgs.cli;

import static dev.comfypkgs.cli.HookedOrigin.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.release.Git;
import dev.comfypkgs.cli.release.Plan;
import dev.comfypkgs.cli.release.Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan steps against real git: each re-checks the state before it acts, and prints as the exact
 * command it runs.
 */
class ReleasePlanTest {
  @TempDir Path tmp;

  private Map<String, String> env;
  private HookedOrigin origin;
  private Path work;
  private String c0;
  private String c1;

  @BeforeEach
  void twoCommits() throws IOException {
    env = HookedOrigin.gitEnvironment(tmp.resolve("home"));
    origin = HookedOrigin.create(tmp.resolve("origin.git"), env);
    work = origin.clone(tmp.resolve("work"));
    // The steps run in this JVM, whose environment the test cannot set: the identity goes in the repository.
    git(work, env, "config", "user.name", "Maintainer");
    git(work, env, "config", "user.email", "maintainer@example.org");
    git(work, env, "switch", "--quiet", "--create", "main");
    c0 = commit("C0");
    c1 = commit("C1");
    git(work, env, "branch", "latest", c0);
    git(work, env, "push", "--quiet", "origin", "main", "latest");
  }

  @Test
  void argumentsAreQuotedForAPosixShellOnlyWhenNeeded() {
    assertEquals("refs/heads/latest", Terminal.shellWord("refs/heads/latest"));
    assertEquals("'Stable snapshot: v0.9.3'", Terminal.shellWord("Stable snapshot: v0.9.3"));
    assertEquals("'it'\\''s $HOME `x`'", Terminal.shellWord("it's $HOME `x`"));
    assertEquals("''", Terminal.shellWord(""));
    assertEquals("'two\\nlines \\x1b[31m'", Terminal.shellWord("two\nlines \u001b[31m"), "one printed line, escaped");
  }

  @Test
  void aBranchMoveRunsUpdateRefWithTheOldValueAndIsSkippedOnceDone() throws IOException {
    Git git = Git.open(work);
    Step move = new Step.MoveBranch("latest", Optional.of(c0), Step.Rev.of(c1), "promote latest", false);
    assertEquals("git update-ref -m 'promote latest' refs/heads/latest " + c1 + " " + c0, Plan.shell(move));
    assertEquals(Step.Outcome.DONE, move.execute(git, new HashMap<>()));
    assertEquals(c1, git(work, env, "rev-parse", "latest"));
    assertEquals(Step.Outcome.ALREADY_DONE, move.execute(git, new HashMap<>()));
  }

  @Test
  void aBranchAtNeitherValueIsRefusedNotOverwritten() throws IOException {
    String c2 = commit("C2");
    git(work, env, "branch", "--force", "latest", c2);
    Step move = new Step.MoveBranch("latest", Optional.of(c0), Step.Rev.of(c1), "promote latest", false);
    CliException refused = assertThrows(CliException.class, () -> move.execute(Git.open(work), new HashMap<>()));
    assertEquals(ExitCode.FAILED, refused.exitCode());
    assertTrue(refused.getMessage().contains("moved meanwhile"), refused.getMessage());
    assertEquals(c2, git(work, env, "rev-parse", "latest"));
  }

  @Test
  void theCheckedOutBranchFastForwardsWithItsFiles() throws IOException {
    git(work, env, "switch", "--quiet", "latest");
    Step move = new Step.MoveBranch("latest", Optional.of(c0), Step.Rev.of(c1), "promote latest", true);
    assertEquals("git merge --ff-only " + c1, Plan.shell(move));
    move.execute(Git.open(work), new HashMap<>());
    assertEquals(c1, git(work, env, "rev-parse", "HEAD"));
    assertEquals("C1", Files.readString(work.resolve("file")));
  }

  @Test
  void aTagAtAnotherCommitIsNeverMoved() throws IOException {
    git(work, env, "tag", "-a", "v0.9.3", "-m", "Stable snapshot: v0.9.3", c1);
    Step tag = new Step.CreateTag("v0.9.3", c0, List.of("Stable snapshot: v0.9.3"));
    CliException refused = assertThrows(CliException.class, () -> tag.execute(Git.open(work), new HashMap<>()));
    assertTrue(refused.getMessage().contains("never moved"), refused.getMessage());
    Step same = new Step.CreateTag("v0.9.3", c1, List.of("Stable snapshot: v0.9.3"));
    assertEquals(Step.Outcome.ALREADY_DONE, same.execute(Git.open(work), new HashMap<>()));
  }

  @Test
  void aRecordCommitFeedsTheMovesAfterIt() throws IOException {
    Plan plan = new Plan();
    Step.Rev recorded = plan.record(c1, List.of("Promote main, gate static skipped", "Comfypkgs-Gates: static=skipped: no nix here"));
    plan.add(new Step.MoveBranch("latest", Optional.of(c0), recorded, "promote", false));
    StringWriter dryRun = new StringWriter();
    plan.printDryRun(new PrintWriter(dryRun, true));
    assertEquals(List.of(
            "recorded=$(git commit-tree '" + c1 + "^{tree}' -p " + c1
                + " -m 'Promote main, gate static skipped' -m 'Comfypkgs-Gates: static=skipped: no nix here')",
            "git update-ref -m promote refs/heads/latest \"$recorded\" " + c0),
        dryRun.toString().lines().toList());
    plan.execute(Git.open(work), false, new PrintWriter(new StringWriter()));
    assertEquals(c1, git(work, env, "rev-parse", "latest^"));
    assertEquals(git(work, env, "rev-parse", c1 + "^{tree}"), git(work, env, "rev-parse", "latest^{tree}"));
    assertEquals("Promote main, gate static skipped\n\nComfypkgs-Gates: static=skipped: no nix here",
        git(work, env, "log", "-1", "--format=%B", "latest"));
  }

  @Test
  void aRefusedPushIsQuotedAndChangesNothing() throws IOException {
    Path other = origin.clone(tmp.resolve("other"));
    git(other, env, "switch", "--quiet", "latest");
    Files.writeString(other.resolve("file"), "elsewhere");
    git(other, env, "commit", "--quiet", "-am", "pushed from elsewhere");
    git(other, env, "push", "--quiet", "origin", "latest");
    Map<String, String> before = origin.refs();
    git(work, env, "branch", "--force", "latest", c1);
    git(work, env, "tag", "-a", "v0.9.3", "-m", "Stable snapshot: v0.9.3", c0);
    Step push = new Step.Push("origin", List.of("refs/tags/v0.9.3", "refs/heads/latest"));
    CliException refused = assertThrows(CliException.class, () -> push.execute(Git.open(work), new HashMap<>()));
    assertEquals(ExitCode.FAILED, refused.exitCode());
    assertTrue(refused.getMessage().contains("refs/heads/latest"), refused.getMessage());
    assertEquals(before, origin.refs(), "atomic: the tag was not pushed either");
  }

  @Test
  void aServerWithoutAtomicPushGetsOneRefAtATimeInOrder() throws IOException {
    git(origin.path(), env, "config", "receive.advertiseAtomic", "false");
    git(work, env, "tag", "-a", "v0.9.3", "-m", "Stable snapshot: v0.9.3", c0);
    git(work, env, "branch", "--force", "latest", c1);
    Step push = new Step.Push("origin", List.of("refs/tags/v0.9.3", "refs/heads/latest"));
    assertEquals(Step.Outcome.DONE, push.execute(Git.open(work), new HashMap<>()));
    assertEquals(c1, origin.refs().get("refs/heads/latest"));
    assertTrue(origin.refs().containsKey("refs/tags/v0.9.3"));
    assertEquals(Step.Outcome.ALREADY_DONE, push.execute(Git.open(work), new HashMap<>()));
  }

  private String commit(String message) throws IOException {
    Files.writeString(work.resolve("file"), message);
    git(work, env, "add", "file");
    git(work, env, "commit", "--quiet", "-m", message);
    return git(work, env, "rev-parse", "HEAD");
  }
}
