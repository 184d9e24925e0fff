package dev.comfypkgs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code comfypkgs} command. Its build and verify subcommands arrive with the CLI issue. */
@Command(
    name = "comfypkgs",
    mixinStandardHelpOptions = true,
    version = "comfypkgs 0.1.0",
    description = "Builds and verifies the Flox/Nix packages generated from the Java recipes.")
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
