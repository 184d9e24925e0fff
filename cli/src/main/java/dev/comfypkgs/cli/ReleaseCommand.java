package dev.comfypkgs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs release}: the spec's branching procedure (latest-testing, latest-staging,
 * latest, main, and the maintenance branches) as commands; by itself it prints its usage.
 */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = "The release cycle of the rolling branches: latest-testing -> latest-staging"
        + " -> latest -> main, and main-testing -> main-staging -> main for maintenance.",
    subcommands = {
      ReleaseStatusCommand.class,
      ReleaseBumpCommand.class,
      ReleasePromoteCommand.class,
      ReleaseRotateCommand.class
    })
final class ReleaseCommand implements Runnable {
  @ParentCommand Main main;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
