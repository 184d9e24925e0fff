package dev.comfypkgs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code comfypkgs}: builds and verifies the packages generated from the Java recipes. Reads
 * {@code generated-nix/recipes.json} only.
 */
@Command(
    name = "comfypkgs",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Builds and verifies the Flox/Nix packages generated from the Java recipes.",
    subcommands = {
      ListCommand.class,
      BuildCommand.class,
      VerifyCommand.class,
      SmokeCommand.class,
      PrefetchCommand.class,
      NewCommand.class,
      VendorCommand.class,
      ImportRequirementsCommand.class,
      IndexCommand.class,
      HashCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything asked for succeeded",
      "1:a check or build failed",
      "2:bad usage (unknown option or package)",
      "3:a required tool (nix-store, nix-build, flox, python) is missing"
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dir",
      scope = CommandLine.ScopeType.INHERIT,
      description = "The generated Flox environment (default: the repository's generated-nix/).")
  Path dir;

  private Workspace workspace;

  /** The generated environment the commands work on. */
  Workspace workspace() {
    if (workspace == null) {
      workspace = Workspace.locate(dir);
    }
    return workspace;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams; returns the exit code (for tests too). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof CliException c) {
            commandLine.getErr().println("comfypkgs: " + c.getMessage());
            commandLine.getErr().flush();
            return c.exitCode();
          }
          throw e;
        });
    return cli.execute(args);
  }

  /** The version, from the jar's manifest when built, else the development one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"comfypkgs " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
