package dev.comfypkgs.cli;

import dev.comfypkgs.cli.fetch.FileNames;
import dev.comfypkgs.cli.fetch.NarHash;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code comfypkgs hash}: what {@code nix hash path} (or, with --flat, {@code nix hash file}) prints. */
@Command(
    name = "hash",
    mixinStandardHelpOptions = true,
    description = "Prints the SRI SHA-256 Nix gives a path: the NAR hash (as `nix hash path`), or"
        + " with --flat the file's plain hash (as `nix hash file`, fetchurl's hash). A FIFO,"
        + " socket or device is bad input (exit 2), as Nix refuses it.")
final class HashCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories.")
  List<Path> paths;

  @Option(names = "--flat", description = "Hash a file's contents, not its NAR serialisation.")
  boolean flat;

  @Override
  public Integer call() {
    PrintWriter out = main.spec.commandLine().getOut();
    for (Path p : paths) {
      // A flat hash reads through a symlink, a NAR stores the link itself.
      LinkOption[] options = flat ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
      if (!Files.exists(p, options)) {
        // The JVM decodes its arguments in the locale's charset: bytes that are not UTF-8 arrive
        // as U+FFFD, so the name given cannot be the one on disk. Inside a tree, names are bytes.
        if (p.toString().indexOf('\uFFFD') >= 0) {
          throw CliException.usage(FileNames.display(p) + " holds bytes that are not UTF-8, which"
              + " Java cannot take as an argument: hash the directory that holds it (names inside"
              + " a tree are hashed as the bytes they are).");
        }
        throw CliException.usage(FileNames.display(p) + " does not exist.");
      }
      try {
        String hash = flat ? NarHash.flat(p) : NarHash.of(p);
        out.println(paths.size() == 1 ? hash : hash + "  " + FileNames.display(p));
      } catch (NarHash.UnsupportedFileException e) {
        throw CliException.usage(e.getMessage());
      } catch (IOException e) {
        throw new CliException(ExitCode.FAILED, "cannot hash " + FileNames.display(p) + ": "
            + e.getMessage());
      }
    }
    out.flush();
    return ExitCode.OK;
  }
}
