package dev.comfypkgs.cli;

import static dev.comfypkgs.cli.HookedOrigin.git;
import static dev.comfypkgs.cli.HookedOrigin.tryGit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guarded origin the release tests push to refuses what the release commands must never do,
 * by its hook (the messages are the hook's), so a test passing through it means something.
 */
class ReleaseHookedOriginTest {
  @TempDir Path tmp;

  private Map<String, String> env;
  private HookedOrigin origin;
  private Path work;

  @BeforeEach
  void originWithOneCommit() throws IOException {
    env = HookedOrigin.gitEnvironment(tmp.resolve("home"));
    origin = HookedOrigin.create(tmp.resolve("origin.git"), env);
    work = origin.clone(tmp.resolve("work"));
    git(work, env, "switch", "--quiet", "--create", "main");
    commit("C0");
    git(work, env, "branch", "latest");
    git(work, env, "tag", "-a", "v0.9.3", "-m", "Stable snapshot: v0.9.3");
    git(work, env, "push", "--quiet", "origin", "main", "latest", "v0.9.3");
  }

  @Test
  void fastForwardsAndNewRefsAreAccepted() throws IOException {
    commit("C1");
    git(work, env, "tag", "-a", "v0.10.0", "-m", "Stable snapshot: v0.10.0");
    git(work, env, "push", "--quiet", "--atomic", "origin", "main", "v0.10.0");
    assertEquals(git(work, env, "rev-parse", "main"), origin.refs().get("refs/heads/main"));
    assertTrue(origin.refs().containsKey("refs/tags/v0.10.0"));
  }

  @Test
  void forcePushIsRefusedByTheHook() throws IOException {
    String before = origin.refs().get("refs/heads/main");
    git(work, env, "commit", "--quiet", "--amend", "-m", "C0 rewritten");
    HookedOrigin.Result push = tryGit(work, env, "push", "--force", "origin", "main");
    assertNotEquals(0, push.exitCode());
    assertTrue(push.output().contains("hook: non-fast-forward refs/heads/main"), push.output());
    assertEquals(before, origin.refs().get("refs/heads/main"));
  }

  @Test
  void movedTagIsRefusedByTheHook() throws IOException {
    String before = origin.refs().get("refs/tags/v0.9.3");
    commit("C1");
    git(work, env, "tag", "--force", "-a", "v0.9.3", "-m", "Stable snapshot: v0.9.3, moved");
    HookedOrigin.Result push = tryGit(work, env, "push", "--force", "origin", "v0.9.3");
    assertNotEquals(0, push.exitCode());
    assertTrue(push.output().contains("hook: tag refs/tags/v0.9.3 exists; never moved"), push.output());
    assertEquals(before, origin.refs().get("refs/tags/v0.9.3"));
  }

  @Test
  void deletionIsRefusedByTheHook() throws IOException {
    for (String ref : new String[] {"latest", "v0.9.3"}) {
      HookedOrigin.Result push = tryGit(work, env, "push", "origin", ":" + ref);
      assertNotEquals(0, push.exitCode());
      assertTrue(push.output().contains("hook: deleting refs/"), push.output());
    }
    assertTrue(origin.refs().containsKey("refs/heads/latest"));
    assertTrue(origin.refs().containsKey("refs/tags/v0.9.3"));
  }

  private void commit(String message) throws IOException {
    Files.writeString(work.resolve("file"), message);
    git(work, env, "add", "file");
    git(work, env, "commit", "--quiet", "-m", message);
  }
}
