package dev.comfypkgs.cli.adopt;

import dev.comfypkgs.cli.fetch.Downloader;
import dev.comfypkgs.cli.fetch.HttpStatusException;
import dev.comfypkgs.cli.fetch.RetryPolicy;
import dev.comfypkgs.cli.fetch.SourceLocations;
import dev.comfypkgs.cli.pypi.JsonSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * PyPI's JSON API over HTTP: each document downloaded (at most {@value #MAX_BYTES} bytes) into
 * the run's scratch directory, short rate limits waited out, a 404 meaning "not on PyPI".
 */
final class HttpJsonSource implements JsonSource {
  /** A project's JSON is a few hundred kilobytes; a busy one's a few megabytes. */
  static final long MAX_BYTES = 64L << 20;

  private final SourceLocations locations;
  private final Downloader downloader;
  private final RetryPolicy retry;
  private final Path scratch;

  HttpJsonSource(SourceLocations locations, Downloader downloader, RetryPolicy retry, Path scratch) {
    this.locations = locations;
    this.downloader = downloader;
    this.retry = retry;
    this.scratch = scratch;
  }

  @Override
  public Optional<Path> fetch(String normalisedName) throws IOException {
    URI uri = locations.pypiJson(normalisedName);
    Path file = scratch.resolve(normalisedName + ".json");
    try {
      retry.call(() -> {
        downloader.download(uri, file, MAX_BYTES);
        return file;
      });
      return Optional.of(file);
    } catch (HttpStatusException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
