package dev.comfypkgs.cli;

import static dev.comfypkgs.cli.CliHarness.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.release.Gate;
import dev.comfypkgs.cli.release.GateResult;
import dev.comfypkgs.cli.release.Gates;
import dev.comfypkgs.cli.release.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release bump} on a {@link ReleaseFixture}, on its latest-testing branch. */
class ReleaseBumpTest {
  private static final String RUNTIME = ReleaseFixture.RECIPES + "/TheRuntime.java";
  private static final String NODE_FILE = "generated-nix/.flox/pkgs/comfyui-node-tools.nix";

  @TempDir static Path shared;

  @TempDir Path tmp;

  private ReleaseFixture fixture;

  @BeforeEach
  void onLatestTesting() throws IOException {
    fixture = ReleaseFixture.create(tmp, shared);
    fixture.git("switch", "--quiet", "--create", "latest-testing");
  }

  @Test
  void bumpCommitsTheReleaseLineAndTheRegeneratedFilesOnly() throws IOException {
    String before = fixture.head();
    CliHarness.Run run = fixture.comfypkgs("release", "bump", "0.10.0", "--apply");
    assertEquals(0, run.exitCode(), run.all());
    String after = fixture.head();
    assertEquals(before, fixture.git("rev-parse", "HEAD^"), "one commit on top of the old HEAD");
    assertEquals("refs/heads/latest-testing", fixture.git("symbolic-ref", "HEAD"));

    List<String> javaDiff = fixture.git("diff", "--unified=0", before, after, "--", "recipes-java").lines()
        .filter(l -> (l.startsWith("-") || l.startsWith("+")) && !l.startsWith("---") && !l.startsWith("+++"))
        .toList();
    assertEquals(List.of("-@ComfyUIRelease(\"0.9.3\")", "+@ComfyUIRelease(\"0.10.0\")"), javaDiff);
    List<String> changed = fixture.git("diff", "--name-only", before, after).lines().toList();
    assertTrue(changed.contains(RUNTIME), changed.toString());
    assertTrue(changed.contains(NODE_FILE), "the tracking node follows the release: " + changed);
    assertTrue(changed.contains("generated-nix/recipes.json"), changed.toString());
    assertTrue(changed.stream().allMatch(f -> f.equals(RUNTIME) || f.startsWith("generated-nix/")), changed.toString());
    assertTrue(fixture.git("show", after + ":" + NODE_FILE).contains("version = \"0.10.0\";"));
    assertTrue(fixture.git("show", after + ":generated-nix/recipes.json").contains("\"comfyuiRelease\" : \"0.10.0\""));

    assertEquals("Pin ComfyUI 0.10.0 (was 0.9.3)", fixture.git("log", "-1", "--format=%s"));
    assertTrue(fixture.git("log", "-1", "--format=%b").contains("comfypkgs release bump 0.10.0"));
    assertEquals("", fixture.git("status", "--porcelain"), "the work tree is at the new commit");
    assertTrue(run.out().contains("Pin ComfyUI 0.10.0 (was 0.9.3) on latest-testing: " + after.substring(0, 12)),
        run.out());

    GateResult generated = new Gates(Git.open(fixture.work()), Optional.empty(), fixture.compiler())
        .check(after, EnumSet.of(Gate.STATIC)).get(0);
    assertEquals(GateResult.Outcome.PASSED, generated.outcome(), generated.detail());
  }

  @Test
  void theDryRunPrintsTheEditAndTheCommandsAndChangesNothing() throws IOException {
    Map<String, String> before = fixture.snapshot();
    CliHarness.Run run = fixture.comfypkgs("release", "bump", "0.10.0");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains(RUNTIME + ":7: @ComfyUIRelease \"0.9.3\" -> \"0.10.0\""), run.out());
    assertTrue(run.out().contains("#    M " + NODE_FILE), run.out());
    assertTrue(run.out().contains("git commit-tree <tree> -p " + fixture.head()
        + " -m 'Pin ComfyUI 0.10.0 (was 0.9.3)' -m "), run.out());
    assertTrue(run.out().contains("git merge --ff-only <new commit>"), run.out());
    assertEquals(before, fixture.snapshot(), "refs, HEAD, reflogs, work tree and .git byte for byte");
  }

  @Test
  void protectedBranchesAndADetachedHeadAreRefused() throws IOException {
    for (String branch : List.of("main", "latest", "latest-staging", "main-staging")) {
      if (!branch.equals("main")) {
        fixture.git("branch", branch, "main");
      }
      fixture.git("switch", "--quiet", branch);
      Map<String, String> before = fixture.snapshot();
      assertOneLineError(fixture.comfypkgs("release", "bump", "0.10.0", "--apply"), 2,
          "bump does not run on " + branch);
      assertEquals(before, fixture.snapshot());
    }
    fixture.git("switch", "--quiet", "--detach", "main");
    assertOneLineError(fixture.comfypkgs("release", "bump", "0.10.0", "--apply"), 2, "HEAD is detached");
  }

  @Test
  void aMalformedReleaseIsBadUsage() throws IOException {
    assertOneLineError(fixture.comfypkgs("release", "bump", "v0.10.0"), 2,
        "write the release without the v: comfypkgs release bump 0.10.0");
    assertOneLineError(fixture.comfypkgs("release", "bump", "0.10"), 2,
        "'0.10' is not a ComfyUI release: give X.Y.Z, e.g. 0.13.3.");
  }

  @Test
  void theSameReleaseIsANoOpAndALowerOneNeedsAllowDowngrade() throws IOException {
    Map<String, String> before = fixture.snapshot();
    CliHarness.Run same = fixture.comfypkgs("release", "bump", "0.9.3", "--apply");
    assertEquals(0, same.exitCode(), same.all());
    assertTrue(same.out().contains("ComfyUI 0.9.3 is already the release on latest-testing"), same.out());
    assertOneLineError(fixture.comfypkgs("release", "bump", "0.9.2", "--apply"), 2,
        "0.9.2 is lower than the current release 0.9.3: give --allow-downgrade");
    assertEquals(before, fixture.snapshot());

    CliHarness.Run down = fixture.comfypkgs("release", "bump", "0.9.2", "--allow-downgrade", "--apply");
    assertEquals(0, down.exitCode(), down.all());
    assertEquals("Pin ComfyUI 0.9.2 (was 0.9.3)", fixture.git("log", "-1", "--format=%s"));
  }

  @Test
  void aDirtyTreeIsRefusedAndLeftAsItIs() throws IOException {
    Files.writeString(fixture.work().resolve(ReleaseFixture.RECIPES + "/Extras.java"), "// mid-edit\n");
    Map<String, String> before = fixture.snapshot();
    CliHarness.Run run = fixture.comfypkgs("release", "bump", "0.10.0", "--apply");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.err().contains("uncommitted changes to tracked files"), run.err());
    assertTrue(run.err().contains("(M " + ReleaseFixture.RECIPES + "/Extras.java)"), run.err());
    assertEquals(before, fixture.snapshot());
  }

  @Test
  void aCompileErrorLeavesEverythingUntouched() throws IOException {
    fixture.commitFiles("timm 1.0.23", Map.of(ReleaseFixture.RECIPES + "/Timm.java",
        fixture.editedRecipe("Timm", "version = \"1.0.22\"", "version = \"1.0.23\"")));
    Map<String, String> before = fixture.snapshot();
    CliHarness.Run run = fixture.comfypkgs("release", "bump", "0.10.0", "--apply");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.err().contains("the recipes do not compile with ComfyUI 0.10.0 (nothing was changed)"), run.err());
    assertTrue(run.err().contains(ReleaseFixture.RECIPES + "/Timm.java:") && run.err().contains("[CPK106]"), run.err());
    assertFalse(run.all().contains("Exception"), run.all());
    assertEquals(before, fixture.snapshot());
  }

  @Test
  void aHeadWhoseGeneratedNixIsStaleIsRefused() throws IOException {
    fixture.commitFiles("pin 0.9.4 by hand", Map.of(RUNTIME,
        fixture.editedRecipe("TheRuntime", "\"0.9.3\"", "\"0.9.4\"")));
    CliHarness.Run run = fixture.comfypkgs("release", "bump", "0.10.0", "--apply");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.err().contains("generated-nix/ is stale at HEAD: its recipes.json says ComfyUI 0.9.3 but "
        + RUNTIME + " has @ComfyUIRelease(\"0.9.4\")"), run.err());
  }
}
