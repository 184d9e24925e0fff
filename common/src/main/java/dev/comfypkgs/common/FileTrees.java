package dev.comfypkgs.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removing a tree of files: the CLI's scratch trees (downloads, rehearsals, gates) and the
 * processor's staging of a generation.
 */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes {@code dir} and everything under it, without following links; absent is fine. */
  public static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** {@link #delete}, for a {@code close()} that may not throw a checked exception. */
  public static void deleteUnchecked(Path dir) {
    try {
      delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
