package dev.comfypkgs.cli.fetch;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Unpacks {@code .tar}, {@code .tar.gz} and {@code .zip} archives the way Nix's fetchers see
 * them: file contents, the executable bit and symlinks, nothing else. Entries that would land
 * outside the target directory are refused.
 */
public final class Unpacker {
  private Unpacker() {}

  /** Unpacks into {@code into} (which must exist and be empty). */
  public static void unpack(Path archive, Path into) throws IOException {
    byte[] magic = new byte[4];
    try (InputStream in = Files.newInputStream(archive)) {
      int n = in.readNBytes(magic, 0, 4);
      if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        try (InputStream tar = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
          untar(tar, into);
        }
      } else if (n == 4 && magic[0] == 'P' && magic[1] == 'K') {
        unzip(archive, into);
      } else {
        try (InputStream tar = new BufferedInputStream(Files.newInputStream(archive))) {
          untar(tar, into);
        }
      }
    }
  }

  /**
   * What fetchzip makes of an unpacked archive with {@code stripRoot}: its single top-level
   * directory; a single file is wrapped in a directory; anything else is an error.
   */
  public static Path stripRoot(Path unpacked) throws IOException {
    List<Path> top;
    try (Stream<Path> s = Files.list(unpacked)) {
      top = s.toList();
    }
    if (top.size() != 1) {
      throw new IOException("the archive has " + top.size() + " top-level entries, not a single"
          + " directory (fetchzip's stripRoot needs one; use the archive unstripped)");
    }
    Path only = top.get(0);
    if (Files.isDirectory(only, LinkOption.NOFOLLOW_LINKS)) {
      return only;
    }
    Path wrapper = Files.createDirectory(unpacked.resolve(".comfypkgs-wrapped"));
    Files.move(only, wrapper.resolve(only.getFileName()));
    return wrapper;
  }

  // tar

  private static void untar(InputStream in, Path into) throws IOException {
    Map<String, String> pax = new HashMap<>();
    String longName = null;
    String longLink = null;
    byte[] header = new byte[512];
    while (true) {
      if (in.readNBytes(header, 0, 512) < 512) {
        throw new EOFException("truncated tar archive");
      }
      if (allZero(header)) {
        return;
      }
      char type = (char) header[156];
      long size = number(header, 124, 12);
      String name = cstring(header, 0, 100);
      String prefix = "ustar".equals(cstring(header, 257, 5)) ? cstring(header, 345, 155) : "";
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      String link = cstring(header, 157, 100);
      int mode = (int) number(header, 100, 8);
      if (type == 'x' || type == 'g') {
        Map<String, String> records = paxRecords(readData(in, size));
        if (type == 'x') {
          pax.putAll(records);
        }
        continue;
      }
      if (type == 'L' || type == 'K') {
        String value = cstring(readData(in, size), 0, (int) size);
        if (type == 'L') {
          longName = value;
        } else {
          longLink = value;
        }
        continue;
      }
      if (pax.containsKey("path")) {
        name = pax.get("path");
      } else if (longName != null) {
        name = longName;
      }
      if (pax.containsKey("linkpath")) {
        link = pax.get("linkpath");
      } else if (longLink != null) {
        link = longLink;
      }
      if (pax.containsKey("size")) {
        size = Long.parseLong(pax.get("size"));
      }
      pax.clear();
      longName = null;
      longLink = null;

      Path target = inside(into, name);
      switch (type) {
        case '5' -> Files.createDirectories(target);
        case '2' -> {
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(link));
        }
        case '1' -> {
          Files.createDirectories(target.getParent());
          Files.copy(inside(into, link), target, StandardCopyOption.REPLACE_EXISTING,
              LinkOption.NOFOLLOW_LINKS);
        }
        case '0', '\0', '7' -> {
          Files.createDirectories(target.getParent());
          try (OutputStream out = Files.newOutputStream(target)) {
            copy(in, out, size);
          }
          skip(in, padding(size));
          setExecutable(target, (mode & 0100) != 0);
          continue;
        }
        default -> { } // devices, fifos: nothing a fetcher keeps
      }
      skip(in, size + padding(size));
    }
  }

  private static byte[] readData(InputStream in, long size) throws IOException {
    byte[] data = in.readNBytes((int) size);
    if (data.length < size) {
      throw new EOFException("truncated tar archive");
    }
    skip(in, padding(size));
    return data;
  }

  /** pax records: "<length> <key>=<value>\n". */
  private static Map<String, String> paxRecords(byte[] data) {
    Map<String, String> out = new HashMap<>();
    int i = 0;
    while (i < data.length) {
      int space = i;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      if (space >= data.length) {
        break;
      }
      int length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
      String record = new String(data, space + 1, length - (space - i) - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        out.put(record.substring(0, eq), record.substring(eq + 1));
      }
      i += length;
    }
    return out;
  }

  private static long padding(long size) {
    return (512 - size % 512) % 512;
  }

  private static long number(byte[] h, int offset, int length) {
    if ((h[offset] & 0x80) != 0) { // GNU base-256
      long v = 0;
      for (int i = 1; i < length; i++) {
        v = (v << 8) | (h[offset + i] & 0xff);
      }
      return v;
    }
    String s = cstring(h, offset, length).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  private static String cstring(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("truncated archive");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("truncated archive");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  // zip: the central directory has the Unix modes (executable bit, symlinks) ZipInputStream hides.

  private static void unzip(Path archive, Path into) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "r")) {
      long length = f.length();
      int tail = (int) Math.min(length, 65_557);
      byte[] end = new byte[tail];
      f.seek(length - tail);
      f.readFully(end);
      int eocd = -1;
      for (int i = tail - 22; i >= 0; i--) {
        if (u32(end, i) == 0x06054b50L) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) {
        throw new IOException("not a zip archive (no end of central directory)");
      }
      int count = u16(end, eocd + 10);
      long cdSize = u32(end, eocd + 12);
      long cdOffset = u32(end, eocd + 16);
      if (count == 0xffff || cdOffset == 0xffffffffL) {
        throw new IOException("ZIP64 archives are not supported");
      }
      byte[] cd = new byte[(int) cdSize];
      f.seek(cdOffset);
      f.readFully(cd);
      int p = 0;
      for (int e = 0; e < count; e++) {
        if (u32(cd, p) != 0x02014b50L) {
          throw new IOException("damaged zip central directory");
        }
        int madeBy = u16(cd, p + 4);
        int method = u16(cd, p + 10);
        long compressed = u32(cd, p + 20);
        long size = u32(cd, p + 24);
        int nameLen = u16(cd, p + 28);
        int extraLen = u16(cd, p + 30);
        int commentLen = u16(cd, p + 32);
        long external = u32(cd, p + 38);
        long local = u32(cd, p + 42);
        String name = new String(cd, p + 46, nameLen, StandardCharsets.UTF_8);
        p += 46 + nameLen + extraLen + commentLen;

        int unixMode = (madeBy >> 8) == 3 ? (int) (external >>> 16) : 0;
        Path target = inside(into, name);
        if (name.endsWith("/")) {
          Files.createDirectories(target);
          continue;
        }
        byte[] data = entryData(f, local, method, compressed, size);
        Files.createDirectories(target.getParent());
        if ((unixMode & 0170000) == 0120000) {
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(new String(data, StandardCharsets.UTF_8)));
        } else {
          Files.write(target, data);
          setExecutable(target, (unixMode & 0100) != 0);
        }
      }
    }
  }

  private static byte[] entryData(RandomAccessFile f, long local, int method, long compressed, long size)
      throws IOException {
    byte[] header = new byte[30];
    f.seek(local);
    f.readFully(header);
    if (u32(header, 0) != 0x04034b50L) {
      throw new IOException("damaged zip local header");
    }
    f.seek(local + 30 + u16(header, 26) + u16(header, 28));
    byte[] raw = new byte[(int) compressed];
    f.readFully(raw);
    if (method == 0) {
      return raw;
    }
    if (method != 8) {
      throw new IOException("unsupported zip compression method " + method);
    }
    Inflater inflater = new Inflater(true);
    inflater.setInput(raw);
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, Integer.MAX_VALUE - 8));
    byte[] buf = new byte[1 << 16];
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(buf, 0, n);
      }
    } catch (DataFormatException e) {
      throw new IOException("damaged zip entry: " + e.getMessage());
    } finally {
      inflater.end();
    }
    return out.toByteArray();
  }

  private static int u16(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
  }

  private static long u32(byte[] b, int i) {
    return (u16(b, i) | (long) u16(b, i + 2) << 16) & 0xffffffffL;
  }

  // shared

  /** The entry's path under {@code into}; an entry that would escape it is an error. */
  private static Path inside(Path into, String name) throws IOException {
    Path target = into.resolve(name).normalize();
    if (!target.startsWith(into) || name.startsWith("/")) {
      throw new IOException("archive entry '" + name + "' would be written outside the target");
    }
    return target;
  }

  private static void setExecutable(Path file, boolean executable) throws IOException {
    Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    if (executable) {
      perms.add(PosixFilePermission.OWNER_EXECUTE);
      perms.add(PosixFilePermission.GROUP_EXECUTE);
      perms.add(PosixFilePermission.OTHERS_EXECUTE);
    }
    Files.setPosixFilePermissions(file, perms);
  }
}
