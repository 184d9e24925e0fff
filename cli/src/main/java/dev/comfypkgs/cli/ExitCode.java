package dev.comfypkgs.cli;

/** The exit codes of every command, as the README documents them. */
public final class ExitCode {
  /** Everything asked for succeeded. */
  public static final int OK = 0;
  /** A check or a build failed (torch found, a build broke, an import failed). */
  public static final int FAILED = 1;
  /** Bad usage (an unknown option or package name, a malformed argument) or a bad input file. */
  public static final int USAGE = 2;
  /** A required tool (nix, nix-store, nix-build, flox, python) is missing. */
  public static final int MISSING_TOOL = 3;

  private ExitCode() {}
}
