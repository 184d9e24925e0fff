package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bare repository playing the shared {@code origin} the maintainers push to, guarded the way a
 * protected remote is: a pre-receive hook refuses any non-fast-forward update of a branch, any
 * update of an existing tag and any deletion, and {@code receive.denyNonFastForwards} and {@code
 * receive.denyDeletes} are set too. Pushes to a local path run the hook, so a test that pushes
 * through it proves the release commands never needed a force.
 */
final class HookedOrigin {
  /** The hook of the design note (§2.7): all zeros is git's "no such ref" on either side. */
  static final String PRE_RECEIVE = String.join("\n",
      "#!/bin/sh",
      "z=$(git hash-object --stdin </dev/null | tr 0-9a-f 0)",
      "while read old new ref; do",
      "  [ \"$new\" = \"$z\" ] && { echo \"hook: deleting $ref refused\" >&2; exit 1; }",
      "  case \"$ref\" in",
      "    refs/tags/*) [ \"$old\" = \"$z\" ] || { echo \"hook: tag $ref exists; never moved\" >&2; exit 1; } ;;",
      "    refs/heads/*) [ \"$old\" = \"$z\" ] || git merge-base --is-ancestor \"$old\" \"$new\" ||",
      "                    { echo \"hook: non-fast-forward $ref\" >&2; exit 1; } ;;",
      "  esac",
      "done",
      "");

  private final Path bare;
  private final Map<String, String> env;

  private HookedOrigin(Path bare, Map<String, String> env) {
    this.bare = bare;
    this.env = env;
  }

  /** A fresh, empty guarded origin at {@code bare}. */
  static HookedOrigin create(Path bare, Map<String, String> env) throws IOException {
    git(bare.getParent(), env, "init", "--quiet", "--bare", "--initial-branch=main", bare.toString());
    git(bare, env, "config", "receive.denyNonFastForwards", "true");
    git(bare, env, "config", "receive.denyDeletes", "true");
    CliHarness.executable(bare.resolve("hooks"), "pre-receive", PRE_RECEIVE);
    return new HookedOrigin(bare, env);
  }

  Path path() {
    return bare;
  }

  /** Clones the origin into {@code dir}. */
  Path clone(Path dir) throws IOException {
    git(dir.getParent(), env, "clone", "--quiet", bare.toString(), dir.toString());
    return dir;
  }

  /** Every ref of the origin with the object it names, sorted by name. */
  Map<String, String> refs() throws IOException {
    return refsOf(bare, env);
  }

  /** Every ref of {@code repo} ({@code refs/...}) with the object it names. */
  static Map<String, String> refsOf(Path repo, Map<String, String> env) throws IOException {
    Map<String, String> refs = new TreeMap<>();
    for (String line : git(repo, env, "for-each-ref", "--format=%(refname) %(objectname)").split("\n")) {
      if (!line.isBlank()) {
        String[] f = line.split(" ");
        refs.put(f[0], f[1]);
      }
    }
    return refs;
  }

  /** A test environment for git: its own HOME and identity, no system configuration. */
  static Map<String, String> gitEnvironment(Path home) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", Files.createDirectories(home).toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Maintainer");
    env.put("GIT_AUTHOR_EMAIL", "maintainer@example.org");
    env.put("GIT_COMMITTER_NAME", "Maintainer");
    env.put("GIT_COMMITTER_EMAIL", "maintainer@example.org");
    return env;
  }

  /** What one git run printed (stdout and stderr together) and how it ended. */
  record Result(int exitCode, String output) {}

  /** Runs git; a failure fails the test. Returns stdout and stderr, stripped. */
  static String git(Path cwd, Map<String, String> env, String... args) throws IOException {
    Result r = tryGit(cwd, env, args);
    if (r.exitCode() != 0) {
      fail("git " + String.join(" ", args) + " failed in " + cwd + ": " + r.output());
    }
    return r.output().strip();
  }

  /** Runs {@code script} with {@code sh -e} in {@code cwd}: the commands a dry run printed. */
  static Result shell(Path cwd, Map<String, String> env, String script) throws IOException {
    return run(cwd, env, List.of("/bin/sh", "-e", "-c", script));
  }

  /** Runs git and returns whatever it did, failure included. */
  static Result tryGit(Path cwd, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    return run(cwd, env, command);
  }

  private static Result run(Path cwd, Map<String, String> env, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    // The test's own git calls never go through a RecordingGit the environment may name for the CLI.
    pb.environment().put("PATH", System.getenv("PATH"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      return new Result(p.waitFor(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
