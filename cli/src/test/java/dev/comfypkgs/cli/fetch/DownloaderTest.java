package dev.comfypkgs.cli.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.LocalServer;
import dev.comfypkgs.cli.LocalServer.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download that cannot start or finish says why, in words a user can act on; a short rate
 * limit is waited out (the waits are recorded, not slept), a long one names when to come back.
 */
class DownloaderTest {
  /** What the server's clock and ours say: the moment every HTTP date here is relative to. */
  private static final Instant NOW = Instant.parse("2015-10-21T07:27:00Z");

  @TempDir Path dir;
  private LocalServer server;
  private final List<Duration> sleeps = new ArrayList<>();
  private Downloader downloader;

  @BeforeEach
  void start() throws IOException {
    server = new LocalServer();
    downloader = new Downloader(Duration.ofSeconds(10), new RetryPolicy(sleeps::add),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI uri(String path) {
    return URI.create(server.base() + path);
  }

  private static Response rateLimited(int status, String header, String value) {
    return Response.of(status, "slow down").header(header, value);
  }

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

  @Test
  void aShort429IsWaitedOutForTheSecondsItAsksAndRetried() throws IOException {
    server.sequence("/a", rateLimited(429, "Retry-After", "7"), Response.of(200, "body"));
    downloader.download(uri("/a"), dir.resolve("a"));
    assertEquals("body", Files.readString(dir.resolve("a")));
    assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
    assertEquals(List.of("/a", "/a"), server.paths());
  }

  @Test
  void aRetryAfterDateIsWaitedUntil() throws IOException {
    server.sequence("/a", rateLimited(429, "Retry-After", "Wed, 21 Oct 2015 07:27:20 GMT"),
        Response.of(200, "body"));
    downloader.download(uri("/a"), dir.resolve("a"));
    assertEquals(List.of(Duration.ofSeconds(20)), sleeps);
  }

  @Test
  void aGitHubRateLimit403IsWaitedUntilItsReset() throws IOException {
    server.sequence("/a",
        rateLimited(403, "X-RateLimit-Remaining", "0")
            .header("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 12)),
        Response.of(200, "body"));
    downloader.download(uri("/a"), dir.resolve("a"));
    assertEquals(List.of(Duration.ofSeconds(12)), sleeps);
  }

  @Test
  void aPlain403IsARefusalNotRetried() {
    server.status("/a", 403);
    HttpStatusException e = assertThrows(HttpStatusException.class,
        () -> downloader.download(uri("/a"), dir.resolve("a")));
    assertEquals(403, e.status());
    assertEquals("HTTP 403 from " + uri("/a"), e.getMessage());
    assertEquals(List.of("/a"), server.paths());
    assertEquals(List.of(), sleeps);
  }

  @Test
  void aWaitOverTheCapFailsAtOnceWithOneLineSayingWhenToRetry() {
    server.respond("/a", rateLimited(429, "Retry-After", "3600"));
    HttpStatusException e = assertThrows(HttpStatusException.class,
        () -> downloader.download(uri("/a"), dir.resolve("a")));
    assertEquals("rate-limited by " + uri("/").getAuthority() + " (HTTP 429, retry after 3600 s) for "
        + uri("/a") + ": try again after 2015-10-21 08:27 UTC", e.getMessage());
    assertEquals(429, e.status());
    assertEquals(List.of(), sleeps);
    assertEquals(List.of("/a"), server.paths());
    assertFalse(Files.exists(dir.resolve("a")));
  }

  @Test
  void aRequestIsTriedAtMostThreeTimes() {
    server.respond("/a", rateLimited(429, "Retry-After", "1"));
    HttpStatusException e = assertThrows(HttpStatusException.class,
        () -> downloader.download(uri("/a"), dir.resolve("a")));
    assertTrue(e.getMessage().startsWith("rate-limited by " + uri("/").getAuthority()
        + " (HTTP 429, retry after 1 s) 3 times in a row for "), e.getMessage());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeps);
    assertEquals(3, server.paths().size());
  }

  @Test
  void aRunWaitsAtMostTwoMinutesInAll() throws IOException {
    for (int i = 0; i < 5; i++) {
      server.sequence("/f" + i, rateLimited(503, "Retry-After", "30"), Response.of(200, "ok"));
    }
    for (int i = 0; i < 4; i++) {
      downloader.download(uri("/f" + i), dir.resolve("f" + i));
    }
    HttpStatusException e = assertThrows(HttpStatusException.class,
        () -> downloader.download(uri("/f4"), dir.resolve("f4")));
    assertTrue(e.getMessage().contains("(HTTP 503, retry after 30 s) after 120 s of waiting in this run"),
        e.getMessage());
    assertEquals(4, sleeps.size());
  }

  @Test
  void retryAfterHints() {
    assertEquals(Optional.of(Duration.ZERO), hint(429, Map.of("Retry-After", "Wed, 21 Oct 2015 07:00:00 GMT")));
    assertEquals(Optional.empty(), hint(429, Map.of("Retry-After", "soon")));
    assertEquals(Optional.of(Duration.ofDays(366)), hint(429, Map.of("Retry-After", "999999999999999999")));
    // GitHub's reset counts only while no requests are left, and only on a 403.
    String reset = Long.toString(NOW.getEpochSecond() + 60);
    assertEquals(Optional.empty(), hint(403, Map.of("X-RateLimit-Remaining", "5", "X-RateLimit-Reset", reset)));
    assertEquals(Optional.empty(), hint(404, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", reset)));
  }

  private static Optional<Duration> hint(int status, Map<String, String> headers) {
    Map<String, List<String>> multi = new java.util.HashMap<>();
    headers.forEach((k, v) -> multi.put(k, List.of(v)));
    return Downloader.retryAfter(status, HttpHeaders.of(multi, (k, v) -> true), NOW);
  }

  @Test
  void aTimeoutSaysSo() {
    server.slow("/a", new byte[10], 4000);
    Downloader quick = new Downloader(Duration.ofSeconds(1), new RetryPolicy(sleeps::add), Clock.systemUTC());
    IOException e = assertThrows(IOException.class, () -> quick.download(uri("/a"), dir.resolve("a")));
    assertEquals("timed out after 1s waiting for " + uri("/a"), e.getMessage());
  }

  @Test
  void aBodyAnnouncedOverTheCapIsRefusedOnItsHeaders() throws IOException {
    server.announce("/big", 100L << 20);
    IOException e = assertThrows(IOException.class,
        () -> downloader.download(uri("/big"), dir.resolve("big"), 1 << 20));
    assertEquals("the download of " + uri("/big") + " is 104857600 bytes, larger than the limit of"
        + " 1048576 bytes", e.getMessage());
    assertNothingLeftIn(dir);
  }

  @Test
  void aBodyThatRunsPastTheCapIsCutOff() throws IOException {
    server.respond("/big", Response.of(200, new byte[5000]).chunked());
    IOException e = assertThrows(IOException.class,
        () -> downloader.download(uri("/big"), dir.resolve("big"), 1000));
    assertEquals("the download of " + uri("/big") + " is larger than the limit of 1000 bytes",
        e.getMessage());
    assertNothingLeftIn(dir);
    downloader.download(uri("/big"), dir.resolve("big"), 5000);
    assertEquals(5000, Files.size(dir.resolve("big")));
  }

  @Test
  void everyRequestSaysWhoIsAsking() throws IOException {
    server.file("/a", new byte[1]);
    downloader.download(uri("/a"), dir.resolve("a"));
    assertTrue(server.requests().get(0).headers().get("user-agent").startsWith("comfypkgs/"),
        server.requests().toString());
  }

  private static void assertNothingLeftIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
  }
}
