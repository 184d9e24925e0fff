package dev.comfypkgs.cli.adopt;

import dev.comfypkgs.cli.fetch.ArchiveTree;
import dev.comfypkgs.cli.requirements.RequirementsFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A node's unpacked archive as requirements files are read from it: never extracted, confined to
 * the archive (an include that leaves it is refused), and a symlink is never read, since it could
 * name a file outside the archive on the maintainer's machine.
 */
final class ArchiveTextFiles implements RequirementsFile.TextFiles {
  private final ArchiveTree tree;

  ArchiveTextFiles(ArchiveTree tree) {
    this.tree = tree;
  }

  @Override
  public Kind kind(Path path) {
    return switch (tree.kind(name(path))) {
      case ABSENT -> Kind.ABSENT;
      case FILE -> Kind.FILE;
      case DIRECTORY -> Kind.DIRECTORY;
      case SYMLINK -> Kind.OTHER;
    };
  }

  @Override
  public Path identity(Path path) {
    return path.normalize();
  }

  @Override
  public byte[] read(Path path, int max) throws IOException {
    return tree.read(name(path), max);
  }

  @Override
  public boolean confined() {
    return true;
  }

  /** The archive's {@code /}-separated name for a relative path. */
  private static String name(Path path) {
    StringBuilder out = new StringBuilder();
    for (Path part : path.normalize()) {
      out.append(out.length() == 0 ? "" : "/").append(part);
    }
    return out.toString();
  }
}
