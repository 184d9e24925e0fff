package dev.comfypkgs.cli;

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
        + " with --flat the file's plain hash (as `nix hash file`, fetchurl's hash).")
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
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw CliException.usage(p + " does not exist.");
      }
      try {
        out.println(paths.size() == 1 ? hash(p) : hash(p) + "  " + p);
      } catch (IOException e) {
        throw new CliException(ExitCode.FAILED, "cannot hash " + p + ": " + e.getMessage());
      }
    }
    out.flush();
    return ExitCode.OK;
  }

  private String hash(Path p) throws IOException {
    if (flat) {
      if (!Files.isRegularFile(p)) {
        throw CliException.usage("--flat hashes files; " + p + " is not one.");
      }
      return NarHash.flat(p);
    }
    return NarHash.of(p);
  }
}
