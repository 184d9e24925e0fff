package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.processor.RecipeProcessor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the CLI the way a user does, as its own process with its own PATH and environment, against
 * a package set the real processor generates from the fixture recipes.
 */
final class CliHarness {
  /** What one run printed and how it ended. */
  record Run(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private CliHarness() {}

  static Path repoRoot() {
    return Path.of(System.getProperty("comfypkgs.repoRoot", "..")).toAbsolutePath().normalize();
  }

  static Path standinNixpkgs() {
    return repoRoot().resolve("processor/src/test/resources/standin-nixpkgs");
  }

  /** Generates {@code <root>/generated-nix} (and an empty {@code <root>/sources}) from fixtures. */
  static Path generate(Path root, String fixtureDir) throws IOException {
    Path out = root.resolve("generated-nix");
    Path sources = Files.createDirectories(root.resolve("sources"));
    Compilation c = compileFixtures(fixtureDir, List.of(),
        "-Acomfypkgs.out=" + out, "-Acomfypkgs.sources=" + sources);
    if (c.status() != Compilation.Status.SUCCESS) {
      fail("fixtures do not compile: " + c.diagnostics());
    }
    assertTrue(Files.isRegularFile(out.resolve("recipes.json")));
    return out;
  }

  /** Compiles the fixture recipes of {@code fixtureDir}, plus {@code extra} files, with the processor. */
  static Compilation compileFixtures(String fixtureDir, List<Path> extra, String... options)
      throws IOException {
    List<JavaFileObject> files = new ArrayList<>();
    for (Path p : extra) {
      files.add(JavaFileObjects.forResource(p.toUri().toURL()));
    }
    Path dir = Path.of(System.getProperty("user.dir")).resolve("src/test/resources/fixtures/" + fixtureDir);
    try (Stream<Path> walk = Files.list(dir)) {
      for (Path p : walk.sorted().toList()) {
        files.add(JavaFileObjects.forResource(p.toUri().toURL()));
      }
    }
    return Compiler.javac().withProcessors(new RecipeProcessor()).withOptions((Object[]) options).compile(files);
  }

  /** Rewrites {@code generated}/recipes.json through {@code edit}: a file the processor would not write. */
  static void editRecipesJson(Path generated, Consumer<ObjectNode> edit) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Path file = generated.resolve("recipes.json");
    ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
    edit.accept(root);
    Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  /** Nix is required in CI and skipped loudly elsewhere. */
  static void requireNix() {
    if (Tools.find("nix-store").isPresent() && Tools.find("nix-build").isPresent()) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("Nix is not installed, and CI=true: these tests must run in CI (.ci/run installs nix-bin).");
    }
    System.err.println("\n*** SKIPPED: Nix not installed; the CLI's Nix tests run in CI. ***\n");
    Assumptions.abort("Nix not installed");
  }

  /** Offline builds with /bin/sh builders need the sandbox off and no binary cache lookups. */
  static Map<String, String> nixEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("NIX_CONFIG", "sandbox = false\nsubstituters =");
    return env;
  }

  /** Runs {@code comfypkgs args...} in {@code cwd} with the extra environment. */
  static Run run(Path cwd, Map<String, String> env, String... args) throws IOException {
    return run(List.of(), cwd, env, args);
  }

  /** The same under a given umask (a JVM cannot set its own), e.g. {@code "022"}. */
  static Run runWithUmask(String umask, Path cwd, Map<String, String> env, String... args)
      throws IOException {
    return run(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"), cwd, env, args);
  }

  private static Run run(List<String> launcher, Path cwd, Map<String, String> env, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>(launcher);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().remove("COMFYPKGS_REPO");
    pb.environment().putAll(env);
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    try {
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        fail("comfypkgs " + String.join(" ", args) + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return run;
  }

  /**
   * The run failed with {@code exitCode} and said so in exactly one line on stderr (no stack
   * trace, no usage dump) holding {@code fragment}; returns that line.
   */
  static String assertOneLineError(Run run, int exitCode, String fragment) {
    assertEquals(exitCode, run.exitCode(), run.all());
    List<String> lines = run.err().lines().toList();
    assertEquals(1, lines.size(), "one line on stderr: " + run.err());
    assertTrue(lines.get(0).startsWith("comfypkgs: "), lines.get(0));
    assertTrue(lines.get(0).contains(fragment), "'" + fragment + "' in " + lines.get(0));
    assertFalse(run.all().contains("Exception"), run.all());
    return lines.get(0);
  }

  /** A flox that records how it was called and makes the link Flox would. */
  static Path recordingFlox(Path bin, int exitCode) throws IOException {
    return executable(bin, "flox", String.join("\n",
        "#!/bin/sh",
        "log=\"" + bin.resolve("calls.log") + "\"",
        "printf 'cwd=%s args=%s builders=%s\\n' \"$PWD\" \"$*\" \"$NIX_CONFIG\" >> \"$log\"",
        "echo \"building $2 with flox\"",
        exitCode == 0 ? "/bin/ln -sfn /tmp \"result-$2\"" : "echo 'error: build failed' >&2",
        "exit " + exitCode,
        ""));
  }

  /** A nix-build that records its arguments and makes the {@code -o} link. */
  static Path recordingNixBuild(Path bin) throws IOException {
    return executable(bin, "nix-build", String.join("\n",
        "#!/bin/sh",
        "printf '%s\\n' \"$*\" >> \"" + bin.resolve("nix-build.log") + "\"",
        "while [ $# -gt 0 ]; do",
        "  if [ \"$1\" = -o ]; then /bin/ln -sfn /tmp \"$2\"; fi",
        "  shift",
        "done",
        ""));
  }

  /** Which {@code nix} a stand-in plays: which of the commands printing the settings it has. */
  enum NixVersion {
    /** Nix 2.19 and later: {@code nix config show}. */
    CURRENT,
    /** Nix 2.8, as Debian ships it: {@code config} is not a command, {@code show-config} is. */
    NIX_2_8
  }

  /**
   * A nix that answers {@code --extra-experimental-features nix-command config show} (or, as Nix
   * 2.8, only {@code show-config}) with {@code settings}, one {@code name = value} line each, and
   * records every call.
   */
  static Path standinNix(Path bin, NixVersion version, String... settings) throws IOException {
    Path file = bin.resolve("nix-settings");
    Files.createDirectories(bin);
    Files.writeString(file, String.join("\n", settings) + "\n");
    return executable(bin, "nix", String.join("\n",
        "#!/bin/sh",
        "printf '%s\\n' \"$*\" >> \"" + bin.resolve("nix.log") + "\"",
        "case \"$*\" in",
        "  '--extra-experimental-features nix-command config show')",
        version == NixVersion.CURRENT
            ? "    /bin/cat \"" + file + "\"; exit 0;;"
            : "    echo \"error: 'config' is not a recognised command\" >&2; exit 1;;",
        "  '--extra-experimental-features nix-command show-config')",
        "    /bin/cat \"" + file + "\"; exit 0;;",
        "esac",
        "echo \"stand-in nix: unexpected arguments: $*\" >&2",
        "exit 1",
        ""));
  }

  /** Writes an executable script {@code bin/name}. */
  static Path executable(Path bin, String name, String script) throws IOException {
    Files.createDirectories(bin);
    Path file = bin.resolve(name);
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** A PATH holding only the given directory and what the JVM needs nothing of. */
  static String pathWith(Path... dirs) {
    List<String> parts = new ArrayList<>();
    for (Path d : dirs) {
      parts.add(d.toString());
    }
    return String.join(File.pathSeparator, parts);
  }
}
