package dev.comfypkgs.processor.testing;

import dev.comfypkgs.processor.emit.OutputDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real file operations, except that the {@code failAt}-th write or move throws an IOException
 * (a failure the process sees) and the {@code crashAt}-th stops the process as a kill -9 would.
 */
public final class FailingFileOps implements OutputDirectory.FileOps {
  /**
   * Where the process dies. An Error, which the transaction does not catch, so that nothing runs
   * after it: the directory is left exactly as a kill -9 before that operation would leave it.
   */
  public static final class Crash extends Error {
    Crash(int at) {
      super("simulated kill -9 before operation " + at);
    }
  }

  private final AtomicInteger count = new AtomicInteger();
  private final int failAt;
  private final int crashAt;

  public FailingFileOps(int failAt) {
    this(failAt, 0);
  }

  /** 0 for either: never. */
  public FailingFileOps(int failAt, int crashAt) {
    this.failAt = failAt;
    this.crashAt = crashAt;
  }

  public static FailingFileOps crashingAt(int crashAt) {
    return new FailingFileOps(0, crashAt);
  }

  @Override
  public void write(Path path, byte[] content) throws IOException {
    tick();
    OutputDirectory.FileOps.REAL.write(path, content);
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    tick();
    OutputDirectory.FileOps.REAL.move(from, to);
  }

  private void tick() throws IOException {
    int at = count.incrementAndGet();
    if (at == crashAt) {
      throw new Crash(at);
    }
    if (at == failAt) {
      throw new IOException("injected failure at operation " + at);
    }
  }
}
