package dev.comfypkgs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * Files that appear whole or not at all: written beside their target and renamed over it, so a
 * failure leaves the old file (or none) and no temporary file behind.
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int ATTEMPTS = 100;

  private AtomicFiles() {}

  /**
   * A file being written in {@code target}'s stead: {@link #commit} renames it over the target;
   * {@link #close} deletes it unless committed, so a try-with-resources leaves nothing behind
   * however it is left.
   */
  public static final class Pending implements AutoCloseable {
    private final Path file;
    private final Path target;

    private Pending(Path file, Path target) {
      this.file = file;
      this.target = target;
    }

    /** The file to write. */
    public Path path() {
      return file;
    }

    /** Replaces the target with what was written, in one rename. */
    public void commit() throws IOException {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(file);
    }
  }

  /** A new, empty {@link Pending} file beside {@code target}, named after it with {@code suffix}. */
  public static Pending pending(Path target, String suffix) throws IOException {
    return new Pending(createSibling(target, suffix), target);
  }

  /**
   * A new empty file in {@code target}'s directory, hidden and named after it. Unlike
   * {@code Files.createTempFile}, which always gives 0600, it gets the permissions the umask gives
   * any new file, so what is renamed into place from it reads like a file written directly.
   */
  private static Path createSibling(Path target, String suffix) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    for (int attempt = 1; ; attempt++) {
      Path candidate = dir.resolve("." + target.getFileName() + "."
          + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
      try {
        return Files.createFile(candidate);
      } catch (FileAlreadyExistsException taken) {
        if (attempt == ATTEMPTS) {
          throw taken;
        }
      }
    }
  }

  /**
   * Replaces {@code target} with {@code text} (UTF-8) in one rename. A file replaced keeps its
   * permissions; a new one gets the umask's.
   */
  public static void writeString(Path target, String text) throws IOException {
    try (Pending tmp = pending(target, ".tmp")) {
      Files.writeString(tmp.path(), text, StandardCharsets.UTF_8);
      PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
      if (old != null && Files.exists(target)) {
        Files.setPosixFilePermissions(tmp.path(), old.readAttributes().permissions());
      }
      tmp.commit();
    }
  }

  /**
   * Creates {@code target} holding {@code text} (UTF-8), whole or not at all, and never over a
   * file: the text is written beside it and hard-linked into place, which unlike a rename fails
   * when the target exists, even one that appeared after the caller looked.
   *
   * @throws FileAlreadyExistsException if {@code target} exists; it is left as it was
   */
  public static void createString(Path target, String text) throws IOException {
    try (Pending tmp = pending(target, ".tmp")) {
      Files.writeString(tmp.path(), text, StandardCharsets.UTF_8);
      Files.createLink(target, tmp.path());
    }
  }
}
