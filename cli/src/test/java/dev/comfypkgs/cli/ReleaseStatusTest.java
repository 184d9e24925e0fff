package dev.comfypkgs.cli;

import static dev.comfypkgs.cli.CliHarness.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * {@code release status} against real git: a bare {@code origin} and clones of it in temporary
 * directories, each branch carrying its own {@code generated-nix/recipes.json}.
 */
class ReleaseStatusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Path origin;
  private Path work;
  private Map<String, String> env;

  @BeforeEach
  void originAndClone() throws IOException {
    env = new HashMap<>();
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CEILING_DIRECTORIES", tmp.toString());
    env.put("GIT_AUTHOR_NAME", "Maintainer");
    env.put("GIT_AUTHOR_EMAIL", "maintainer@example.org");
    env.put("GIT_COMMITTER_NAME", "Maintainer");
    env.put("GIT_COMMITTER_EMAIL", "maintainer@example.org");
    origin = tmp.resolve("origin.git");
    git(tmp, "init", "--quiet", "--bare", "--initial-branch=main", origin.toString());
    work = tmp.resolve("work");
    git(tmp, "clone", "--quiet", origin.toString(), work.toString());
    git(work, "switch", "--quiet", "--create", "main");
    commitRelease(work, "0.9.3", "C0: ComfyUI 0.9.3");
    git(work, "push", "--quiet", "origin", "main");
  }

  @Test
  void freshRepositoryWithOnlyMain() throws IOException {
    JsonNode status = statusJson(work);
    assertEquals("origin", status.get("remote").asText());
    assertEquals(List.of("latest-testing", "latest-staging", "latest", "main"), names(status));
    JsonNode testing = branch(status, "latest-testing");
    assertTrue(testing.get("local").isNull());
    assertTrue(testing.get("remote").isNull());
    assertEquals("missing", testing.get("promotion").asText());
    JsonNode main = branch(status, "main");
    assertEquals("0.9.3", main.at("/local/comfyuiRelease").asText());
    assertEquals(head(work, "main"), main.at("/local/commit").asText());
    assertEquals(main.at("/local/commit"), main.at("/remote/commit"));
    assertEquals(0, main.at("/localVsRemote/ahead").asInt());
    assertTrue(main.get("next").isNull());
    assertFalse(main.has("promotion"));
    assertTrue(status.get("latestTag").isNull());

    CliHarness.Run text = status(work);
    assertEquals(0, text.exitCode(), text.all());
    String mainRow = row(text.out(), "main");
    assertTrue(mainRow.contains("0.9.3") && mainRow.contains(head(work, "main").substring(0, 12)), mainRow);
    assertTrue(text.out().contains("latest tag: none"), text.out());
  }

  @Test
  void aRepositoryWithoutTheRemoteShowsLocalBranchesOnly() throws IOException {
    git(work, "remote", "remove", "origin");
    JsonNode status = statusJson(work);
    assertTrue(status.get("remote").isNull());
    JsonNode main = branch(status, "main");
    assertEquals("0.9.3", main.at("/local/comfyuiRelease").asText());
    assertTrue(main.get("remote").isNull());
    assertTrue(main.get("localVsRemote").isNull());
    assertTrue(status(work).out().contains("no remote named origin"));
  }

  @Test
  void fullFlowWithTestingAheadOfStagingIsAFastForward() throws IOException {
    for (String branch : List.of("latest-testing", "latest-staging", "latest", "main-testing")) {
      git(work, "branch", branch, "main");
    }
    git(work, "tag", "-a", "v0.9.3", "-m", "Stable snapshot: v0.9.3", "main");
    git(work, "tag", "-a", "v0.9.3-r2", "-m", "Stable snapshot: v0.9.3-r2", "main");
    git(work, "switch", "--quiet", "latest-testing");
    commitRelease(work, "0.10.0", "ComfyUI 0.10.0");
    git(work, "push", "--quiet", "--all", "origin");
    String headBefore = git(work, "rev-parse", "HEAD");
    String filesBefore = git(work, "status", "--porcelain", "--ignored");

    JsonNode status = statusJson(work);
    assertEquals(List.of("latest-testing", "latest-staging", "latest", "main-testing", "main"),
        names(status), "main-staging does not exist, main-testing does");
    JsonNode testing = branch(status, "latest-testing");
    assertEquals("0.10.0", testing.at("/local/comfyuiRelease").asText());
    assertEquals("0.10.0", testing.at("/remote/comfyuiRelease").asText());
    assertEquals("latest-staging", testing.get("next").asText());
    assertEquals(1, testing.get("ahead").asInt());
    assertEquals(0, testing.get("behind").asInt());
    assertEquals("fast-forward", testing.get("promotion").asText());
    JsonNode staging = branch(status, "latest-staging");
    assertEquals("0.9.3", staging.at("/local/comfyuiRelease").asText());
    assertEquals("latest", staging.get("next").asText());
    assertEquals("up to date", staging.get("promotion").asText());
    assertEquals("main", branch(status, "latest").get("next").asText());
    JsonNode maintenance = branch(status, "main-testing");
    assertEquals("main-staging", maintenance.get("next").asText());
    assertEquals("missing", maintenance.get("promotion").asText());
    assertEquals("v0.9.3-r2", status.at("/latestTag/name").asText(), "version order, suffix last");
    assertEquals(head(work, "main"), status.at("/latestTag/commit").asText());

    CliHarness.Run text = status(work);
    assertTrue(row(text.out(), "latest-testing").contains("fast-forward"), text.out());
    assertTrue(text.out().contains("latest tag: v0.9.3-r2 at " + head(work, "main").substring(0, 12)));
    assertEquals(headBefore, git(work, "rev-parse", "HEAD"), "status reads without a checkout");
    assertEquals(filesBefore, git(work, "status", "--porcelain", "--ignored"));
  }

  @Test
  void divergedStagingIsShownNotRefused() throws IOException {
    git(work, "branch", "latest-testing", "main");
    git(work, "branch", "latest-staging", "main");
    git(work, "switch", "--quiet", "latest-testing");
    commitRelease(work, "0.10.0", "ComfyUI 0.10.0");
    git(work, "switch", "--quiet", "latest-staging");
    commitFile(work, "FIX", "a fix made on staging", "a fix on staging");

    JsonNode testing = branch(statusJson(work), "latest-testing");
    assertEquals(1, testing.get("ahead").asInt());
    assertEquals(1, testing.get("behind").asInt());
    assertEquals("diverged", testing.get("promotion").asText());
    JsonNode staging = branch(statusJson(work), "latest-staging");
    assertTrue(staging.get("remote").isNull(), "never pushed");
    assertEquals("missing", staging.get("promotion").asText(), "latest does not exist yet");
    CliHarness.Run text = status(work);
    assertEquals(0, text.exitCode(), text.all());
    assertTrue(row(text.out(), "latest-testing").contains("diverged"), text.out());
  }

  @Test
  void remoteAheadAfterAnotherClonePushesShowsOnlyAfterFetch() throws IOException {
    String before = head(work, "main");
    Path other = tmp.resolve("other");
    git(tmp, "clone", "--quiet", origin.toString(), other.toString());
    commitRelease(other, "0.9.4", "ComfyUI 0.9.4 from another clone");
    git(other, "push", "--quiet", "origin", "main");

    JsonNode stale = branch(statusJson(work), "main");
    assertEquals(before, stale.at("/remote/commit").asText(), "as of the last fetch");
    assertEquals(0, stale.at("/localVsRemote/behind").asInt());

    JsonNode fetched = branch(json(CliHarness.run(work, env, "release", "status", "--json", "--fetch")), "main");
    assertEquals(head(other, "main"), fetched.at("/remote/commit").asText());
    assertEquals("0.9.4", fetched.at("/remote/comfyuiRelease").asText());
    assertEquals("0.9.3", fetched.at("/local/comfyuiRelease").asText());
    assertEquals(0, fetched.at("/localVsRemote/ahead").asInt());
    assertEquals(1, fetched.at("/localVsRemote/behind").asInt());
    assertEquals(before, head(work, "main"), "fetch moves only the remote-tracking branch");
    assertTrue(row(status(work).out(), "main").contains("+0 -1"));
  }

  @Test
  void fetchFromAnUnknownRemoteIsBadUsage() throws IOException {
    assertOneLineError(CliHarness.run(work, env, "release", "status", "--fetch", "--remote", "upstream"),
        2, "no remote named 'upstream'");
  }

  @Test
  void missingGarbageOrOversizedRecipesJsonIsAnUnknownRelease() throws IOException {
    git(work, "switch", "--quiet", "--create", "latest-testing");
    git(work, "rm", "--quiet", "generated-nix/recipes.json");
    git(work, "commit", "--quiet", "-m", "no recipes.json");
    git(work, "switch", "--quiet", "--create", "latest-staging", "main");
    commitFile(work, "generated-nix/recipes.json", "{\"comfyuiRelease\": ", "truncated");
    git(work, "switch", "--quiet", "--create", "latest", "main");
    commitFile(work, "generated-nix/recipes.json",
        "{\"comfyuiRelease\": \"9.9.9\", \"pad\": \"" + "x".repeat(5 << 20) + "\"}", "five megabytes");
    git(work, "switch", "--quiet", "--create", "main-testing", "main");
    commitFile(work, "generated-nix/recipes.json", "{\"comfyuiRelease\": 13}", "not a string");

    JsonNode status = statusJson(work);
    for (String name : List.of("latest-testing", "latest-staging", "latest", "main-testing")) {
      assertTrue(branch(status, name).at("/local/comfyuiRelease").isNull(), name + ": " + status);
    }
    assertEquals("0.9.3", branch(status, "main").at("/local/comfyuiRelease").asText());
    CliHarness.Run text = status(work);
    assertEquals(0, text.exitCode(), text.all());
    assertTrue(row(text.out(), "latest-testing").contains("unknown"), text.out());
  }

  @Test
  void aHostileReleaseIsEscapedInTheTable() throws IOException {
    git(work, "switch", "--quiet", "--create", "latest-testing");
    commitFile(work, "generated-nix/recipes.json",
        "{\"comfyuiRelease\": \"0.9.3\\u001b]0;owned\\u0007\\r\"}", "a hostile release");

    CliHarness.Run text = status(work);
    assertEquals(0, text.exitCode(), text.all());
    assertFalse(text.out().contains("\u001b") || text.out().contains("\r"), text.out());
    assertTrue(row(text.out(), "latest-testing").contains("0.9.3\\x1b]0;owned\\x07\\r"), text.out());
    JsonNode testing = branch(statusJson(work), "latest-testing");
    assertEquals("0.9.3\u001b]0;owned\u0007\r", testing.at("/local/comfyuiRelease").asText());
  }

  @Test
  void notAGitRepository() throws IOException {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    assertOneLineError(CliHarness.run(elsewhere, env, "release", "status"), 2, "is not in a git repository");
  }

  /** The repository is the environment's parent; an environment at / has none. */
  @Test
  void anEnvironmentAtTheRootHasNoRepository() throws IOException {
    for (String command : List.of("status", "promote", "rotate", "bump")) {
      List<String> args = new ArrayList<>(List.of("--dir", "/", "release", command));
      if (command.equals("bump")) {
        args.add("0.10.0");
      }
      assertOneLineError(CliHarness.run(work, env, args.toArray(String[]::new)), 2, "has no parent");
    }
  }

  @Test
  void gitMissing() throws IOException {
    Map<String, String> noGit = new HashMap<>(env);
    noGit.put("PATH", CliHarness.pathWith(Files.createDirectories(tmp.resolve("empty-bin"))));
    assertOneLineError(CliHarness.run(work, noGit, "release", "status"), 3, "git is not on the PATH");
  }

  @Test
  void releaseAloneShowsItsUsage() throws IOException {
    CliHarness.Run run = CliHarness.run(work, env, "release");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("status"), run.out());
  }

  private CliHarness.Run status(Path cwd) throws IOException {
    return CliHarness.run(cwd, env, "release", "status");
  }

  private JsonNode statusJson(Path cwd) throws IOException {
    return json(CliHarness.run(cwd, env, "release", "status", "--json"));
  }

  private static JsonNode json(CliHarness.Run run) throws IOException {
    assertEquals(0, run.exitCode(), run.all());
    return JSON.readTree(run.out());
  }

  private static List<String> names(JsonNode status) {
    List<String> names = new ArrayList<>();
    status.get("branches").forEach(b -> names.add(b.get("name").asText()));
    return names;
  }

  private static JsonNode branch(JsonNode status, String name) {
    for (JsonNode b : status.get("branches")) {
      if (b.get("name").asText().equals(name)) {
        return b;
      }
    }
    return fail("no branch " + name + " in " + status);
  }

  /** The table row of {@code branch}. */
  private static String row(String table, String branch) {
    return table.lines().filter(l -> l.startsWith(branch + " ")).findFirst()
        .orElseGet(() -> fail("no row for " + branch + " in\n" + table));
  }

  private void commitRelease(Path clone, String release, String message) throws IOException {
    commitFile(clone, "generated-nix/recipes.json",
        "{\"format\": 2, \"comfyuiRelease\": \"" + release + "\"}\n", message);
  }

  private void commitFile(Path clone, String file, String content, String message) throws IOException {
    Path path = clone.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
    git(clone, "add", file);
    git(clone, "commit", "--quiet", "-m", message);
  }

  private String head(Path clone, String branch) throws IOException {
    return git(clone, "rev-parse", "refs/heads/" + branch);
  }

  private String git(Path cwd, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        fail("git " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out.strip();
  }
}
