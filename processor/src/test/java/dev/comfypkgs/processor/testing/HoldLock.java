package dev.comfypkgs.processor.testing;

import dev.comfypkgs.processor.emit.OutputDirectory;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process that holds an output directory's lock, as a second {@code mvn compile} would:
 * prints "locked" once it holds it, and lets go when its standard input closes.
 */
public final class HoldLock {
  private HoldLock() {}

  public static void main(String[] args) throws Exception {
    Path lockFile = Path.of(args[0]).resolve(OutputDirectory.LOCK_FILE);
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.lock();
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() != -1) {
        // Holds the lock until the test closes the pipe.
      }
    }
  }
}
