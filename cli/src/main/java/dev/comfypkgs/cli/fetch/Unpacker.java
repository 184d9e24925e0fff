package dev.comfypkgs.cli.fetch;

import dev.comfypkgs.cli.fetch.ArchiveTree.Builder;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Reads {@code .tar}, {@code .tar.gz} and {@code .zip} archives into the {@link ArchiveTree} Nix's
 * fetchers would unpack them to: file contents, the executable bit and symlinks, nothing else.
 * Contents are streamed into one spool file; no entry is ever created on disk under its own name,
 * so an archive cannot write, chmod or read anything through its own links.
 *
 * <p>Every failure is an {@link IOException} with a one-line message, and leaves the work
 * directory as it was. The unpack is bounded by {@link Limits}: the bytes it unpacks (in total,
 * and relative to the archive's size), its entries, and the length of its paths; a zip entry is
 * inflated as a stream, never beyond the size it declares, and checked against its CRC.
 */
public final class Unpacker {
  /** At most this many bytes are unpacked (tar headers included, hard links counted again). */
  public static final long MAX_UNPACKED_BYTES = 4L << 30;
  /** At most this many files, directories and symlinks. */
  public static final int MAX_ENTRIES = 200_000;
  /** The longest entry path or symlink target, as Linux's {@code PATH_MAX}. */
  public static final int MAX_PATH_BYTES = 4096;
  /**
   * At most this many unpacked bytes per archive byte, archives smaller than {@link
   * #RATIO_FLOOR_BYTES} counted as that large: honest source archives stay far below it, a bomb
   * that expands a few kilobytes into gigabytes does not.
   */
  public static final int MAX_RATIO = 100;
  /** See {@link #MAX_RATIO}. */
  public static final long RATIO_FLOOR_BYTES = 1 << 20;
  /** A pax extended header holds names and attributes: a larger one is not an honest archive. */
  static final int MAX_PAX_HEADER_BYTES = 1 << 20;

  private static final int BUFFER = 1 << 16;

  /** The bounds of one unpack; {@link #DEFAULT} holds the documented constants. */
  record Limits(long maxUnpackedBytes, int maxEntries, int maxPathBytes, int maxRatio) {
    static final Limits DEFAULT = new Limits(MAX_UNPACKED_BYTES, MAX_ENTRIES, MAX_PATH_BYTES, MAX_RATIO);
  }

  private Unpacker() {}

  /**
   * Reads {@code archive}, spooling file contents into a new file in {@code work} (an existing
   * directory the caller deletes, with the tree's contents, when done with the tree).
   */
  public static ArchiveTree unpack(Path archive, Path work) throws IOException {
    return unpack(archive, work, Limits.DEFAULT);
  }

  static ArchiveTree unpack(Path archive, Path work, Limits limits) throws IOException {
    Path contents = Files.createTempFile(work, "unpacked-", ".contents");
    boolean done = false;
    try (Spool spool = new Spool(FileChannel.open(contents, StandardOpenOption.WRITE));
        FileChannel file = FileChannel.open(archive, StandardOpenOption.READ)) {
      Builder tree = new Builder(contents, limits.maxEntries(), limits.maxPathBytes());
      Budget budget = new Budget(limits, file.size());
      byte[] magic = new byte[4];
      int n = Math.max(0, file.read(ByteBuffer.wrap(magic), 0));
      if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        try (InputStream tar = new GZIPInputStream(
            new BufferedInputStream(Files.newInputStream(archive), BUFFER), BUFFER)) {
          new Tar(tar, budget, spool, tree, limits.maxPathBytes()).read();
        } catch (ZipException | EOFException e) {
          throw new IOException("the gzip stream is damaged or truncated (" + e.getMessage() + ")");
        }
      } else if (n == 4 && magic[0] == 'P' && magic[1] == 'K'
          && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6))) {
        new Zip(file, budget, spool, tree, limits.maxPathBytes()).read();
      } else {
        try (InputStream tar = new BufferedInputStream(Files.newInputStream(archive), BUFFER)) {
          new Tar(tar, budget, spool, tree, limits.maxPathBytes()).read();
        }
      }
      done = true;
      return tree.build();
    } finally {
      if (!done) {
        Files.deleteIfExists(contents);
      }
    }
  }

  /** The unpacked bytes so far against the limits. */
  private static final class Budget {
    private final Limits limits;
    private final long archiveBytes;
    private long spent;

    Budget(Limits limits, long archiveBytes) {
      this.limits = limits;
      this.archiveBytes = archiveBytes;
    }

    /** Counts {@code bytes} more for {@code entry}, before they are read. */
    void spend(long bytes, byte[] entry) throws IOException {
      // Compared before adding: a declared size near 2^63 must not wrap the sum around.
      if (bytes < 0 || bytes > limits.maxUnpackedBytes() - spent) {
        throw ArchiveTree.refused(entry, "takes the unpacked size past "
            + limits.maxUnpackedBytes() + " bytes, the limit");
      }
      spent += bytes;
      long allowed = limits.maxRatio() * Math.max(archiveBytes, RATIO_FLOOR_BYTES);
      if (spent > allowed) {
        throw ArchiveTree.refused(entry, "takes the unpacked size to " + spent + " bytes, more"
            + " than the " + allowed + " an archive of " + archiveBytes + " bytes may unpack to ("
            + limits.maxRatio() + " times its size, counted as at least " + RATIO_FLOOR_BYTES
            + " bytes): an archive bomb?");
      }
    }
  }

  /** Appends file contents to the spool file; each file is a range of it. */
  private static final class Spool extends OutputStream {
    private final FileChannel channel;

    Spool(FileChannel channel) {
      this.channel = channel;
    }

    long position() throws IOException {
      return channel.position();
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** A tar stream: ustar, pax and GNU long names; regular files, directories, links. */
  private static final class Tar {
    private static final byte[] POSIX_MAGIC = {'u', 's', 't', 'a', 'r', 0};

    private final InputStream in;
    private final Budget budget;
    private final Spool spool;
    private final Builder tree;
    private final int maxPathBytes;
    private final byte[] header = new byte[512];
    private final byte[] buffer = new byte[BUFFER];
    private final Map<String, byte[]> pax = new HashMap<>();
    private byte[] longName;
    private byte[] longLink;

    Tar(InputStream in, Budget budget, Spool spool, Builder tree, int maxPathBytes) {
      this.in = in;
      this.budget = budget;
      this.spool = spool;
      this.tree = tree;
      this.maxPathBytes = maxPathBytes;
    }

    void read() throws IOException {
      try {
        for (boolean first = true; ; first = false) {
          int n = in.readNBytes(header, 0, 512);
          if (first && n == 0) {
            throw new IOException("the archive is empty (0 bytes)");
          }
          if (first && !(n == 512 && (allZero(header) || checksumMatches(header)))) {
            throw new IOException("not a tar, tar.gz or zip archive (it begins '"
                + FileNames.display(Arrays.copyOf(header, Math.min(n, 40))) + "')");
          }
          if (n < 512) {
            throw new EOFException("it ends inside a header");
          }
          if (allZero(header)) {
            return;
          }
          if (!checksumMatches(header)) {
            throw new IOException("the tar archive is damaged (a header's checksum does not match)");
          }
          entry();
        }
      } catch (EOFException e) {
        throw new IOException("the archive is truncated ("
            + (e.getMessage() == null ? "it ends early" : e.getMessage()) + ")");
      }
    }

    private void entry() throws IOException {
      byte type = header[156];
      byte[] name = cstring(header, 0, 100);
      if (Arrays.equals(Arrays.copyOfRange(header, 257, 263), POSIX_MAGIC) && header[345] != 0) {
        byte[] prefix = cstring(header, 345, 155);
        name = ByteBuffer.allocate(prefix.length + 1 + name.length)
            .put(prefix).put((byte) '/').put(name).array();
      }
      budget.spend(512, name);
      long size = octal(header, 124, 12, name);
      switch (type) {
        case 'x', 'g' -> {
          Map<String, byte[]> records = paxRecords(metadata(size, MAX_PAX_HEADER_BYTES, name), name);
          if (type == 'x') { // a global header's records (a comment, mostly) are not names
            pax.putAll(records);
          }
          return;
        }
        case 'L' -> {
          longName = cstring(metadata(size, maxPathBytes + 1, name), 0, (int) size);
          return;
        }
        case 'K' -> {
          longLink = cstring(metadata(size, maxPathBytes + 1, name), 0, (int) size);
          return;
        }
        default -> { }
      }
      byte[] link = firstOf(pax.get("linkpath"), longLink, cstring(header, 157, 100));
      name = firstOf(pax.get("path"), longName, name);
      byte[] paxSize = pax.get("size");
      if (paxSize != null && paxSize.length > 0) {
        size = decimal(paxSize, name);
      }
      if (pax.keySet().stream().anyMatch(k -> k.startsWith("GNU.sparse."))) {
        throw ArchiveTree.refused(name, "is a sparse file, which this unpacker does not support");
      }
      pax.clear();
      longName = null;
      longLink = null;

      long padding = padding(size);
      budget.spend(size + padding, name);
      boolean regular = type == '0' || type == 0 || type == '7';
      if (regular && name.length > 0 && name[name.length - 1] == '/') {
        type = '5'; // old tars mark a directory by its trailing slash only
      }
      switch (type) {
        case '0', 0, '7' -> {
          boolean executable = (octal(header, 100, 8, name) & 0100) != 0;
          long offset = spool.position();
          copy(size, name);
          in.skipNBytes(padding);
          tree.file(name, offset, size, executable);
          return;
        }
        case '1' -> budget.spend(tree.hardLink(name, link), name);
        case '2' -> tree.symlink(name, link);
        case '5' -> tree.directory(name);
        case '3' -> throw ArchiveTree.refused(name, "is a character device, which Nix cannot unpack");
        case '4' -> throw ArchiveTree.refused(name, "is a block device, which Nix cannot unpack");
        case '6' -> throw ArchiveTree.refused(name, "is a FIFO, which Nix cannot unpack");
        default -> throw ArchiveTree.refused(name, "has the tar type '"
            + FileNames.display(new byte[] {type}) + "', which this unpacker does not support");
      }
      in.skipNBytes(size + padding);
    }

    /** The data of a metadata entry (pax header, long name), refused beyond {@code max} bytes. */
    private byte[] metadata(long size, int max, byte[] entry) throws IOException {
      if (size > max) {
        throw ArchiveTree.refused(entry, "is a tar metadata entry of " + size + " bytes, more than "
            + max);
      }
      long padding = padding(size);
      budget.spend(size + padding, entry);
      byte[] data = in.readNBytes((int) size);
      if (data.length < size) {
        throw new EOFException("it ends inside a metadata entry");
      }
      in.skipNBytes(padding);
      return data;
    }

    private void copy(long size, byte[] entry) throws IOException {
      for (long left = size; left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new EOFException("it ends inside '" + FileNames.display(entry) + "'");
        }
        spool.write(buffer, 0, n);
        left -= n;
      }
    }

    private static long padding(long size) {
      return (512 - size % 512) % 512;
    }

    private static byte[] firstOf(byte[] pax, byte[] gnu, byte[] header) {
      return pax != null && pax.length > 0 ? pax : gnu != null ? gnu : header;
    }

    /** A numeric header field: octal digits padded by spaces or NULs, or GNU's base-256. */
    private static long octal(byte[] h, int offset, int length, byte[] entry) throws IOException {
      if ((h[offset] & 0xff) == 0x80) {
        long value = 0;
        for (int i = offset + 1; i < offset + length; i++) {
          if (value >>> 55 != 0) {
            throw ArchiveTree.refused(entry, "has a number too large to be true in its tar header");
          }
          value = value << 8 | (h[i] & 0xff);
        }
        return value;
      }
      long value = parseOctal(h, offset, length);
      if (value < 0) {
        throw ArchiveTree.refused(entry, "has a malformed number in its tar header");
      }
      return value;
    }

    /** An octal field's value, or -1 when it is not one (as a negative base-256 number is not). */
    private static long parseOctal(byte[] h, int offset, int length) {
      int i = offset;
      int end = offset + length;
      while (i < end && h[i] == ' ') {
        i++;
      }
      long value = 0;
      for (; i < end && h[i] >= '0' && h[i] <= '7'; i++) {
        value = value << 3 | (h[i] - '0');
      }
      while (i < end && (h[i] == ' ' || h[i] == 0)) {
        i++;
      }
      return i == end ? value : -1;
    }

    /** The header's checksum: its bytes summed with the checksum field as spaces. */
    private static boolean checksumMatches(byte[] h) {
      long stored = parseOctal(h, 148, 8);
      long unsigned = 0;
      long signed = 0;
      for (int i = 0; i < 512; i++) {
        byte b = i >= 148 && i < 156 ? (byte) ' ' : h[i];
        unsigned += b & 0xff;
        signed += b; // some old tars summed signed bytes
      }
      return stored >= 0 && (stored == unsigned || stored == signed);
    }

    /** A pax number: decimal digits only. */
    private static long decimal(byte[] value, byte[] entry) throws IOException {
      if (value.length > 18) {
        throw ArchiveTree.refused(entry, "has a pax size too large to be true");
      }
      long n = 0;
      for (byte b : value) {
        if (b < '0' || b > '9') {
          throw ArchiveTree.refused(entry, "has a malformed pax size");
        }
        n = n * 10 + (b - '0');
      }
      return n;
    }

    /** pax records: {@code "<length> <key>=<value>\n"}, the value as bytes. */
    private static Map<String, byte[]> paxRecords(byte[] data, byte[] entry) throws IOException {
      Map<String, byte[]> out = new HashMap<>();
      int i = 0;
      while (i < data.length) {
        int space = i;
        long length = 0;
        while (space < data.length && data[space] >= '0' && data[space] <= '9'
            && length <= data.length) {
          length = length * 10 + (data[space++] - '0');
        }
        boolean framed = space > i && space < data.length && data[space] == ' '
            && length > space - i + 1 && i + length <= data.length
            && data[(int) (i + length - 1)] == '\n';
        int end = framed ? (int) (i + length - 1) : 0; // the record's '\n'
        int equals = space + 1;
        while (equals < end && data[equals] != '=') {
          equals++;
        }
        if (!framed || equals == space + 1 || equals >= end) {
          throw ArchiveTree.refused(entry, "has a malformed pax header record");
        }
        String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
        out.put(key, Arrays.copyOfRange(data, equals + 1, end));
        i += (int) length;
      }
      return out;
    }
  }

  /** A zip archive, read through its central directory (only it has the Unix modes). */
  private static final class Zip {
    private static final long LOCAL_HEADER = 0x04034b50L;
    private static final long CENTRAL_HEADER = 0x02014b50L;
    private static final long END_OF_CENTRAL_DIRECTORY = 0x06054b50L;
    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMLINK = 0120000;
    private static final int MADE_BY_UNIX = 3;

    private final FileChannel file;
    private final Budget budget;
    private final Spool spool;
    private final Builder tree;
    private final int maxPathBytes;

    Zip(FileChannel file, Budget budget, Spool spool, Builder tree, int maxPathBytes) {
      this.file = file;
      this.budget = budget;
      this.spool = spool;
      this.tree = tree;
      this.maxPathBytes = maxPathBytes;
    }

    void read() throws IOException {
      long length = file.size();
      int tail = (int) Math.min(length, 22 + 65_535);
      byte[] end = at(length - tail, tail, length);
      int eocd = -1;
      for (int i = tail - 22; i >= 0 && eocd < 0; i--) {
        eocd = u32(end, i) == END_OF_CENTRAL_DIRECTORY ? i : -1;
      }
      if (eocd < 0) {
        throw new IOException("the zip archive is damaged or truncated (it has no end of central"
            + " directory)");
      }
      int count = u16(end, eocd + 10);
      long directorySize = u32(end, eocd + 12);
      long directoryOffset = u32(end, eocd + 16);
      if (count == 0xffff || directorySize == 0xffffffffL || directoryOffset == 0xffffffffL) {
        throw new IOException("ZIP64 archives are not supported");
      }
      if (u16(end, eocd + 4) != 0 || u16(end, eocd + 6) != 0) {
        throw new IOException("multi-volume zip archives are not supported");
      }
      long directoryEnd = directoryOffset + directorySize;
      if (directoryEnd > length - tail + eocd) {
        throw new IOException("the zip archive is damaged (its central directory runs past its end)");
      }
      long p = directoryOffset;
      for (int e = 0; e < count; e++) {
        byte[] h = at(p, 46, directoryEnd);
        if (u32(h, 0) != CENTRAL_HEADER) {
          throw new IOException("the zip archive is damaged (a central directory record is not one)");
        }
        int nameLength = u16(h, 28);
        if (nameLength > maxPathBytes) {
          throw new IOException("the zip archive has an entry name of " + nameLength + " bytes,"
              + " longer than " + maxPathBytes);
        }
        byte[] name = at(p + 46, nameLength, directoryEnd);
        p += 46 + nameLength + u16(h, 30) + u16(h, 32);
        entry(h, name);
      }
    }

    private void entry(byte[] h, byte[] name) throws IOException {
      int flags = u16(h, 8);
      int method = u16(h, 10);
      long crc = u32(h, 16);
      long compressed = u32(h, 20);
      long size = u32(h, 24);
      int mode = u16(h, 4) >> 8 == MADE_BY_UNIX ? (int) (u32(h, 38) >>> 16) : 0;
      long local = u32(h, 42);
      int type = mode & TYPE_MASK;
      if ((name.length > 0 && name[name.length - 1] == '/') || type == DIRECTORY) {
        tree.directory(name);
        return;
      }
      if (type != 0 && type != REGULAR && type != SYMLINK) {
        throw ArchiveTree.refused(name, "has the Unix file type 0" + Integer.toOctalString(type)
            + ", which Nix cannot unpack");
      }
      if ((flags & 1) != 0) {
        throw ArchiveTree.refused(name, "is encrypted");
      }
      if (compressed == 0xffffffffL || size == 0xffffffffL || local == 0xffffffffL) {
        throw new IOException("ZIP64 archives are not supported");
      }
      budget.spend(size, name);
      byte[] localHeader = at(local, 30, file.size());
      if (u32(localHeader, 0) != LOCAL_HEADER) {
        throw ArchiveTree.refused(name, "has no local header where the central directory says");
      }
      long data = local + 30 + u16(localHeader, 26) + u16(localHeader, 28);
      if (data + compressed > file.size()) {
        throw ArchiveTree.refused(name, "has data past the end of the archive (damaged or"
            + " truncated)");
      }
      if (type == SYMLINK) {
        if (size > maxPathBytes) {
          throw ArchiveTree.refused(name, "is a symlink with a target longer than " + maxPathBytes
              + " bytes");
        }
        ByteArrayOutputStream target = new ByteArrayOutputStream((int) size);
        extract(name, method, data, compressed, size, crc, target);
        tree.symlink(name, target.toByteArray());
      } else {
        long offset = spool.position();
        extract(name, method, data, compressed, size, crc, spool);
        tree.file(name, offset, size, (mode & 0100) != 0);
      }
    }

    /** Copies or inflates one entry into {@code out}: never more than {@code size} bytes. */
    private void extract(byte[] name, int method, long data, long compressed, long size, long crc,
        OutputStream out) throws IOException {
      CRC32 check = new CRC32();
      byte[] input = new byte[(int) Math.min(BUFFER, Math.max(compressed, 1))];
      if (method == 0) {
        if (compressed != size) {
          throw ArchiveTree.refused(name, "is stored with a size that does not match its length");
        }
        for (long done = 0; done < size; ) {
          int n = read(data + done, input, (int) Math.min(input.length, size - done));
          check.update(input, 0, n);
          out.write(input, 0, n);
          done += n;
        }
      } else if (method == 8) {
        inflate(name, data, compressed, size, input, check, out);
      } else {
        throw ArchiveTree.refused(name, "uses the zip compression method " + method + ", which"
            + " this unpacker does not support");
      }
      if (check.getValue() != crc) {
        throw ArchiveTree.refused(name, "does not match its CRC (the archive is damaged)");
      }
    }

    private void inflate(byte[] name, long data, long compressed, long size, byte[] input,
        CRC32 check, OutputStream out) throws IOException {
      Inflater inflater = new Inflater(true);
      byte[] output = new byte[BUFFER];
      long read = 0;
      long written = 0;
      boolean padded = false;
      try {
        while (!inflater.finished()) {
          if (inflater.needsInput()) {
            if (read < compressed) {
              int n = read(data + read, input, (int) Math.min(input.length, compressed - read));
              inflater.setInput(input, 0, n);
              read += n;
            } else if (!padded) {
              // Raw inflate may want one byte past the data, as java.util.zip.ZipFile gives it.
              inflater.setInput(new byte[1]);
              padded = true;
            } else {
              throw ArchiveTree.refused(name, "is damaged or truncated (its data ends early)");
            }
          }
          int n = inflater.inflate(output);
          if (n == 0 && !inflater.finished() && !inflater.needsInput()) {
            throw ArchiveTree.refused(name, "is damaged (it cannot be inflated)");
          }
          written += n;
          if (written > size) {
            throw ArchiveTree.refused(name, "inflates to more than the " + size + " bytes it"
                + " declares");
          }
          check.update(output, 0, n);
          out.write(output, 0, n);
        }
      } catch (DataFormatException e) {
        throw ArchiveTree.refused(name, "is damaged (" + e.getMessage() + ")");
      } finally {
        inflater.end();
      }
      if (written != size) {
        throw ArchiveTree.refused(name, "inflates to " + written + " bytes, not the " + size
            + " it declares");
      }
    }

    /** {@code n} bytes at {@code position}, which must all lie before {@code limit}. */
    private byte[] at(long position, int n, long limit) throws IOException {
      if (position < 0 || position + n > limit) {
        throw new IOException("the zip archive is damaged (a record runs past where it must end)");
      }
      byte[] out = new byte[n];
      for (int done = 0; done < n; ) {
        done += read(position + done, out, done, n - done);
      }
      return out;
    }

    private int read(long position, byte[] into, int length) throws IOException {
      return read(position, into, 0, length);
    }

    private int read(long position, byte[] into, int offset, int length) throws IOException {
      int n = file.read(ByteBuffer.wrap(into, offset, length), position);
      if (n <= 0) {
        throw new IOException("the zip archive changed while it was read");
      }
      return n;
    }

    private static int u16(byte[] b, int i) {
      return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int i) {
      return (u16(b, i) | (long) u16(b, i + 2) << 16) & 0xffffffffL;
    }
  }

  private static byte[] cstring(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && end < b.length && b[end] != 0) {
      end++;
    }
    return Arrays.copyOfRange(b, offset, end);
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
