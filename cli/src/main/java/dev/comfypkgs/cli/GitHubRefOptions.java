package dev.comfypkgs.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Which upstream commit a new GitHub source pins, as a picocli mixin shared by {@code new} and
 * {@code adopt}: exactly one of {@code --tag} and {@code --rev}, and the version, which a rev
 * needs and a tag implies.
 */
final class GitHubRefOptions {
  static final class Ref {
    @Option(names = "--tag", required = true, description = "A release tag, e.g. v1.2.3.")
    String tag;

    @Option(names = "--rev", required = true, description = "A 40-hex commit (give --version too).")
    String rev;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Ref ref;

  @Option(names = "--version", paramLabel = "VERSION",
      description = "The version; defaults to the tag without its v. With --rev: <x>-unstable-YYYY-MM-DD.")
  String version;

  /** {@code --tag}, or null when a rev was given. */
  String tag() {
    return ref.tag;
  }

  /** {@code --rev}, or null when a tag was given. */
  String rev() {
    return ref.rev;
  }

  /** {@code --version}, or null: the callers derive it from the tag. */
  String version() {
    return version;
  }
}
