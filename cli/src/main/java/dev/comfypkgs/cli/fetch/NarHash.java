package dev.comfypkgs.cli.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The hash Nix computes for a path: SHA-256 over its NAR serialisation (regular files with their
 * executable bit, symlinks by target, directories with entries sorted by name bytes), streamed
 * into the digest without building the archive.
 */
public final class NarHash {
  private static final byte[] ZEROS = new byte[8];
  private final MessageDigest digest;
  private final byte[] buffer = new byte[1 << 16];

  private NarHash() {
    this.digest = sha256();
  }

  /** {@code sha256-<base64>}, as {@code nix hash path} prints it. */
  public static String of(Path path) throws IOException {
    NarHash h = new NarHash();
    h.str("nix-archive-1");
    h.node(path);
    return sri(h.digest.digest());
  }

  /** The flat SHA-256 of a file, in SRI form (what fetchurl's hash is). */
  public static String flat(Path file) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return sri(md.digest());
  }

  public static String sri(byte[] sha256) {
    return "sha256-" + Base64.getEncoder().encodeToString(sha256);
  }

  private void node(Path path) throws IOException {
    str("(");
    str("type");
    if (Files.isSymbolicLink(path)) {
      str("symlink");
      str("target");
      str(Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8));
    } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
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
      if (executable(path)) {
        str("executable");
        str("");
      }
      str("contents");
      long size = Files.size(path);
      u64(size);
      long read = 0;
      try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
          read += n;
        }
      }
      if (read != size) {
        throw new IOException(path + " changed while it was hashed");
      }
      pad(size);
    }
    str(")");
  }

  private static boolean executable(Path path) throws IOException {
    return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
        .contains(PosixFilePermission.OWNER_EXECUTE);
  }

  private record Entry(byte[] name, Path path) {}

  /** Nix orders entries by their names' bytes, not by Java's UTF-16 order. */
  private static List<Entry> sortedEntries(Path dir) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        out.add(new Entry(p.getFileName().toString().getBytes(StandardCharsets.UTF_8), p));
      }
    }
    out.sort((a, b) -> Arrays.compareUnsigned(a.name, b.name));
    return out;
  }

  private void str(String s) {
    str(s.getBytes(StandardCharsets.UTF_8));
  }

  private void str(byte[] bytes) {
    u64(bytes.length);
    digest.update(bytes);
    pad(bytes.length);
  }

  private void u64(long n) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (n >>> (8 * i));
    }
    digest.update(b);
  }

  private void pad(long length) {
    int rest = (int) (length % 8);
    if (rest != 0) {
      digest.update(ZEROS, 0, 8 - rest);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
