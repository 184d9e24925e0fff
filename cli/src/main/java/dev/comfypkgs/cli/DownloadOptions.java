package dev.comfypkgs.cli;

import dev.comfypkgs.cli.fetch.Downloader;
import picocli.CommandLine.Option;

/**
 * How the commands that download sources ({@code new}, {@code adopt}, {@code prefetch}) reach
 * GitHub, as one picocli mixin, so that the options read and default the same everywhere.
 */
final class DownloadOptions {
  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "Give up on a download after this long (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--github-base", paramLabel = "URL",
      description = "Instead of https://github.com (or $COMFYPKGS_GITHUB_BASE).")
  String githubBase;

  /** A downloader with the {@code --timeout}. */
  Downloader downloader() {
    return Downloader.withTimeout(timeoutSeconds);
  }

  /** {@code --github-base}, or null: {@code SourceLocations} then reads the environment. */
  String githubBase() {
    return githubBase;
  }

  int timeoutSeconds() {
    return timeoutSeconds;
  }
}
