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
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Downloads to a temporary file beside the destination and moves it into place only when the
 * whole body arrived (its length checked against Content-Length): a failure never leaves a
 * partial file behind. The timeout covers the whole download, not just the headers; a size cap
 * refuses a body that announces more and stops one that sends more. A rate limit is waited out or
 * reported by the downloader's {@link RetryPolicy}, one per downloader, so one per run. The file
 * gets the permissions the umask gives any new file.
 */
public final class Downloader {
  /** Sent with every request, so a server's operators can tell who is asking. */
  static final String USER_AGENT = "comfypkgs/" + Optional.ofNullable(
      Downloader.class.getPackage().getImplementationVersion()).orElse("dev");
  /** Retry-After hints beyond this are taken as this: far enough to give up, and no overflow. */
  private static final Duration LONGEST_HINT = Duration.ofDays(366);

  private final Duration timeout;
  private final HttpClient client;
  private final RetryPolicy retries;
  private final Clock clock;

  public Downloader(Duration timeout) {
    this(timeout, RetryPolicy.standard(), Clock.systemUTC());
  }

  Downloader(Duration timeout, RetryPolicy retries, Clock clock) {
    this.timeout = timeout;
    this.retries = retries;
    this.clock = clock;
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
    download(uri, destination, Long.MAX_VALUE);
  }

  /**
   * Downloads {@code uri} to {@code destination}, refusing a body of more than {@code maxBytes};
   * throws with a message that says what failed, a {@link HttpStatusException} when the server
   * answered with another status than 200.
   */
  public void download(URI uri, Path destination, long maxBytes) throws IOException {
    retries.call(() -> {
      attempt(uri, destination, maxBytes);
      return null;
    });
  }

  private void attempt(URI uri, Path destination, long maxBytes) throws IOException {
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
        request = HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("User-Agent", USER_AGENT)
            .GET()
            .build();
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
          Instant now = clock.instant();
          throw new HttpStatusException(response.statusCode(), uri, now,
              retryAfter(response.statusCode(), response.headers(), now));
        }
        OptionalLong expected = response.headers().firstValueAsLong("Content-Length");
        if (expected.isPresent() && expected.getAsLong() > maxBytes) {
          throw new IOException("the download of " + uri + " is " + expected.getAsLong()
              + " bytes, larger than the limit of " + maxBytes + " bytes");
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
        boolean overCap = false;
        try (OutputStream out = Files.newOutputStream(part.path())) {
          byte[] buf = new byte[1 << 16];
          for (int n; (n = body.read(buf)) > 0; ) {
            if (n > maxBytes - received) {
              overCap = true;
              break;
            }
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
        if (overCap) {
          throw new IOException("the download of " + uri + " is larger than the limit of "
              + maxBytes + " bytes");
        }
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
   * How long the server asked to wait: its {@code Retry-After} in seconds or as an HTTP date; on
   * a 403, GitHub's {@code X-RateLimit-Reset} (epoch seconds) once {@code X-RateLimit-Remaining}
   * is 0. A date in the past is no wait; a hint that cannot be read is none.
   */
  static Optional<Duration> retryAfter(int status, HttpHeaders headers, Instant now) {
    Optional<String> retryAfter = headers.firstValue("Retry-After").map(String::strip);
    if (retryAfter.isPresent()) {
      String value = retryAfter.get();
      if (value.matches("[0-9]{1,18}")) {
        return Optional.of(atMostLongestHint(Duration.ofSeconds(Long.parseLong(value))));
      }
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(until(now, at));
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
    Optional<String> reset = headers.firstValue("X-RateLimit-Reset").map(String::strip);
    if (status == 403
        && headers.firstValue("X-RateLimit-Remaining").map(String::strip).equals(Optional.of("0"))
        && reset.isPresent() && reset.get().matches("[0-9]{1,12}")) {
      return Optional.of(until(now, Instant.ofEpochSecond(Long.parseLong(reset.get()))));
    }
    return Optional.empty();
  }

  private static Duration until(Instant now, Instant at) {
    return at.isAfter(now) ? atMostLongestHint(Duration.between(now, at)) : Duration.ZERO;
  }

  private static Duration atMostLongestHint(Duration wait) {
    return wait.compareTo(LONGEST_HINT) > 0 ? LONGEST_HINT : wait;
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
