package dev.comfypkgs.cli.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A download that cannot start says why, in words a user can act on. */
class DownloaderTest {
  @TempDir Path dir;

  @Test
  void aRefusedConnectionNamesTheHostAndTheReason() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    IOException e = assertThrows(IOException.class, () -> Downloader.withTimeout(10)
        .download(URI.create("http://127.0.0.1:" + closedPort + "/a.tar.gz"), dir.resolve("a")));
    assertEquals("cannot connect to 127.0.0.1:" + closedPort + " (the connection was refused)", e.getMessage());
  }

  @Test
  void anUnknownHostIsNamedWithoutAPortItNeverHad() {
    IOException e = assertThrows(IOException.class, () -> Downloader.withTimeout(10)
        .download(URI.create("http://no-such-host.invalid/a.tar.gz"), dir.resolve("a")));
    assertEquals("cannot connect to no-such-host.invalid (the host name does not resolve)",
        e.getMessage());
  }
}
