package dev.comfypkgs.cli;

import picocli.CommandLine.Option;

/**
 * Whether a release command only prints its plan (the default), performs it locally ({@code
 * --apply}) or also pushes it ({@code --push}), as a picocli mixin. Each command words the options
 * in {@code Messages.properties} ({@code <command>.apply}, {@code <command>.push}).
 */
final class ApplyOptions {
  @Option(names = "--apply", descriptionKey = "apply")
  boolean apply;

  @Option(names = "--push", descriptionKey = "push")
  boolean push;

  /** Whether to change the repository: {@code --push} implies {@code --apply}. */
  boolean apply() {
    return apply || push;
  }

  /** Whether to push the moved branches and the new tag. */
  boolean push() {
    return push;
  }
}
