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
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The hash Nix computes for a path: SHA-256 over its NAR serialisation (regular files with their
 * executable bit, symlinks by target, directories with entries sorted by name bytes).
 *
 * <p>SHA-256 of one stream cannot be split across cores, but walking the tree and reading files
 * can run beside it: one thread serialises the NAR into chunks while the caller's thread only
 * digests them. On two cores this overlaps the per-file system calls with the hashing.
 */
public final class NarHash {
  private static final int CHUNK = 1 << 20;
  private static final byte[] END = new byte[0];

  private NarHash() {}

  /** {@code sha256-<base64>}, as {@code nix hash path} prints it. */
  public static String of(Path path) throws IOException {
    BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(8);
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(10);
    for (int i = 0; i < 10; i++) {
      free.add(new byte[CHUNK + 8]);
    }
    IOException[] failure = new IOException[1];
    Serializer serializer = new Serializer(full, free);
    Thread producer = new Thread(() -> {
      try {
        serializer.str("nix-archive-1");
        serializer.node(path);
        serializer.flush();
      } catch (IOException e) {
        failure[0] = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          full.put(END);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "nar-serializer");
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
      throw new IOException("interrupted while hashing " + path);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return sri(digest.digest());
  }

  /** The flat SHA-256 of a file, in SRI form (what fetchurl's hash is). */
  public static String flat(Path file) throws IOException {
    return sri(sha256Of(file));
  }

  /** The SHA-256 of a file's bytes. */
  public static byte[] sha256Of(Path file) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return md.digest();
  }

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
        str(Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8));
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
      } else {
        str("regular");
        if (attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE)) {
          str("executable");
          str("");
        }
        str("contents");
        long size = attributes.size();
        u64(size);
        long read = 0;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
          // Read straight into the chunks: the contents are most of the bytes.
          while (true) {
            ensure();
            int n = channel.read(ByteBuffer.wrap(chunk, used, CHUNK - used));
            if (n <= 0) {
              break;
            }
            used += n;
            read += n;
            if (used == CHUNK) {
              emit();
            }
          }
        }
        if (read != size) {
          throw new IOException(path + " changed while it was hashed");
        }
        pad(size);
      }
      str(")");
    }
  }

  private record Entry(byte[] name, Path path) {}

  /** Nix orders entries by their names' bytes, not by Java's UTF-16 order. */
  private static List<Entry> sortedEntries(Path dir) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        out.add(new Entry(p.getFileName().toString().getBytes(StandardCharsets.UTF_8), p));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.sort((a, b) -> Arrays.compareUnsigned(a.name, b.name));
    return out;
  }
}
