package dev.comfypkgs.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Finding and running the external tools (Nix, Flox, Python). */
public final class Tools {
  public static final String INSTALL_NIX =
      "Install Nix (https://nixos.org/download; on Debian or Ubuntu: apt-get install nix-bin),"
          + " then run this again.";
  public static final String INSTALL_FLOX =
      "Install Flox (https://flox.dev/docs/install-flox/), or use --backend nix.";

  private Tools() {}

  /** The executable's path on {@code $PATH}, if it is there. */
  public static Optional<Path> find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public static Path require(String name, String howToInstall) {
    return find(name).orElseThrow(() -> CliException.missingTool(name, howToInstall));
  }

  /** What a finished process printed. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs a command to completion, capturing both streams. */
  public static Result run(List<String> command, Path workingDir, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      if (workingDir != null) {
        pb.directory(workingDir.toFile());
      }
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      StringBuilder err = new StringBuilder();
      Thread errReader = new Thread(() -> drain(p.getErrorStream(), err));
      errReader.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      errReader.join();
      return new Result(code, out, err.toString());
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILED, "could not run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.FAILED, "interrupted while running " + command.get(0));
    }
  }

  /**
   * Runs a command with stdout and stderr merged, handing each line to {@code onLine} as it
   * comes (for progress and logs). Returns the exit code, or -1 for a command killed because it
   * had not exited an hour after closing its output. There is no limit while it still prints (or
   * keeps its output open): a build may rightly take hours, and the user sees it and can stop it.
   */
  public static int stream(
      List<String> command, Path workingDir, Map<String, String> env, Consumer<String> onLine) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      if (workingDir != null) {
        pb.directory(workingDir.toFile());
      }
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          onLine.accept(line);
        }
      }
      if (!p.waitFor(1, TimeUnit.HOURS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILED, "could not run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.FAILED, "interrupted while running " + command.get(0));
    }
  }

  private static void drain(java.io.InputStream in, StringBuilder into) {
    try {
      into.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // the process died; its exit code says so
    }
  }

  /** Lines of text, without empty ones. */
  public static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }
}
