package dev.comfypkgs.cli;

import picocli.CommandLine.Option;

/**
 * The remote the release commands compare with and push to, as a picocli mixin. Each command
 * words the option in {@code Messages.properties} ({@code <command>.remote}).
 */
final class RemoteOption {
  @Option(names = "--remote", paramLabel = "NAME", defaultValue = "origin", descriptionKey = "remote")
  String remote;

  /** The remote's name, {@code origin} unless given. */
  String remote() {
    return remote;
  }
}
