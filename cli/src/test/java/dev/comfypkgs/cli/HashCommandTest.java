package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hash} refuses what Nix refuses, a FIFO, a socket or a device, as the path or inside it:
 * one line naming the path and its type, exit 2, and no wait for a writer that never comes.
 */
class HashCommandTest {
  @TempDir Path tmp;

  private record Run(int exitCode, String out, String err) {}

  /** Runs {@code comfypkgs hash args...} as its own process, killed if it hangs. */
  private static Run hash(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "hash"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    // A guard, not a timing: the old command waited forever for a FIFO's writer.
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("comfypkgs hash " + String.join(" ", args) + " hung");
    }
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static void mkfifo(Path path) throws Exception {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertEquals(0, p.waitFor());
  }

  private static void assertRefused(Run run, String line) {
    assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertEquals("comfypkgs: " + line + System.lineSeparator(), run.err());
  }

  @Test
  void aFifoIsRefusedAsThePathOrInsideIt() throws Exception {
    Path fifo = tmp.resolve("pipe");
    mkfifo(fifo);
    assertRefused(hash(fifo.toString()),
        fifo + " is a FIFO: Nix hashes only regular files, directories and symlinks");
    assertRefused(hash("--flat", fifo.toString()), fifo + " is a FIFO: a flat hash is of a regular file");

    Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
    Files.writeString(tree.resolve("a.txt"), "a");
    mkfifo(tree.resolve("pipe"));
    assertRefused(hash(tmp.resolve("tree").toString()),
        tree.resolve("pipe") + " is a FIFO: Nix hashes only regular files, directories and symlinks");
  }

  @Test
  void aNameThatIsNotUtf8IsExplainedNotCalledMissing() throws Exception {
    // Only a shell can hand the JVM an argument whose bytes are not UTF-8.
    String script = "touch \"$3/$(printf 'caf\\351')\" && exec \"$0\" -cp \"$1\" \"$2\" hash"
        + " \"$3/$(printf 'caf\\351')\"";
    Process p = new ProcessBuilder("/bin/sh", "-c", script,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        System.getProperty("java.class.path"), Main.class.getName(), tmp.toString()).start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("comfypkgs hash hung");
    }
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(ExitCode.USAGE, p.exitValue(), err);
    assertTrue(err.contains("holds bytes that are not UTF-8, which Java cannot take as an argument:"
        + " hash the directory that holds it"), err);
    assertEquals(1, err.lines().count(), err);
  }

  @Test
  void aDeviceOrASocketIsRefused() throws Exception {
    assertRefused(hash("/dev/null"),
        "/dev/null is a character device: Nix hashes only regular files, directories and symlinks");
    Path socket = tmp.resolve("socket");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      assertRefused(hash(socket.toString()),
          socket + " is a socket: Nix hashes only regular files, directories and symlinks");
    }
  }

  @Test
  void aSymlinkToADeviceIsAPathLikeAnyOther() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("/dev/null"));
    Run run = hash(link.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("sha256-"), run.out());
  }

  @Test
  void aNameIsShownWithoutTheControlCharactersItHolds() throws Exception {
    Path fifo = tmp.resolve("evil\u001b]0;owned\u0007\rname");
    mkfifo(fifo);
    Run run = hash(tmp.toString());
    assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("/evil\\u001B]0;owned\\u0007\\u000Dname is a FIFO"), run.err());
    assertTrue(run.err().strip().chars().noneMatch(c -> c < 0x20), run.err());
  }
}
