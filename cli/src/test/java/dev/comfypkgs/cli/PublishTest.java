package dev.comfypkgs.cli;

import static dev.comfypkgs.cli.CliHarness.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code publish} against real git (a bare {@code origin} and a clone holding an environment the
 * processor generated from the {@code publish} fixtures) and a {@code flox} that records how it
 * was called. In the clone every precondition holds; each test breaks some.
 */
class PublishTest {
  /** The fixture's meta-package: uses (which requires wheel-dep) and, on x86_64-linux, linux-tool. */
  private static final String ATTR = "extras";
  private static final String WHEEL = "sources/wheel_dep-1.0.0-py3-none-any.whl";
  private static final String TARBALL = "sources/linux-tool-1.0.0.tar.gz";
  /** The one node of node-pack: a vendored directory. */
  private static final String NODE = "sources/Vendored-Node";
  private static final String LOCK = "generated-nix/.flox/env/manifest.lock";

  @TempDir static Path generatedOnce;
  private static Path generated;

  @TempDir Path tmp;

  private Path work;
  private Path bin;
  private Path calls;
  private Map<String, String> env;

  @BeforeAll
  static void generate() throws IOException {
    generated = CliHarness.generate(generatedOnce, "publish");
  }

  @BeforeEach
  void cloneWhereEveryPreconditionHolds() throws IOException {
    bin = Files.createDirectories(tmp.resolve("bin"));
    calls = bin.resolve("flox-calls.log");
    publishingFlox(0);
    env = new HashMap<>();
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    env.put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CEILING_DIRECTORIES", tmp.toString());
    env.put("GIT_AUTHOR_NAME", "Maintainer");
    env.put("GIT_AUTHOR_EMAIL", "maintainer@example.org");
    env.put("GIT_COMMITTER_NAME", "Maintainer");
    env.put("GIT_COMMITTER_EMAIL", "maintainer@example.org");
    Path origin = tmp.resolve("origin.git");
    git(tmp, "init", "--quiet", "--bare", "--initial-branch=main", origin.toString());
    work = tmp.toRealPath().resolve("work");
    git(tmp, "clone", "--quiet", origin.toString(), work.toString());
    work = work.toRealPath();
    git(work, "switch", "--quiet", "--create", "main");
    copyTree(generated, work.resolve("generated-nix"));
    Files.writeString(work.resolve(LOCK), "{\"lockfile-version\": 1}\n");
    Files.writeString(work.resolve(WHEEL), "a wheel");
    Files.writeString(work.resolve(TARBALL), "a tarball");
    Files.writeString(Files.createDirectories(work.resolve(NODE)).resolve("__init__.py"), "NODES = {}\n");
    Files.writeString(work.resolve("README.md"), "comfypkgs\n");
    // Outside extras' closure, so publishing extras never asks for it.
    Files.writeString(work.resolve("sources/unrelated-1.0.0-py3-none-any.whl"), "never committed");
    git(work, "add", "README.md", "generated-nix", WHEEL, TARBALL, NODE);
    git(work, "commit", "--quiet", "-m", "the environment, its lock and extras' vendored files");
    git(work, "push", "--quiet", "--set-upstream", "origin", "main");
  }

  @Test
  void runsFloxPublishWhenEveryPreconditionHolds() throws IOException {
    CliHarness.Run run = publish(ATTR);
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(List.of("cwd=" + work, "publish", "-d", work.resolve("generated-nix").toString(), ATTR),
        floxCalls());
    assertTrue(run.out().contains("preconditions: all met"), run.out());
    assertTrue(run.out().contains("flox says: publishing " + ATTR), "flox's output is streamed: " + run.out());
    assertTrue(run.out().contains("flox install <your user>/" + ATTR), run.out());
    assertEquals("", run.err());
  }

  @Test
  void orgIsPassedAsFloxDashO() throws IOException {
    CliHarness.Run run = publish(ATTR, "--org", "acme");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(List.of("cwd=" + work, "publish", "-d", work.resolve("generated-nix").toString(),
        "-o", "acme", ATTR), floxCalls());
    assertTrue(run.out().contains("flox install acme/" + ATTR), run.out());
  }

  @Test
  void floxFailingIsExitOneAfterItsOutput() throws IOException {
    publishingFlox(7);
    CliHarness.Run run = publish(ATTR);
    assertOneLineError(run, 1, "flox publish failed (exit code 7)");
    assertTrue(run.out().contains("flox says: publishing " + ATTR), run.out());
    assertEquals(5, floxCalls().size());
  }

  @Test
  void dryRunPrintsTheCommandAndRunsNothing() throws IOException {
    CliHarness.Run run = publish(ATTR, "--dry-run", "--org", "my org");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals("would run in " + work + ": " + bin.resolve("flox") + " publish -d "
        + work.resolve("generated-nix") + " -o 'my org' " + ATTR,
        run.out().lines().filter(l -> l.startsWith("would run")).findFirst().orElse(run.out()));
    assertFalse(Files.exists(calls), "flox was not run");
  }

  /** One precondition broken in a clone where all the others hold, and the line that names it. */
  enum Broken {
    NOT_A_REPOSITORY("is not in a git repository"),
    DIRTY_TRACKED_FILE("tracked files have uncommitted changes (M README.md)"),
    UNTRACKED_ENVIRONMENT_FILE("files of the environment are not tracked (generated-nix/.flox/pkgs/stray.nix)"),
    DETACHED_HEAD("HEAD is detached"),
    NO_UPSTREAM("branch main has no upstream: push it with git push --set-upstream <remote> main"),
    BRANCH_NOT_ON_REMOTE("branch main on origin does not exist: git push origin HEAD:refs/heads/main"),
    NOT_PUSHED("HEAD is not pushed to main on origin: git push origin HEAD:refs/heads/main"),
    NO_LOCK(LOCK + " is not committed"),
    UNTRACKED_REQUIRED_VENDORED_FILE("vendored " + WHEEL + " (for wheel-dep) is not committed"),
    UNTRACKED_MEMBER_VENDORED_FILE("vendored " + TARBALL + " (for linux-tool) is not committed");

    final String line;

    Broken(String line) {
      this.line = line;
    }
  }

  @ParameterizedTest
  @EnumSource(Broken.class)
  void eachUnmetPreconditionIsListedAndFloxIsNotRun(Broken broken) throws IOException {
    Path dir = work.resolve("generated-nix");
    switch (broken) {
      case NOT_A_REPOSITORY -> {
        dir = tmp.resolve("elsewhere/generated-nix");
        copyTree(work.resolve("generated-nix"), dir);
      }
      case DIRTY_TRACKED_FILE -> Files.writeString(work.resolve("README.md"), "edited\n");
      case UNTRACKED_ENVIRONMENT_FILE ->
          Files.writeString(work.resolve("generated-nix/.flox/pkgs/stray.nix"), "{ }: null\n");
      case DETACHED_HEAD -> git(work, "switch", "--quiet", "--detach");
      case NO_UPSTREAM -> git(work, "branch", "--unset-upstream");
      case BRANCH_NOT_ON_REMOTE -> git(tmp.resolve("origin.git"), "branch", "--move", "main", "renamed");
      case NOT_PUSHED -> {
        Files.writeString(work.resolve("README.md"), "a commit not pushed\n");
        git(work, "commit", "--quiet", "--all", "-m", "not pushed");
      }
      case NO_LOCK -> commitAndPush("git", "rm", "--quiet", LOCK);
      case UNTRACKED_REQUIRED_VENDORED_FILE -> commitAndPush("git", "rm", "--quiet", "--cached", WHEEL);
      case UNTRACKED_MEMBER_VENDORED_FILE -> commitAndPush("git", "rm", "--quiet", "--cached", TARBALL);
    }
    CliHarness.Run run = CliHarness.run(work, env, "--dir", dir.toString(), "publish", ATTR);

    assertEquals(1, run.exitCode(), run.all());
    List<String> unmet = unmetLines(run);
    assertEquals(1, unmet.size(), "only the broken precondition: " + run.err());
    assertTrue(unmet.get(0).contains(broken.line), "'" + broken.line + "' in " + unmet.get(0));
    assertTrue(run.err().startsWith("comfypkgs: cannot publish extras: 1 precondition is not met"
        + " (flox was not run):"), run.err());
    assertFalse(run.all().contains("Exception"), run.all());
    assertFalse(Files.exists(calls), "flox was not run");
  }

  @Test
  void everyUnmetPreconditionIsListedAtOnce() throws IOException {
    commitAndPush("git", "rm", "--quiet", "--cached", WHEEL, TARBALL, LOCK);
    Files.writeString(work.resolve("README.md"), "edited\n");
    git(work, "branch", "--unset-upstream");

    CliHarness.Run run = publish(ATTR);
    assertEquals(1, run.exitCode(), run.all());
    List<String> unmet = unmetLines(run);
    assertEquals(6, unmet.size(), run.err());
    for (String expected : List.of("tracked files have uncommitted changes",
        "files of the environment are not tracked (" + LOCK + ")", "branch main has no upstream",
        LOCK + " is not committed", "vendored " + WHEEL, "vendored " + TARBALL)) {
      assertTrue(unmet.stream().anyMatch(l -> l.contains(expected)), expected + " in " + run.err());
    }
    assertFalse(Files.exists(calls), "flox was not run");
  }

  @Test
  void aMissingVendoredFileSaysHowToFetchIt() throws IOException {
    commitAndPush("git", "rm", "--quiet", WHEEL);
    List<String> unmet = unmetLines(publish(ATTR));
    assertEquals(1, unmet.size(), unmet.toString());
    assertTrue(unmet.get(0).contains("comfypkgs vendor wheel-dep --from <URL>, then git add " + WHEEL),
        unmet.get(0));
  }

  @Test
  void aVendoredDirectoryMustBeCommittedWhole() throws IOException {
    assertEquals(0, publish("node-pack").exitCode(), "committed whole");
    Files.writeString(work.resolve(NODE + "/extra.py"), "# not committed\n");
    List<String> unmet = unmetLines(publish("node-pack"));
    assertEquals(List.of("  - vendored directory " + NODE + " (for node-pack) is not fully committed ("
        + NODE + "/extra.py): Flox rebuilds from a clone, where it would be missing (git add " + NODE
        + " && git commit)"), unmet);

    Files.delete(work.resolve(NODE + "/extra.py"));
    commitAndPush("git", "rm", "--quiet", "-r", NODE);
    unmet = unmetLines(publish("node-pack"));
    assertEquals(1, unmet.size(), unmet.toString());
    assertTrue(unmet.get(0).contains("vendored " + NODE + " (for node-pack) is not committed"), unmet.get(0));
    assertTrue(unmet.get(0).contains("copy it there as sources/README.md says, then git add " + NODE),
        "comfypkgs vendor fetches a package's own file only: " + unmet.get(0));
  }

  @Test
  void floxMissingIsExitThreeBeforeAnyCheck() throws IOException {
    Files.delete(bin.resolve("flox"));
    Files.writeString(work.resolve("README.md"), "edited\n");
    Map<String, String> noFlox = new HashMap<>(env);
    noFlox.put("PATH", CliHarness.pathWith(bin, Path.of("/usr/bin"), Path.of("/bin")));
    assertOneLineError(CliHarness.run(work, noFlox, "publish", ATTR), 3, "flox is not on the PATH");
  }

  @Test
  void unknownAttrIsBadUsageWithASuggestion() throws IOException {
    assertOneLineError(publish("extra"), 2, "unknown package 'extra'; did you mean 'extras'?");
    assertFalse(Files.exists(calls), "flox was not run");
  }

  @Test
  void hostileAttrAndBranchNameAreEscaped() throws IOException {
    CliHarness.Run attr = publish("ex\u001b]0;owned\u0007tras");
    assertOneLineError(attr, 2, "'ex\\x1b]0;owned\\x07tras'");
    assertFalse(attr.all().contains("\u001b"), attr.all());

    // A right-to-left override is a valid ref name; printf makes it so no argument is non-ASCII.
    sh(work, "git switch --quiet --create \"$(printf 'feature-\\342\\200\\256-evil')\"");
    CliHarness.Run branch = publish(ATTR);
    List<String> unmet = unmetLines(branch);
    assertEquals(1, unmet.size(), branch.err());
    assertTrue(unmet.get(0).contains("branch feature-\\u202e-evil has no upstream"), unmet.get(0));
    assertFalse(branch.all().contains("\u202e"), branch.all());
    assertFalse(Files.exists(calls), "flox was not run");
  }

  /** The "  - " lines under the refusal: one per unmet precondition. */
  private static List<String> unmetLines(CliHarness.Run run) {
    return run.err().lines().filter(l -> l.startsWith("  - ")).toList();
  }

  private CliHarness.Run publish(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("publish"));
    all.addAll(List.of(args));
    return CliHarness.run(work, env, all.toArray(String[]::new));
  }

  /**
   * A flox that records its working directory and arguments, one line each, prints a line and
   * exits with {@code exitCode}. Not {@link CliHarness#recordingFlox}: that one plays
   * {@code flox build} and makes a result link, which publish must not.
   */
  private void publishingFlox(int exitCode) throws IOException {
    CliHarness.executable(bin, "flox", String.join("\n",
        "#!/bin/sh",
        "{ echo \"cwd=$PWD\"; for a in \"$@\"; do echo \"$a\"; done; } > '" + calls + "'",
        "for last; do :; done",
        "echo \"flox says: publishing $last\"",
        "exit " + exitCode,
        ""));
  }

  private List<String> floxCalls() throws IOException {
    assertTrue(Files.exists(calls), "flox was run");
    return Files.readAllLines(calls);
  }

  private void commitAndPush(String... gitCommand) throws IOException {
    git(work, List.of(gitCommand).subList(1, gitCommand.length).toArray(String[]::new));
    git(work, "commit", "--quiet", "-m", "break a precondition");
    git(work, "push", "--quiet");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Files.createDirectories(to.resolveSibling("sources"));
  }

  private String git(Path cwd, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    return exec(cwd, command);
  }

  private String sh(Path cwd, String script) throws IOException {
    return exec(cwd, List.of("/bin/sh", "-c", script));
  }

  private String exec(Path cwd, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        fail(String.join(" ", command) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out.strip();
  }
}
