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
   * A new empty file in {@code target}'s directory, hidden and named after it. Unlike
   * {@code Files.createTempFile}, which always gives 0600, it gets the permissions the umask gives
   * any new file, so what is renamed into place from it reads like a file written directly.
   */
  public static Path createSibling(Path target, String suffix) throws IOException {
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
    Path tmp = createSibling(target, ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
      if (old != null && Files.exists(target)) {
        Files.setPosixFilePermissions(tmp, old.readAttributes().permissions());
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
