package dev.comfypkgs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code comfypkgs}: builds and verifies the packages generated from the Java recipes. What it
 * knows of the packages comes from {@code generated-nix/recipes.json} only; {@link Workspace} says
 * where that and the repository's other directories are.
 */
@Command(
    name = "comfypkgs",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    resourceBundle = "dev.comfypkgs.cli.Messages",
    description = "Builds and verifies the Flox/Nix packages generated from the Java recipes.",
    subcommands = {
      ListCommand.class,
      MatrixCommand.class,
      BuildCommand.class,
      VerifyCommand.class,
      SmokeCommand.class,
      PrefetchCommand.class,
      NewCommand.class,
      AdoptCommand.class,
      VendorCommand.class,
      ImportRequirementsCommand.class,
      IndexCommand.class,
      HashCommand.class,
      ReleaseCommand.class,
      HandoffCommand.class,
      PublishCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything asked for succeeded",
      "1:a check or build failed",
      "2:bad usage (unknown option or package) or a bad input file",
      "3:a required tool (nix, nix-store, nix-build, flox, python, git) is missing"
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

  /**
   * Runs the command line with the given streams; returns the exit code (for tests too). Every
   * failure the user can act on ends with one line on stderr and its exit code, never a stack
   * trace: a usage error, a {@link CliException}, or a file-system error.
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, arguments) -> {
      CommandLine command = e.getCommandLine();
      List<String> suggestions =
          e instanceof CommandLine.UnmatchedArgumentException u ? u.getSuggestions() : List.of();
      print(command, Terminal.escape(e.getMessage())
          + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?")
          + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
      return command.getCommandSpec().exitCodeOnInvalidInput();
    });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof CliException c) {
            // Multi-line messages (a tool's own output) keep their lines; nothing else gets through.
            print(commandLine, c.getMessage().lines().map(Terminal::escape)
                .collect(Collectors.joining(System.lineSeparator())));
            return c.exitCode();
          }
          if (e instanceof IOException || e instanceof UncheckedIOException) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            print(commandLine, Terminal.escape(describe(io)));
            return ExitCode.FAILED;
          }
          throw e;
        });
    return cli.execute(args);
  }

  private static void print(CommandLine commandLine, String message) {
    commandLine.getErr().println("comfypkgs: " + message);
    commandLine.getErr().flush();
  }

  /** What went wrong with which file: Java's own messages often name only the file. */
  public static String describe(IOException e) {
    if (!(e instanceof FileSystemException f)) {
      return String.valueOf(e.getMessage());
    }
    String why = f.getReason() != null ? f.getReason()
        : f instanceof NoSuchFileException ? "no such file or directory"
        : f instanceof FileAlreadyExistsException ? "already exists"
        : f instanceof AccessDeniedException ? "permission denied"
        : f instanceof NotDirectoryException ? "not a directory"
        : f instanceof DirectoryNotEmptyException ? "directory not empty"
        : "cannot be used";
    return f.getFile() + (f.getOtherFile() == null ? "" : " (and " + f.getOtherFile() + ")") + ": " + why;
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
