package dev.comfypkgs.processor.testing;

import dev.comfypkgs.processor.emit.OutputDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Real file operations, except that the {@code failAt}-th write or move throws. */
public final class FailingFileOps implements OutputDirectory.FileOps {
  private final AtomicInteger count = new AtomicInteger();
  private final int failAt;

  public FailingFileOps(int failAt) {
    this.failAt = failAt;
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
    if (count.incrementAndGet() == failAt) {
      throw new IOException("injected failure at operation " + failAt);
    }
  }
}
