package dev.comfypkgs.cli.fetch;

import dev.comfypkgs.common.FileTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Downloads a source and computes the hash Nix's fetcher would give it. */
public final class Prefetcher {
  /**
   * The largest archive {@link #open} downloads: a larger one could not unpack within {@link
   * Unpacker#MAX_UNPACKED_BYTES} anyway, so it is refused before it fills the disk.
   */
  public static final long MAX_ARCHIVE_BYTES = Unpacker.MAX_UNPACKED_BYTES;

  private final Downloader downloader;

  public Prefetcher(Downloader downloader) {
    this.downloader = downloader;
  }

  /**
   * The SRI hash: of the unpacked tree (its single top-level directory dropped when
   * {@code stripRoot}), as fetchzip and fetchFromGitHub compute it, or of the file itself.
   */
  public String hash(URI uri, boolean unpack, boolean stripRoot) throws IOException {
    if (unpack) {
      try (Fetched fetched = open(uri, stripRoot)) {
        return fetched.hash();
      }
    }
    Path work = Files.createTempDirectory("comfypkgs-prefetch");
    try {
      Path file = work.resolve("download");
      downloader.download(uri, file);
      return NarHash.flat(file);
    } finally {
      FileTrees.delete(work);
    }
  }

  /**
   * Downloads and unpacks the archive at {@code uri} (its single top-level directory as the root
   * when {@code stripRoot}, as fetchzip does): its hash, and its tree to read files from without
   * extracting any. The caller closes it, which deletes what was downloaded.
   */
  public Fetched open(URI uri, boolean stripRoot) throws IOException {
    Path work = Files.createTempDirectory("comfypkgs-prefetch");
    try {
      Path file = work.resolve("download");
      downloader.download(uri, file, MAX_ARCHIVE_BYTES);
      ArchiveTree unpacked = Unpacker.unpack(file, work);
      Files.delete(file); // the tree reads its own spool file, never the archive
      ArchiveTree tree = stripRoot ? unpacked.stripRoot() : unpacked;
      return new Fetched(work, NarHash.of(tree), tree);
    } catch (IOException | RuntimeException e) {
      FileTrees.delete(work);
      throw e;
    }
  }

  /** An unpacked archive and its hash, held on disk until closed. */
  public static final class Fetched implements AutoCloseable {
    private final Path work;
    private final String hash;
    private final ArchiveTree tree;

    private Fetched(Path work, String hash, ArchiveTree tree) {
      this.work = work;
      this.hash = hash;
      this.tree = tree;
    }

    /** The SRI hash Nix gives the tree. */
    public String hash() {
      return hash;
    }

    /** The tree, readable until {@link #close}. */
    public ArchiveTree tree() {
      return tree;
    }

    /** Deletes the download and the tree's contents. */
    @Override
    public void close() throws IOException {
      FileTrees.delete(work);
    }
  }
}
