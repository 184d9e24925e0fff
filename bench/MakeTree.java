import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/**
 * Writes a deterministic tree for the hashing benchmark: FILES files totalling about MEGABYTES,
 * in nested directories, a few executables and symlinks, sizes skewed like a source tree with
 * some large weights.
 *
 * <p>Run: {@code java bench/MakeTree.java DIR FILES MEGABYTES}
 */
public class MakeTree {
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    int files = Integer.parseInt(args[1]);
    long total = Long.parseLong(args[2]) * 1024 * 1024;
    Random random = new Random(7);
    byte[] block = new byte[1 << 20];
    random.nextBytes(block);
    long average = total / files;
    long written = 0;
    for (int i = 0; i < files; i++) {
      Path dir = root.resolve("d" + (i % 50)).resolve("e" + (i % 997 % 20));
      Files.createDirectories(dir);
      Path file = dir.resolve("f" + i + (i % 11 == 0 ? ".py" : ".bin"));
      // Mostly small files, one in a hundred large: the mean stays near the target.
      long size = i % 100 == 0 ? average * 50 : Math.max(1, (long) (average * random.nextDouble()));
      if (written + size > total) {
        size = Math.max(0, total - written);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        long left = size;
        while (left > 0) {
          int n = (int) Math.min(left, block.length - 1);
          out.write(block, (int) ((i * 31L) % 1024), Math.min(n, block.length - 1024));
          left -= Math.min(n, block.length - 1024);
        }
      }
      written += size;
      if (i % 500 == 0) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      if (i % 1000 == 1) {
        Files.createSymbolicLink(dir.resolve("link" + i), file.getFileName());
      }
    }
    System.out.println("wrote " + files + " files, " + (written >> 20) + " MiB under " + root);
  }
}
