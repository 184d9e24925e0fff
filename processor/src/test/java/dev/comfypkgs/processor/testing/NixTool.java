package dev.comfypkgs.processor.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Nix command-line tools for tests: with a timeout, with {@code NIX_CONFIG} set to
 * {@code sandbox = false} and no substituters (so nothing is ever fetched and the stand-in's
 * {@code /bin/sh} builders work), capturing stdout and stderr.
 *
 * <p>Call {@link #requireNix()} first in every test that needs Nix: without Nix the test is
 * <em>skipped</em> (loudly) on a developer machine and <em>fails</em> in CI ({@code CI=true}).
 */
public final class NixTool {
  /** The {@code NIX_CONFIG} every command runs with. */
  public static final String NIX_CONFIG = "sandbox = false\nsubstituters =\n";

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  /** Expressions longer than this go through a temporary file (the kernel limits one argument). */
  private static final int MAX_INLINE_EXPRESSION = 64 * 1024;

  private NixTool() {}

  /** What one command did. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** This result, or an assertion failure showing the command, its exit code and its stderr. */
    public Result orFail(String what) {
      if (!ok()) {
        fail(what + " failed (exit " + exitCode + ")\n" + describe());
      }
      return this;
    }

    public String describe() {
      String cmd = String.join(" ", command);
      if (cmd.length() > 2000) {
        cmd = cmd.substring(0, 2000) + " …";
      }
      return "command: " + cmd + "\n--- stderr ---\n" + stderr + "\n--- stdout ---\n"
          + (stdout.length() > 4000 ? stdout.substring(0, 4000) + " …" : stdout);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Availability

  /** True when {@code nix-instantiate} is an executable on {@code PATH}. */
  public static boolean nixAvailable() {
    return onPath("nix-instantiate");
  }

  /**
   * Fails the test in CI ({@code CI=true}) when Nix is missing; elsewhere prints a loud message and
   * aborts the test through {@link Assumptions}, so it is reported as skipped, never as passed.
   */
  public static void requireNix() {
    if (nixAvailable()) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("Nix (nix-instantiate) is not on PATH, and CI=true: Nix is mandatory in CI.");
    }
    String message = "SKIPPED: Nix not installed; these tests run in CI";
    System.err.println();
    System.err.println("*".repeat(message.length() + 8));
    System.err.println("*** " + message + " ***");
    System.err.println("*".repeat(message.length() + 8));
    System.err.println();
    Assumptions.abort(message);
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Locations

  /** The repository root: system property {@code comfypkgs.repoRoot} (set by surefire). */
  public static Path repoRoot() {
    String property = System.getProperty("comfypkgs.repoRoot");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    // Running from an IDE without the surefire configuration: find the root from the working dir.
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("generated-nix")) && Files.isDirectory(dir.resolve("processor"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("system property comfypkgs.repoRoot is not set");
  }

  /** The stand-in nixpkgs directory (see its README.md). */
  public static Path standinNixpkgs() {
    return repoRoot().resolve("processor/src/test/resources/standin-nixpkgs");
  }

  // ---------------------------------------------------------------------------------------------
  // Building expressions

  /**
   * {@code text} as a double-quoted Nix string. Independent of the printer under test: it escapes
   * every {@code $}, which is always allowed.
   */
  public static String str(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '$' -> out.append("\\$");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** An absolute path as a Nix path expression, whatever characters it holds. */
  public static String path(Path p) {
    return "(/. + " + str(p.toAbsolutePath().normalize().toString()) + ")";
  }

  /** {@code import <stand-in>/default.nix { system = "…"; }}. */
  public static String standinPkgs(String system) {
    return "(import " + path(standinNixpkgs().resolve("default.nix")) + " { system = " + str(system)
        + "; })";
  }

  /**
   * A generated {@code default.nix} in {@code out}, against the stand-in for one system, given the
   * way the CLI gives it ({@code --argstr nixpkgs <path>}: a string).
   */
  public static String defaultNix(Path out, String system) {
    return "(import " + path(out.resolve("default.nix")) + " { nixpkgs = "
        + str(standinNixpkgs().toString()) + "; system = " + str(system) + "; })";
  }

  /** The stand-in's Flox loader over a {@code .flox/pkgs} directory, for one system. */
  public static String floxScope(Path pkgsDir, String system) {
    return "(import " + path(standinNixpkgs().resolve("flox-loader.nix")) + " { pkgsDir = "
        + path(pkgsDir) + "; nixpkgs = " + standinPkgs(system) + "; })";
  }

  // ---------------------------------------------------------------------------------------------
  // Commands

  /** {@code nix-instantiate --parse FILE}. */
  public static Result parse(Path file) {
    return run(List.of("nix-instantiate", "--parse", file.toAbsolutePath().toString()));
  }

  /** {@code nix-instantiate --eval --strict --json -E EXPR}, as a result (never fails itself). */
  public static Result evalJsonResult(String expression) {
    return withExpression(expression, List.of("nix-instantiate", "--eval", "--strict", "--json"));
  }

  /** The JSON text of {@code expression}; fails the test, with Nix's message, if it does not evaluate. */
  public static String evalJson(String expression) {
    return evalJsonResult(expression).orFail("nix-instantiate --eval").stdout().trim();
  }

  /** {@code nix-instantiate -E EXPR [args]}: writes the derivations, prints their paths. */
  public static Result instantiate(String expression, String... arguments) {
    List<String> command = new ArrayList<>(List.of("nix-instantiate"));
    command.addAll(List.of(arguments));
    return withExpression(expression, command);
  }

  /** {@code nix-build -E EXPR -o OUTLINK [args]}. */
  public static Result build(String expression, Path outLink, String... arguments) {
    List<String> command = new ArrayList<>(List.of("nix-build", "-o", outLink.toString()));
    command.addAll(List.of(arguments));
    return withExpression(expression, command);
  }

  private static Result withExpression(String expression, List<String> command) {
    if (expression.length() <= MAX_INLINE_EXPRESSION) {
      List<String> full = new ArrayList<>(command);
      full.add("-E");
      full.add(expression);
      return run(full);
    }
    Path file = null;
    try {
      file = Files.createTempFile("nixtool-", ".nix");
      Files.writeString(file, expression, StandardCharsets.UTF_8);
      List<String> full = new ArrayList<>(command);
      full.add(file.toString());
      return run(full);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // A leftover temporary file is harmless.
        }
      }
    }
  }

  /** Runs a Nix command with {@link #DEFAULT_TIMEOUT}. */
  public static Result run(List<String> command) {
    return run(command, DEFAULT_TIMEOUT);
  }

  /** Runs any command with the Nix environment, a timeout and captured output (UTF-8). */
  public static Result run(List<String> command, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("nixtool-", ".out");
      err = Files.createTempFile("nixtool-", ".err");
      ProcessBuilder pb = new ProcessBuilder(command);
      Map<String, String> env = pb.environment();
      env.put("NIX_CONFIG", NIX_CONFIG);
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.redirectOutput(out.toFile());
      pb.redirectError(err.toFile());
      Process process = pb.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        fail("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command)
            + "\n--- stderr so far ---\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(
          List.copyOf(command),
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // A leftover temporary file is harmless.
      }
    }
  }
}
