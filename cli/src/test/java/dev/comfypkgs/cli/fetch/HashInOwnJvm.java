package dev.comfypkgs.cli.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hashes in a JVM of its own, so that a test chooses the locale the JVM reads file names in.
 * Prints the JVM's file-name charset, then one hash per argument: {@code path:P} as {@code nix
 * hash path P}, {@code archive:A} (of one top-level directory) as {@code nix-prefetch-url --unpack file://A}.
 */
public final class HashInOwnJvm {
  private HashInOwnJvm() {}

  public static void main(String[] args) throws IOException {
    System.out.println(System.getProperty("sun.jnu.encoding"));
    for (String arg : args) {
      if (arg.startsWith("path:")) {
        System.out.println(NarHash.of(Path.of(arg.substring("path:".length()))));
      } else {
        Path archive = Path.of(arg.substring("archive:".length()));
        Path work = Files.createTempDirectory(archive.getParent(), "work");
        System.out.println(NarHash.of(Unpacker.unpack(archive, work).stripRoot()));
      }
    }
  }
}
