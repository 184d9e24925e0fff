package dev.comfypkgs.cli.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The hash Nix computes for a path: SHA-256 over its NAR serialisation (regular files with their
 * executable bit, symlinks by target, directories with entries sorted by name bytes). Names and
 * targets are the bytes the file system holds ({@link FileNames#bytes}), whatever the locale; a
 * FIFO, socket or device is refused, as Nix refuses it, before anything could open it.
 *
 * <p>SHA-256 of one stream cannot be split across cores, but walking the tree and reading files
 * can run beside it: one thread serialises the NAR into chunks while the caller's thread only
 * digests them. On two cores this overlaps the per-file system calls with the hashing.
 */
public final class NarHash {
  private static final int CHUNK = 1 << 20;
  private static final byte[] END = new byte[0];
  /** A path of {@link Unpacker#MAX_PATH_BYTES} nests 2,048 directories, a frame of node() each. */
  private static final long SERIALIZER_STACK_BYTES = 64L << 20;

  private NarHash() {}

  /** A file Nix cannot hash this way: a FIFO, a socket, a device (or, flat, a directory). */
  public static final class UnsupportedFileException extends IOException {
    UnsupportedFileException(Path path, String type, String accepted) {
      super(FileNames.display(path) + " is " + type + ": " + accepted);
    }
  }

  /** {@code sha256-<base64>}, as {@code nix hash path} prints it. */
  public static String of(Path path) throws IOException {
    return hash(serializer -> serializer.node(path));
  }

  /** The hash of the tree an archive unpacks to, as {@code nix-prefetch-url --unpack} gives it. */
  public static String of(ArchiveTree tree) throws IOException {
    try (FileChannel contents = FileChannel.open(tree.contents(), StandardOpenOption.READ)) {
      return hash(serializer -> serializer.node(tree.root(), contents));
    }
  }

  /** Writes one NAR's nodes. */
  private interface Nar {
    void writeTo(Serializer serializer) throws IOException, InterruptedException;
  }

  private static String hash(Nar nar) throws IOException {
    BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(8);
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(10);
    for (int i = 0; i < 10; i++) {
      free.add(new byte[CHUNK + 8]);
    }
    Throwable[] failure = new Throwable[1];
    Serializer serializer = new Serializer(full, free);
    Thread producer = new Thread(null, () -> {
      try {
        serializer.str("nix-archive-1");
        nar.writeTo(serializer);
        serializer.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException | Error e) {
        // Any failure must reach the caller: a NAR cut short would hash to a wrong answer.
        failure[0] = e;
      } finally {
        try {
          full.put(END);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "nar-serializer", SERIALIZER_STACK_BYTES);
    producer.setDaemon(true);
    producer.start();
    MessageDigest digest = sha256();
    try {
      while (true) {
        byte[] chunk = full.take();
        if (chunk == END) {
          break;
        }
        digest.update(chunk, 0, Serializer.length(chunk));
        free.put(chunk);
      }
      producer.join();
    } catch (InterruptedException e) {
      producer.interrupt();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while hashing");
    }
    if (failure[0] instanceof IOException e) {
      throw e;
    } else if (failure[0] instanceof RuntimeException e) {
      throw e;
    } else if (failure[0] instanceof Error e) {
      throw e;
    }
    return sri(digest.digest());
  }

  /** The flat SHA-256 of a file, in SRI form (what fetchurl's hash is). */
  public static String flat(Path file) throws IOException {
    return sri(sha256Of(file));
  }

  /** The SHA-256 of a regular file's bytes (following symlinks); anything else is refused. */
  public static byte[] sha256Of(Path file) throws IOException {
    if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
      throw new UnsupportedFileException(file, typeOf(file), "a flat hash is of a regular file");
    }
    MessageDigest md = sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return md.digest();
  }

  /** {@code sha256-<base64>}: the SRI form of a SHA-256. */
  public static String sri(byte[] sha256) {
    return "sha256-" + Base64.getEncoder().encodeToString(sha256);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the NAR byte stream into fixed-size chunks handed to the digesting thread; each
   * chunk's used length travels in its 8 spare bytes at the end.
   */
  private static final class Serializer {
    private static final byte[] ZEROS = new byte[8];
    private final BlockingQueue<byte[]> full;
    private final BlockingQueue<byte[]> free;
    private byte[] chunk;
    private int used;

    Serializer(BlockingQueue<byte[]> full, BlockingQueue<byte[]> free) {
      this.full = full;
      this.free = free;
    }

    /** The used length of a chunk is stored in its final 8 bytes. */
    static int length(byte[] chunk) {
      int at = chunk.length - 8;
      return (chunk[at] & 0xff) | (chunk[at + 1] & 0xff) << 8 | (chunk[at + 2] & 0xff) << 16
          | (chunk[at + 3] & 0xff) << 24;
    }

    private void ensure() throws InterruptedException {
      if (chunk == null) {
        chunk = free.take();
        used = 0;
      }
    }

    private void emit() throws InterruptedException {
      int at = chunk.length - 8;
      chunk[at] = (byte) used;
      chunk[at + 1] = (byte) (used >>> 8);
      chunk[at + 2] = (byte) (used >>> 16);
      chunk[at + 3] = (byte) (used >>> 24);
      full.put(chunk);
      chunk = null;
    }

    void flush() throws InterruptedException {
      if (chunk != null && used > 0) {
        emit();
      }
    }

    private void write(byte[] b, int off, int len) throws InterruptedException {
      while (len > 0) {
        ensure();
        int n = Math.min(len, CHUNK - used);
        System.arraycopy(b, off, chunk, used, n);
        used += n;
        off += n;
        len -= n;
        if (used == CHUNK) {
          emit();
        }
      }
    }

    void str(String s) throws InterruptedException {
      str(s.getBytes(StandardCharsets.UTF_8));
    }

    void str(byte[] bytes) throws InterruptedException {
      u64(bytes.length);
      write(bytes, 0, bytes.length);
      pad(bytes.length);
    }

    private void u64(long n) throws InterruptedException {
      byte[] b = new byte[8];
      for (int i = 0; i < 8; i++) {
        b[i] = (byte) (n >>> (8 * i));
      }
      write(b, 0, 8);
    }

    private void pad(long length) throws InterruptedException {
      int rest = (int) (length % 8);
      if (rest != 0) {
        write(ZEROS, 0, 8 - rest);
      }
    }

    void node(Path path) throws IOException, InterruptedException {
      // One lstat per node: type, mode and size together.
      PosixFileAttributes attributes =
          Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      str("(");
      str("type");
      if (attributes.isSymbolicLink()) {
        str("symlink");
        str("target");
        str(FileNames.bytes(Files.readSymbolicLink(path)));
      } else if (attributes.isDirectory()) {
        str("directory");
        for (Entry e : sortedEntries(path)) {
          str("entry");
          str("(");
          str("name");
          str(e.name);
          str("node");
          node(e.path);
          str(")");
        }
      } else if (attributes.isRegularFile()) {
        long size = attributes.size();
        regular(attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE), size);
        long read;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
          read = contents(channel, 0, Long.MAX_VALUE);
        }
        if (read != size) {
          throw new IOException(FileNames.display(path) + " changed while it was hashed");
        }
        pad(size);
      } else {
        // Checked before any open: opening a FIFO would wait for a writer forever.
        throw new UnsupportedFileException(path, typeOf(path, LinkOption.NOFOLLOW_LINKS),
            "Nix hashes only regular files, directories and symlinks");
      }
      str(")");
    }

    /** A node of an unpacked archive, its file contents read from the spool. */
    void node(ArchiveTree.Node node, FileChannel spool) throws IOException, InterruptedException {
      str("(");
      str("type");
      if (node instanceof ArchiveTree.Symlink link) {
        str("symlink");
        str("target");
        str(link.target());
      } else if (node instanceof ArchiveTree.Directory directory) {
        str("directory");
        for (Map.Entry<byte[], ArchiveTree.Node> e : directory.entries.entrySet()) {
          str("entry");
          str("(");
          str("name");
          str(e.getKey());
          str("node");
          node(e.getValue(), spool);
          str(")");
        }
      } else if (node instanceof ArchiveTree.RegularFile file) {
        regular(file.executable(), file.size());
        if (contents(spool, file.offset(), file.size()) != file.size()) {
          throw new IOException("the unpacked contents are shorter than the archive said");
        }
        pad(file.size());
      }
      str(")");
    }

    private void regular(boolean executable, long size) throws InterruptedException {
      str("regular");
      if (executable) {
        str("executable");
        str("");
      }
      str("contents");
      u64(size);
    }

    /**
     * Reads up to {@code limit} bytes from {@code position} (or to the end) straight into the
     * chunks, as the contents are most of the bytes; returns how many it read.
     */
    private long contents(FileChannel channel, long position, long limit)
        throws IOException, InterruptedException {
      long read = 0;
      while (read < limit) {
        ensure();
        int want = (int) Math.min(CHUNK - used, limit - read);
        int n = channel.read(ByteBuffer.wrap(chunk, used, want), position + read);
        if (n <= 0) {
          break;
        }
        used += n;
        read += n;
        if (used == CHUNK) {
          emit();
        }
      }
      return read;
    }
  }

  /** What a path that is no file, directory or symlink is, for a message. */
  private static String typeOf(Path path, LinkOption... options) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode", options);
      return switch (mode & 0170000) {
        case 0010000 -> "a FIFO";
        case 0140000 -> "a socket";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0040000 -> "a directory";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file"; // without the unix view the type has no name, only the refusal
    }
  }

  private record Entry(byte[] name, Path path) {}

  /** Nix orders entries by their names' bytes, not by Java's UTF-16 order. */
  private static List<Entry> sortedEntries(Path dir) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        out.add(new Entry(FileNames.bytes(p.getFileName()), p));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.sort((a, b) -> Arrays.compareUnsigned(a.name, b.name));
    return out;
  }
}
