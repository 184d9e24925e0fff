package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code git} to put first on the CLI's PATH: it logs every argument list, then runs the real
 * git; or, when the argument list matches the armed pattern, kills its caller (the CLI's JVM) with
 * SIGKILL instead, the way a power cut or {@code kill -9} would stop a release half-way. No test
 * code runs inside the CLI: the fault comes from outside, as a real one would.
 */
final class RecordingGit {
  private final Path bin;
  private final Path log;
  private final Path killPattern;

  private RecordingGit(Path bin) {
    this.bin = bin;
    this.log = bin.resolve("git.log");
    this.killPattern = bin.resolve("kill-pattern");
  }

  /** Writes the wrapper into {@code bin}, in front of the git found on this JVM's PATH. */
  static RecordingGit install(Path bin) throws IOException {
    String real = Tools.find("git").orElseThrow().toString();
    RecordingGit git = new RecordingGit(bin);
    CliHarness.executable(bin, "git", String.join("\n",
        "#!/bin/sh",
        "{ for a in \"$@\"; do printf '[%s] ' \"$a\"; done; echo; } >> '" + git.log + "'",
        "if [ -f '" + git.killPattern + "' ]; then",
        "  pattern=$(cat '" + git.killPattern + "')",
        "  case \"$*\" in",
        "    $pattern) echo '[killed]' >> '" + git.log + "'; kill -KILL $PPID; exit 137;;",
        "  esac",
        "fi",
        "exec '" + real + "' \"$@\"",
        ""));
    return git;
  }

  /** The PATH for the CLI: the wrapper first, then this JVM's PATH. */
  String path() {
    return bin + ":" + System.getenv("PATH");
  }

  /** Kills the caller at the first git run whose arguments, joined by spaces, match the shell pattern. */
  void killAt(String shellPattern) throws IOException {
    Files.writeString(killPattern, shellPattern);
  }

  /** Runs every later git normally. */
  void disarm() throws IOException {
    Files.deleteIfExists(killPattern);
  }

  /** Every git run so far, one line each, each argument in brackets. */
  List<String> calls() throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /**
   * No git run so far forced anything or rewrote history: no {@code --force*} or {@code -f}, no
   * {@code +} refspec, no rebase, no reset.
   */
  void assertNothingForced() throws IOException {
    for (String call : calls()) {
      assertFalse(call.contains("[--force") || call.contains("[-f]") || call.contains("[+")
          || call.startsWith("[rebase]") || call.contains("] [rebase]")
          || call.startsWith("[reset]") || call.contains("] [reset]"), call);
    }
  }
}
