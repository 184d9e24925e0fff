package dev.comfypkgs.cli;

/** A failure the user can act on, with the exit code it ends the command with. */
public class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message);
  }

  public static CliException missingTool(String tool, String howToInstall) {
    return new CliException(ExitCode.MISSING_TOOL, tool + " is not on the PATH. " + howToInstall);
  }
}
