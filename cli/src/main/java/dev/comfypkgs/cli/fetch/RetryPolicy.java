package dev.comfypkgs.cli.fetch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Waits out a short rate limit and gives up on a long one. A {@linkplain
 * HttpStatusException#isRateLimit rate-limited} answer is retried after the wait the server asked
 * for, when that is at most {@link #MAX_WAIT}, at most {@link #MAX_TRIES} times per request and
 * for at most {@link #MAX_RUN_WAIT} in all over the policy's life (one per run); otherwise the
 * request fails with one line that says when to try again. Every other failure passes through.
 */
public final class RetryPolicy {
  /** The longest single wait: a longer one is better spent by the user elsewhere. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(30);
  /** Tries per request, the first included. */
  public static final int MAX_TRIES = 3;
  /** The most a run waits in all, over every request it makes. */
  public static final Duration MAX_RUN_WAIT = Duration.ofSeconds(120);
  /** The wait after a 429 that does not say how long to wait. */
  static final Duration UNANNOUNCED_WAIT = Duration.ofSeconds(5);

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Waits; a test's records the wait instead. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** One try at a request. */
  public interface Attempt<T> {
    T run() throws IOException;
  }

  private final Sleeper sleeper;
  private Duration waited = Duration.ZERO;

  RetryPolicy(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  /** A policy that really waits, with the documented bounds. */
  public static RetryPolicy standard() {
    return new RetryPolicy(duration -> Thread.sleep(duration.toMillis()));
  }

  /** {@code attempt}'s result, after as many tries as the bounds allow. */
  public <T> T call(Attempt<T> attempt) throws IOException {
    for (int tries = 1; ; tries++) {
      try {
        return attempt.run();
      } catch (HttpStatusException e) {
        if (!e.isRateLimit()) {
          throw e;
        }
        Duration wait = e.retryAfter().orElse(UNANNOUNCED_WAIT);
        if (wait.compareTo(MAX_WAIT) > 0) {
          throw e.withMessage(gaveUp(e, ""));
        }
        if (tries >= MAX_TRIES) {
          throw e.withMessage(gaveUp(e, " " + tries + " times in a row"));
        }
        if (!reserve(wait)) {
          throw e.withMessage(gaveUp(e, " after " + waited().toSeconds() + " s of waiting in this run"));
        }
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting to retry " + e.uri());
        }
      }
    }
  }

  /** Counts {@code wait} against the run's bound, if it fits. */
  private synchronized boolean reserve(Duration wait) {
    if (waited.plus(wait).compareTo(MAX_RUN_WAIT) > 0) {
      return false;
    }
    waited = waited.plus(wait);
    return true;
  }

  /** How long this policy has waited so far. */
  synchronized Duration waited() {
    return waited;
  }

  private static String gaveUp(HttpStatusException e, String how) {
    String hint = e.retryAfter().map(d -> ", retry after " + d.toSeconds() + " s").orElse("");
    String when = e.retryAt()
        .map(at -> "after " + WHEN.format(roundedUpToMinute(at)))
        .orElse("in a few minutes");
    return "rate-limited by " + e.host() + " (HTTP " + e.status() + hint + ")" + how + " for "
        + e.uri() + ": try again " + when;
  }

  private static Instant roundedUpToMinute(Instant at) {
    Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
    return minute.equals(at) ? at : minute.plus(1, ChronoUnit.MINUTES);
  }
}
