package dev.comfypkgs.cli.fetch;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A server answered with a status other than 200. Carries what a caller needs to decide: the
 * status (a 404 may mean "try the next tag"), and when the server said to come back, if it said.
 */
public final class HttpStatusException extends IOException {
  private final int status;
  private final URI uri;
  private final Instant received;
  private final Optional<Duration> retryAfter;

  HttpStatusException(int status, URI uri, Instant received, Optional<Duration> retryAfter) {
    this("HTTP " + status + " from " + uri, status, uri, received, retryAfter);
  }

  private HttpStatusException(String message, int status, URI uri, Instant received,
      Optional<Duration> retryAfter) {
    super(message);
    this.status = status;
    this.uri = uri;
    this.received = received;
    this.retryAfter = retryAfter;
  }

  /** The same answer explained by {@code message}, as {@link RetryPolicy} words a rate limit. */
  HttpStatusException withMessage(String message) {
    return new HttpStatusException(message, status, uri, received, retryAfter);
  }

  public int status() {
    return status;
  }

  public URI uri() {
    return uri;
  }

  /** The host (and port, when the URL has one) that answered. */
  public String host() {
    return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  /**
   * How long the server asked to wait, from when the answer arrived: its {@code Retry-After}
   * (seconds or an HTTP date), or, on a 403 that says no requests are left, its {@code
   * X-RateLimit-Reset}. Empty when it said neither.
   */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** When the server said to come back, if it said. */
  public Optional<Instant> retryAt() {
    return retryAfter.map(received::plus);
  }

  /**
   * A rate limit, which goes away by waiting: any 429, or a 403 or 503 that says when to come
   * back (a 403 without that is a refusal, which waiting does not change).
   */
  public boolean isRateLimit() {
    return status == 429 || ((status == 403 || status == 503) && retryAfter.isPresent());
  }
}
