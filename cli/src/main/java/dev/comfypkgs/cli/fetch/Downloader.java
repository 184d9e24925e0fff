package dev.comfypkgs.cli.fetch;

import dev.comfypkgs.cli.AtomicFiles;
import dev.comfypkgs.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Downloads to a temporary file beside the destination and moves it into place only when the
 * whole body arrived (its length checked against Content-Length): a failure never leaves a
 * partial file behind. The timeout covers the whole download, not just the headers. The file
 * gets the permissions the umask gives any new file.
 */
public final class Downloader {
  private final Duration timeout;
  private final HttpClient client;

  public Downloader(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** A downloader with the {@code --timeout} a user gave, which must be positive. */
  public static Downloader withTimeout(int seconds) {
    if (seconds <= 0) {
      throw CliException.usage("--timeout takes a positive number of seconds, not " + seconds + ".");
    }
    return new Downloader(Duration.ofSeconds(seconds));
  }

  /** Downloads {@code uri} to {@code destination}; throws with a message that says what failed. */
  public void download(URI uri, Path destination) throws IOException {
    Path dir = destination.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "download-timeout");
      t.setDaemon(true);
      return t;
    });
    AtomicBoolean timedOut = new AtomicBoolean();
    try (AtomicFiles.Pending part = AtomicFiles.pending(destination, ".part")) {
      HttpRequest request;
      try {
        request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
      } catch (IllegalArgumentException e) {
        throw new IOException("cannot download " + uri + ": " + e.getMessage());
      }
      HttpResponse<InputStream> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        throw new IOException("timed out after " + timeout.toSeconds() + "s waiting for " + uri);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while downloading " + uri);
      }
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode() + " from " + uri);
        }
        ScheduledFuture<?> deadline = watchdog.schedule(() -> {
          timedOut.set(true);
          try {
            body.close();
          } catch (IOException ignored) {
            // closing is all the watchdog can do
          }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        long received = 0;
        try (OutputStream out = Files.newOutputStream(part.path())) {
          byte[] buf = new byte[1 << 16];
          for (int n; (n = body.read(buf)) > 0; ) {
            out.write(buf, 0, n);
            received += n;
          }
        } catch (IOException e) {
          if (timedOut.get()) {
            throw new IOException("timed out after " + timeout.toSeconds() + "s downloading " + uri);
          }
          throw new IOException("the download of " + uri + " broke off after " + received
              + " bytes: " + e.getMessage());
        } finally {
          deadline.cancel(false);
        }
        if (timedOut.get()) {
          throw new IOException("timed out after " + timeout.toSeconds() + "s downloading " + uri);
        }
        OptionalLong expected = response.headers().firstValueAsLong("Content-Length");
        if (expected.isPresent() && expected.getAsLong() != received) {
          throw new IOException("the download of " + uri + " is truncated: " + received + " of "
              + expected.getAsLong() + " bytes");
        }
      }
      part.commit();
    } catch (ConnectException e) {
      String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      throw new IOException("cannot connect to " + host + " (" + whyNotConnected(e) + ")");
    } finally {
      watchdog.shutdownNow();
    }
  }

  /**
   * HttpClient's ConnectException has no message of its own: the reason is a cause's, and a refused
   * connection has none at all (JDK 17 reports it as a bare ClosedChannelException).
   */
  private static String whyNotConnected(ConnectException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException
          || t instanceof UnknownHostException) {
        return "the host name does not resolve";
      }
      if (t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return "the connection was refused";
  }
}
