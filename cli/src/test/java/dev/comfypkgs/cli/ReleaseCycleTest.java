package dev.comfypkgs.cli;

import static dev.comfypkgs.cli.HookedOrigin.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec's release cycle end to end with {@code release promote} and {@code release rotate},
 * every step pushed through an origin whose hook refuses any force, and git recorded on the way.
 */
class ReleaseCycleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The home and toolchain cache of the whole class: the candidates' toolchain compiles once. */
  @TempDir static Path shared;

  @TempDir Path tmp;

  private ReleaseFixture fixture;
  private Map<String, String> env;
  private HookedOrigin origin;
  private RecordingGit recording;
  private Path work;

  /** The fixture repository, pushed to a guarded origin with all four branches at C0. */
  @BeforeEach
  void allBranchesAtC0() throws IOException {
    fixture = ReleaseFixture.create(tmp, shared);
    work = fixture.work();
    env = new HashMap<>(fixture.env());
    recording = RecordingGit.install(tmp.resolve("bin"));
    env.put("PATH", recording.path());
    origin = HookedOrigin.create(tmp.resolve("origin.git"), env);
    git(work, env, "remote", "add", "origin", origin.path().toString());
    for (String branch : List.of("latest-testing", "latest-staging", "latest")) {
      git(work, env, "branch", branch, "main");
    }
    git(work, env, "push", "--quiet", "origin", "main", "latest-testing", "latest-staging", "latest");
    git(work, env, "switch", "--quiet", "latest-testing");
  }

  @Test
  void fullCycleFromTheSpec() throws IOException {
    String c0 = head("main");
    // 1. A new release in testing, promoted and rotated: main is at latest, so nothing is archived.
    bump("0.10.0");
    String r10 = head("latest-testing");
    assertEquals("fast-forward", promotion("latest-testing"));
    ok("release", "promote", "--push");
    assertEquals(r10, head("latest-staging"));
    assertEquals("up to date", promotion("latest-testing"));
    assertEquals("fast-forward", promotion("latest-staging"));
    ok("release", "rotate", "--push");
    assertEquals(List.of(c0, r10, r10), heads("main", "latest", "latest-staging"), "main stays, latest moves");
    assertTrue(tags().isEmpty(), "main did not advance: nothing archived");
    assertSynced();

    // 2. The next release: rotate tags main's state v0.9.3, then main -> latest -> staging.
    bump("0.11.0");
    String r11 = head("latest-testing");
    ok("release", "promote", "--push");
    ok("release", "rotate", "--push");
    assertEquals(List.of(r10, r11, r11), heads("main", "latest", "latest-staging"));
    assertEquals(Map.of("v0.9.3", c0), tags());
    assertTrue(tagMessage("v0.9.3").startsWith("Stable snapshot: v0.9.3\n\nComfypkgs-Rotation: main "
        + c0 + " " + r10 + " latest " + r10 + " " + r11 + "\n\nComfypkgs-Gates: "), tagMessage("v0.9.3"));
    assertSynced();

    // 3. Maintenance: a fix on main-testing, to main-staging (created), then to main, tagged v0.10.0.
    git(work, env, "switch", "--quiet", "--create", "main-testing", "main");
    String fix1 = commitFile("FIX1", "Fix one on 0.10.0");
    ok("release", "promote", "--track", "main", "--push");
    assertEquals(fix1, head("main-staging"));
    ok("release", "promote", "--track", "main", "--to-main", "--push");
    assertEquals(fix1, head("main"));
    assertEquals(Map.of("v0.9.3", c0, "v0.10.0", r10), tags());
    assertTrue(tagMessage("v0.10.0").contains("Comfypkgs-Advance: main " + r10 + " " + fix1), tagMessage("v0.10.0"));

    // 4. Another fix keeps the release: its archive is v0.10.0-r2.
    String fix2 = commitFile("FIX2", "Fix two on 0.10.0");
    ok("release", "promote", "--track", "main", "--push");
    ok("release", "promote", "--track", "main", "--to-main", "--push");
    assertEquals(fix2, head("main"));
    assertEquals(Map.of("v0.9.3", c0, "v0.10.0", r10, "v0.10.0-r2", fix1), tags());
    assertSynced();

    // 5. Rotate now would move main backwards off its fixes: refused, naming both.
    assertEquals("diverged", promotion("latest"), "main has fixes latest lacks");
    CliHarness.Run refused = run("release", "rotate", "--push");
    assertEquals(1, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains("Fix one on 0.10.0") && refused.err().contains("Fix two on 0.10.0"),
        refused.err());
    assertTrue(refused.err().contains("git merge main"), refused.err());

    // 6. The fixes are merged into testing, which goes to latest without moving main; the next
    //    rotation archives main's maintained state as v0.10.0-r3.
    git(work, env, "switch", "--quiet", "latest-testing");
    git(work, env, "merge", "--quiet", "--no-edit", "main");
    git(work, env, "push", "--quiet", "origin", "HEAD");
    ok("release", "promote", "--push");
    ok("release", "promote", "--to-latest", "--push");
    assertEquals(fix2, head("main"), "--to-latest does not move main");
    bump("0.12.0");
    ok("release", "promote", "--push");
    String latest = head("latest");
    ok("release", "rotate", "--push");
    assertEquals(latest, head("main"));
    assertEquals(fix2, tags().get("v0.10.0-r3"));
    assertEquals(4, tags().size());
    assertSynced();
    recording.assertNothingForced();
  }

  @Test
  void promoteRefusesDivergedStaging() throws IOException {
    git(work, env, "switch", "--quiet", "latest-staging");
    commitFile("HOTFIX", "A hotfix made on staging");
    git(work, env, "switch", "--quiet", "latest-testing");
    bump("0.10.0");
    Map<String, String> before = HookedOrigin.refsOf(work, env);

    CliHarness.Run refused = run("release", "promote", "--push");
    assertEquals(1, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains("latest-staging has 1 commit that latest-testing lacks"), refused.err());
    assertTrue(refused.err().contains("A hotfix made on staging"), refused.err());
    assertTrue(refused.err().contains("git switch latest-testing && git merge latest-staging"), refused.err());
    assertTrue(refused.err().contains("a merge, not a rebase"), refused.err());
    assertFalse(refused.all().contains("Exception"), refused.all());
    assertEquals(before, HookedOrigin.refsOf(work, env));
  }

  @Test
  void dirtyTreeIsRefusedButUntrackedFilesAreNot() throws IOException {
    bump("0.10.0");
    Files.writeString(work.resolve("sources-note.txt"), "untracked, like sources/");
    assertEquals(0, run("release", "promote").exitCode());
    Files.writeString(work.resolve("generated-nix/recipes.json"), "{}");
    Map<String, String> before = HookedOrigin.refsOf(work, env);
    for (String command : List.of("promote", "rotate")) {
      CliHarness.assertOneLineError(run("release", command, "--apply"), 1, "uncommitted changes");
    }
    assertEquals(before, HookedOrigin.refsOf(work, env));
    assertEquals("{}", Files.readString(work.resolve("generated-nix/recipes.json")));
  }

  @Test
  void localBranchBehindItsRemoteIsRefused() throws IOException {
    Path other = origin.clone(tmp.resolve("other"));
    git(other, env, "switch", "--quiet", "latest-testing");
    Files.writeString(other.resolve("OTHER"), "from another clone");
    git(other, env, "add", "OTHER");
    git(other, env, "commit", "--quiet", "-m", "Work pushed from another clone");
    git(other, env, "push", "--quiet", "origin", "latest-testing");
    Map<String, String> before = origin.refs();

    // --push fetches first, so it sees the other clone's commit without a fetch by hand.
    CliHarness.assertOneLineError(run("release", "promote", "--push"), 1,
        "latest-testing is behind origin/latest-testing");
    assertEquals(before, origin.refs());
    git(work, env, "merge", "--quiet", "--ff-only", "origin/latest-testing");
    ok("release", "promote", "--push");
    assertEquals(head("latest-testing"), origin.refs().get("refs/heads/latest-staging"));
  }

  @Test
  void aTagNameTakenOnTheRemoteIsNeverMovedNorReused() throws IOException {
    String c0 = head("main");
    bump("0.10.0");
    ok("release", "promote", "--push");
    ok("release", "rotate", "--push");
    bump("0.11.0");
    ok("release", "promote", "--push");
    // Someone tagged another commit v0.9.3 on the origin only.
    Path other = origin.clone(tmp.resolve("other"));
    git(other, env, "tag", "-a", "v0.9.3", "-m", "made by hand", "origin/latest");
    git(other, env, "push", "--quiet", "origin", "v0.9.3");
    String handMade = origin.refs().get("refs/tags/v0.9.3");

    CliHarness.Run dryRun = ok("release", "rotate");
    assertTrue(dryRun.out().contains("git tag -a v0.9.3-r2 "), dryRun.out());
    ok("release", "rotate", "--push");
    assertEquals(handMade, origin.refs().get("refs/tags/v0.9.3"), "the existing tag did not move");
    assertEquals(c0, git(work, env, "rev-parse", "v0.9.3-r2^{commit}"));
    recording.assertNothingForced();
  }

  @Test
  void dryRunChangesNothing() throws IOException {
    bump("0.10.0");
    ok("release", "promote", "--push");
    bump("0.11.0");
    git(work, env, "switch", "--quiet", "--create", "main-testing", "main");
    commitFile("FIX", "A fix on main");
    git(work, env, "branch", "main-staging", "main-testing");
    git(work, env, "push", "--quiet", "origin", "main-staging");
    git(work, env, "switch", "--quiet", "latest-testing");
    String[][] commands = {
        {"release", "promote"}, {"release", "rotate"}, {"release", "promote", "--to-latest"},
        {"release", "promote", "--track", "main", "--to-main"},
        {"release", "promote", "--skip-gate", "static", "--reason", "no nix here"}};
    for (String[] command : commands) {
      Map<String, String> snapshot = snapshot();
      CliHarness.Run dryRun = ok(command);
      assertTrue(dryRun.out().startsWith("# release "), dryRun.out());
      assertTrue(dryRun.out().contains("dry run, nothing changed"), dryRun.out());
      assertEquals(snapshot, snapshot(), String.join(" ", command));
    }
  }

  @Test
  void dryRunCommandsRunByShDoWhatApplyDoes() throws IOException {
    bump("0.10.0");
    ok("release", "promote", "--push");
    ok("release", "rotate", "--push");
    bump("0.11.0");
    ok("release", "promote", "--push");
    Path copy = tmp.resolve("copy");
    HookedOrigin.git(tmp, env, "clone", "--quiet", "--no-local", work.toString(), copy.toString());
    HookedOrigin.git(copy, env, "fetch", "--quiet", "origin", "+refs/heads/*:refs/heads/*", "--update-head-ok");

    String dryRun = ok("release", "rotate").out();
    assertTrue(dryRun.contains("git tag -a v0.9.3 "), dryRun);
    assertTrue(dryRun.contains("\n# with --push: git push --atomic --porcelain origin refs/tags/v0.9.3:refs/tags/v0.9.3 "), dryRun);
    // The whole output, as printed: the push is a comment, so sh runs exactly what --apply runs.
    HookedOrigin.Result sh = HookedOrigin.shell(copy, env, dryRun);
    assertEquals(0, sh.exitCode(), sh.output());
    ok("release", "rotate", "--apply");

    for (String ref : List.of("refs/heads/main", "refs/heads/latest", "refs/heads/latest-staging",
        "refs/tags/v0.9.3^{commit}")) {
      assertEquals(git(work, env, "rev-parse", ref), git(copy, env, "rev-parse", ref), ref);
    }
    assertEquals(git(work, env, "for-each-ref", "--format=%(contents)", "refs/tags/v0.9.3"),
        git(copy, env, "for-each-ref", "--format=%(contents)", "refs/tags/v0.9.3"));
  }

  @Test
  void interruptedRotateFinishesOnTheSecondRun() throws IOException {
    int round = 0;
    for (String killAt : List.of("*update-ref*refs/heads/main *", "*update-ref*refs/heads/latest *",
        "*push --atomic*")) {
      round++;
      bump("1." + round + ".0");
      ok("release", "promote", "--push");
      ok("release", "promote", "--to-latest", "--push");
      bump("1." + round + ".1");
      ok("release", "promote", "--push");
      List<String> expected = heads("latest", "latest-staging", "latest-staging");
      int tagsBefore = tags().size();

      recording.killAt(killAt);
      CliHarness.Run killed = run("release", "rotate", "--push");
      recording.disarm();
      assertEquals(137, killed.exitCode(), killAt + ": " + killed.all());
      assertEquals(tagsBefore + 1, tags().size(), killAt + ": the tag came first");
      JsonNode inProgress = status().get("rotationInProgress");
      assertEquals(newestTag(), inProgress.get("tag").asText(), killAt);
      assertEquals(killAt.contains("main") ? List.of("main", "latest", "push")
              : killAt.contains("latest") ? List.of("latest", "push") : List.of("push"),
          JSON.convertValue(inProgress.get("remainingSteps"), List.class), killAt);

      CliHarness.Run resumed = ok("release", "rotate", "--push");
      assertTrue(resumed.out().contains("resuming the rotation recorded in tag v"), resumed.out());
      assertEquals(expected, heads("main", "latest", "latest-staging"), killAt);
      assertEquals(tagsBefore + 1, tags().size(), killAt + ": exactly one tag");
      assertSynced();
      assertTrue(ok("release", "rotate", "--push").out().contains("nothing to do"), killAt);
    }
    recording.assertNothingForced();
  }

  @Test
  void skippedGatesAreRecordedInTheLogOrTheTag() throws IOException {
    bump("0.10.0");
    String candidate = head("latest-testing");
    ok("release", "promote", "--skip-gate", "static", "--reason", "no nix on this machine", "--push");
    String record = head("latest-staging");
    assertEquals(record, head("latest-testing"), "the record is on the source branch too");
    assertEquals(candidate, git(work, env, "rev-parse", record + "^"));
    assertEquals(git(work, env, "rev-parse", candidate + "^{tree}"), git(work, env, "rev-parse", record + "^{tree}"));
    String message = git(work, env, "log", "-1", "--format=%B", record);
    assertTrue(message.contains("latest-testing@" + candidate) && message.contains("static=skipped")
        && message.contains("no nix on this machine"), message);
    assertSynced();

    ok("release", "rotate", "--push");
    bump("0.11.0");
    ok("release", "promote", "--push");
    ok("release", "rotate", "--skip-gate", "static", "--reason", "nix broken", "--push");
    String tag = tagMessage("v0.9.3");
    assertTrue(tag.contains("Comfypkgs-Gates: latest@") && tag.contains("static=skipped")
        && tag.contains(": nix broken"), tag);
  }

  @Test
  void aCandidateWhoseGeneratedNixIsStaleIsRefusedUnlessTheSkipIsRecorded() throws IOException {
    String stale = pushed(fixture.commitFiles("Describe timm better", Map.of(ReleaseFixture.RECIPES + "/Timm.java",
        fixture.editedRecipe("Timm", "description = \"timm\"", "description = \"PyTorch image models\""))));
    Map<String, String> before = snapshot();
    for (String[] command : new String[][] {{"release", "promote"}, {"release", "promote", "--push"}}) {
      CliHarness.Run refused = run(command);
      assertEquals(1, refused.exitCode(), refused.all());
      assertTrue(refused.err().contains("gate generated failed for latest-testing at " + stale), refused.err());
      assertTrue(refused.err().contains("generated-nix/ is stale"), refused.err());
      assertTrue(refused.err().contains("--skip-gate generated --reason"), refused.err());
      assertFalse(refused.all().contains("Exception"), refused.all());
      assertEquals(before, snapshot(), "a refusal changes nothing");
    }
    ok("release", "promote", "--skip-gate", "generated", "--reason", "description only", "--push");
    String record = head("latest-staging");
    assertEquals(stale, git(work, env, "rev-parse", record + "^"));
    assertTrue(git(work, env, "log", "-1", "--format=%B", record)
        .contains("latest-testing@" + stale + " generated=skipped static=passed: description only"));
    assertSynced();
  }

  /** A branch only the remote has is not started afresh here, which would diverge from it. */
  @Test
  void aBranchOnlyTheRemoteHasIsRefusedWithHowToCreateIt() throws IOException {
    git(work, env, "branch", "--quiet", "main-testing", "main");
    git(work, env, "branch", "--quiet", "main-staging", "main");
    git(work, env, "push", "--quiet", "origin", "main-testing", "main-staging");
    git(work, env, "branch", "--quiet", "-D", "latest-staging");
    git(work, env, "branch", "--quiet", "-D", "main");
    Map<String, String> before = fixture.snapshot();
    CliHarness.assertOneLineError(run("release", "promote", "--apply"), 1,
        "the branch latest-staging exists only on origin: create it from there first (git branch latest-staging origin/latest-staging)");
    CliHarness.assertOneLineError(run("release", "promote", "--track", "main", "--to-main", "--apply"), 1,
        "the branch main exists only on origin");
    assertEquals(before, fixture.snapshot());
  }

  @Test
  void maintenanceBranchesMustExistAndOptionsMustFit() throws IOException {
    CliHarness.assertOneLineError(run("release", "promote", "--track", "main"), 1,
        "git branch main-testing main");
    CliHarness.assertOneLineError(run("release", "promote", "--to-main"), 2, "--track main");
    CliHarness.assertOneLineError(run("release", "promote", "--track", "stable"), 2, "--track is latest or main");
    CliHarness.assertOneLineError(run("release", "promote", "--reason", "why"), 2, "--skip-gate");
  }

  @Test
  void aBranchCheckedOutInAnotherWorktreeIsNotMoved() throws IOException {
    bump("0.10.0");
    Path elsewhere = tmp.resolve("staging-worktree");
    git(work, env, "worktree", "add", "--quiet", elsewhere.toString(), "latest-staging");
    CliHarness.assertOneLineError(run("release", "promote", "--apply"), 1,
        "latest-staging is checked out in the worktree " + elsewhere);
    assertEquals(head("main"), head("latest-staging"));
  }

  @Test
  void theCheckedOutBranchMovesWithItsFiles() throws IOException {
    bump("0.10.0");
    String r10 = head("latest-testing");
    git(work, env, "switch", "--quiet", "latest-staging");
    CliHarness.Run dryRun = ok("release", "promote");
    assertTrue(dryRun.out().contains("git merge --ff-only " + r10), dryRun.out());
    ok("release", "promote", "--apply");
    assertEquals(r10, git(work, env, "rev-parse", "HEAD"));
    assertTrue(Files.readString(work.resolve("generated-nix/recipes.json")).contains("0.10.0"));
    assertEquals("", git(work, env, "status", "--porcelain"));
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Runs the CLI in the clone; promote and rotate get the stand-in nixpkgs for the static gate
   * (the fixture pins none, and the tests have no network).
   */
  private CliHarness.Run run(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.size() > 1 && all.get(0).equals("release") && List.of("promote", "rotate").contains(all.get(1))) {
      all.addAll(List.of("--nixpkgs", CliHarness.standinNixpkgs().toString()));
    }
    return CliHarness.run(work, env, all.toArray(String[]::new));
  }

  private CliHarness.Run ok(String... args) throws IOException {
    CliHarness.Run run = run(args);
    assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.all());
    return run;
  }

  /**
   * Origin's branches and tags are the clone's: every step was pushed, nothing else was; and
   * {@code release status --json} says so, branch by branch, with no rotation in progress.
   */
  private void assertSynced() throws IOException {
    Map<String, String> local = HookedOrigin.refsOf(work, env);
    local.keySet().removeIf(ref -> ref.startsWith("refs/remotes/"));
    assertEquals(local, origin.refs());
    JsonNode status = status();
    assertTrue(status.get("rotationInProgress").isNull(), status.toString());
    for (JsonNode branch : status.get("branches")) {
      String name = branch.get("name").asText();
      assertEquals(head(name), branch.at("/local/commit").asText(), name);
      assertEquals(head(name), branch.at("/remote/commit").asText(), name);
      assertEquals(0, branch.at("/localVsRemote/ahead").asInt() + branch.at("/localVsRemote/behind").asInt());
      assertEquals(release(name), branch.at("/local/comfyuiRelease").asText(), name);
    }
    Map<String, String> tags = tags();
    if (!tags.isEmpty()) {
      assertEquals(newestTag(), status.at("/latestTag/name").asText());
    }
  }

  /** The release {@code branch} carries, read the way a maintainer would. */
  private String release(String branch) throws IOException {
    return JSON.readTree(git(work, env, "show", branch + ":generated-nix/recipes.json"))
        .get("comfyuiRelease").asText();
  }

  /** The promotion status shows for {@code branch}. */
  private String promotion(String branch) throws IOException {
    for (JsonNode b : status().get("branches")) {
      if (b.get("name").asText().equals(branch)) {
        return b.get("promotion").asText();
      }
    }
    return fail("no branch " + branch);
  }

  /**
   * Everything a dry run must leave as it was: the clone's refs, HEAD, reflogs and work-tree
   * bytes, its registered worktrees, and the origin's refs.
   */
  private Map<String, String> snapshot() throws IOException {
    Map<String, String> state = new java.util.TreeMap<>();
    HookedOrigin.refsOf(work, env).forEach((ref, sha) -> state.put("ref " + ref, sha));
    origin.refs().forEach((ref, sha) -> state.put("origin " + ref, sha));
    state.put("HEAD", git(work, env, "symbolic-ref", "HEAD") + " " + git(work, env, "rev-parse", "HEAD"));
    state.put("worktrees", String.valueOf(Files.exists(work.resolve(".git/worktrees"))));
    try (var files = Files.walk(work)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = work.relativize(f).toString();
        if (!rel.startsWith(".git/") || rel.startsWith(".git/logs/")) {
          state.put("file " + rel, java.util.Arrays.toString(
              java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
        }
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    return state;
  }

  private String head(String branch) throws IOException {
    return git(work, env, "rev-parse", "refs/heads/" + branch);
  }

  private List<String> heads(String... branches) throws IOException {
    List<String> out = new java.util.ArrayList<>();
    for (String b : branches) {
      out.add(head(b));
    }
    return out;
  }

  /** Every tag with the commit it archives. */
  private Map<String, String> tags() throws IOException {
    Map<String, String> tags = new java.util.TreeMap<>();
    for (String name : git(work, env, "tag", "--list").split("\n")) {
      if (!name.isBlank()) {
        tags.put(name, git(work, env, "rev-parse", name + "^{commit}"));
      }
    }
    return tags;
  }

  private String newestTag() throws IOException {
    return tags().keySet().stream().max(dev.comfypkgs.cli.release.SnapshotTags.ORDER).orElseThrow();
  }

  private String tagMessage(String tag) throws IOException {
    return git(work, env, "for-each-ref", "--format=%(contents)", "refs/tags/" + tag);
  }

  private JsonNode status() throws IOException {
    return JSON.readTree(ok("release", "status", "--json").out());
  }

  /** The maintainer pins {@code release} on the current branch with {@code release bump} and pushes it. */
  private String bump(String release) throws IOException {
    ok("release", "bump", release, "--apply");
    return pushed(git(work, env, "rev-parse", "HEAD"));
  }


  /** A commit adding {@code file}, which no recipe reads (a maintenance fix), pushed. */
  private String commitFile(String file, String message) throws IOException {
    return pushed(fixture.commitFiles(message, Map.of(file, message + "\n")));
  }

  /** The maintainer pushes the branch worked on; the release commands push what they move. */
  private String pushed(String commit) throws IOException {
    git(work, env, "push", "--quiet", "origin", "HEAD");
    return commit;
  }
}
