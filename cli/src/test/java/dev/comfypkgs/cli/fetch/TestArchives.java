package dev.comfypkgs.cli.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writers for tar and zip archives that say whatever a test needs them to: any name, type, link
 * target and mode, sizes that lie. Honest tools refuse to write most of these.
 */
final class TestArchives {
  private TestArchives() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A ustar archive; names longer than 100 bytes travel in pax headers. */
  static final class Tar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Tar file(String name, String content, int mode) {
      return entry(utf8(name), '0', new byte[0], mode, utf8(content));
    }

    Tar dir(String name) {
      return entry(utf8(name), '5', new byte[0], 0755, new byte[0]);
    }

    Tar symlink(String name, String target) {
      return entry(utf8(name), '2', utf8(target), 0777, new byte[0]);
    }

    Tar hardLink(String name, String target) {
      return entry(utf8(name), '1', utf8(target), 0644, new byte[0]);
    }

    Tar entry(byte[] name, char type, byte[] link, int mode, byte[] data) {
      if (name.length > 100 || link.length > 100) {
        byte[] records = concat(pax("path", name), pax("linkpath", link));
        header(utf8("pax"), 'x', new byte[0], 0644, octal(records.length, 12));
        data(records);
        name = utf8("long-name");
        link = new byte[0];
      }
      header(name, type, link, mode, octal(data.length, 12));
      data(data);
      return this;
    }

    /** A header whose size field is {@code size} as given: octal, base-256, or junk. */
    Tar header(byte[] name, char type, byte[] link, int mode, byte[] size) {
      byte[] h = new byte[512];
      System.arraycopy(name, 0, h, 0, Math.min(name.length, 100));
      System.arraycopy(octal(mode, 8), 0, h, 100, 8);
      System.arraycopy(octal(0, 8), 0, h, 108, 8);
      System.arraycopy(octal(0, 8), 0, h, 116, 8);
      System.arraycopy(size, 0, h, 124, 12);
      System.arraycopy(octal(0, 12), 0, h, 136, 12);
      h[156] = (byte) type;
      System.arraycopy(link, 0, h, 157, Math.min(link.length, 100));
      System.arraycopy(new byte[] {'u', 's', 't', 'a', 'r', 0, '0', '0'}, 0, h, 257, 8);
      for (int i = 148; i < 156; i++) {
        h[i] = ' ';
      }
      long sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      System.arraycopy(octal(sum, 7), 0, h, 148, 7);
      out.writeBytes(h);
      return this;
    }

    /** Raw bytes: data after a header, padded to the next 512-byte block. */
    Tar data(byte[] data) {
      out.writeBytes(data);
      out.writeBytes(new byte[(512 - data.length % 512) % 512]);
      return this;
    }

    byte[] bytes() {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(out.toByteArray());
      all.writeBytes(new byte[1024]);
      return all.toByteArray();
    }

    Path write(Path file) throws IOException {
      return Files.write(file, bytes());
    }

    Path writeGzip(Path file) throws IOException {
      try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
        gz.write(bytes());
      }
      return file;
    }

    static byte[] octal(long value, int width) {
      String digits = Long.toOctalString(value);
      String padded = "0".repeat(Math.max(0, width - 1 - digits.length())) + digits;
      byte[] field = new byte[width];
      System.arraycopy(utf8(padded), 0, field, 0, Math.min(padded.length(), width - 1));
      return field;
    }

    private static byte[] pax(String key, byte[] value) {
      if (value.length == 0) {
        return new byte[0];
      }
      byte[] body = concat(utf8(" " + key + "="), value, new byte[] {'\n'});
      int length = body.length + 1;
      while (Integer.toString(length).length() + body.length != length) {
        length++;
      }
      return concat(utf8(Integer.toString(length)), body);
    }
  }

  /** A zip archive with Unix modes in its central directory, as Info-ZIP writes them. */
  static final class Zip {
    private final ByteArrayOutputStream local = new ByteArrayOutputStream();
    private final ByteArrayOutputStream central = new ByteArrayOutputStream();
    private int count;

    Zip file(String name, byte[] content, int mode) {
      return deflated(utf8(name), content, 0100000 | mode);
    }

    Zip dir(String name) {
      return stored(utf8(name), new byte[0], 0040755);
    }

    Zip symlink(String name, String target) {
      return stored(utf8(name), utf8(target), 0120777);
    }

    Zip stored(byte[] name, byte[] content, int unixMode) {
      return entry(name, 0, content, content.length, content.length, crc(content), unixMode);
    }

    Zip deflated(byte[] name, byte[] content, int unixMode) {
      byte[] data = deflate(content);
      return entry(name, 8, data, data.length, content.length, crc(content), unixMode);
    }

    /** An entry whose central directory says what the arguments say, true or not. */
    Zip entry(byte[] name, int method, byte[] data, long declaredCompressed, long declaredSize,
        long crc, int unixMode) {
      long offset = local.size();
      le(local, 0x04034b50L, 4);
      le(local, 20, 2);
      le(local, 0x800, 2); // names are UTF-8
      le(local, method, 2);
      le(local, 0, 4);
      le(local, crc, 4);
      le(local, declaredCompressed, 4);
      le(local, declaredSize, 4);
      le(local, name.length, 2);
      le(local, 0, 2);
      local.writeBytes(name);
      local.writeBytes(data);

      le(central, 0x02014b50L, 4);
      le(central, 3 << 8 | 20, 2); // made by Unix
      le(central, 20, 2);
      le(central, 0x800, 2);
      le(central, method, 2);
      le(central, 0, 4);
      le(central, crc, 4);
      le(central, declaredCompressed, 4);
      le(central, declaredSize, 4);
      le(central, name.length, 2);
      le(central, 0, 2);
      le(central, 0, 2);
      le(central, 0, 2);
      le(central, 0, 2);
      le(central, (long) unixMode << 16, 4);
      le(central, offset, 4);
      central.writeBytes(name);
      count++;
      return this;
    }

    byte[] bytes() {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(local.toByteArray());
      all.writeBytes(central.toByteArray());
      le(all, 0x06054b50L, 4);
      le(all, 0, 2);
      le(all, 0, 2);
      le(all, count, 2);
      le(all, count, 2);
      le(all, central.size(), 4);
      le(all, local.size(), 4);
      le(all, 0, 2);
      return all.toByteArray();
    }

    Path write(Path file) throws IOException {
      return Files.write(file, bytes());
    }

    static byte[] deflate(byte[] content) {
      Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
      deflater.setInput(content);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      deflater.end();
      return out.toByteArray();
    }

    static long crc(byte[] content) {
      CRC32 crc = new CRC32();
      crc.update(content);
      return crc.getValue();
    }

    private static void le(ByteArrayOutputStream out, long value, int bytes) {
      for (int i = 0; i < bytes; i++) {
        out.write((int) (value >>> (8 * i)));
      }
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
