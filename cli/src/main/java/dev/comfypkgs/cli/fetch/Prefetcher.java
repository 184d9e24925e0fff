package dev.comfypkgs.cli.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Downloads a source and computes the hash Nix's fetcher would give it. */
public final class Prefetcher {
  private final Downloader downloader;

  public Prefetcher(Downloader downloader) {
    this.downloader = downloader;
  }

  /**
   * The SRI hash: of the unpacked tree (its single top-level directory dropped when
   * {@code stripRoot}), as fetchzip and fetchFromGitHub compute it, or of the file itself.
   */
  public String hash(URI uri, boolean unpack, boolean stripRoot) throws IOException {
    Path work = Files.createTempDirectory("comfypkgs-prefetch");
    try {
      Path file = work.resolve("download");
      downloader.download(uri, file);
      if (!unpack) {
        return NarHash.flat(file);
      }
      ArchiveTree tree = Unpacker.unpack(file, work);
      return NarHash.of(stripRoot ? tree.stripRoot() : tree);
    } finally {
      deleteTree(work);
    }
  }

  /** Deletes {@code dir} and everything under it, without following links; absent is fine. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
