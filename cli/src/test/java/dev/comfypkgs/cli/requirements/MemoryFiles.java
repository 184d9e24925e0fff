package dev.comfypkgs.cli.requirements;

import dev.comfypkgs.cli.requirements.RequirementsFile.TextFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Files held in memory, as an archive's are; every path outside them is absent. It records what
 * it was asked, so that a test can show that nothing outside was looked for or read.
 */
public final class MemoryFiles implements TextFiles {
  private final Map<Path, byte[]> files = new HashMap<>();
  private final Set<Path> directories;
  private final Set<Path> links;
  /** Every path read, normalised, in order. */
  public final List<Path> reads = new ArrayList<>();
  /** Every path asked about (its kind) or read, as given, in order. */
  public final List<Path> asked = new ArrayList<>();

  public MemoryFiles(Map<String, String> texts, Set<String> directories, Set<String> links) {
    texts.forEach((p, t) -> files.put(Path.of(p), t.getBytes(StandardCharsets.UTF_8)));
    this.directories = Set.copyOf(directories.stream().map(Path::of).toList());
    this.links = Set.copyOf(links.stream().map(Path::of).toList());
  }

  /** Regular files only. */
  public static MemoryFiles archive(Map<String, String> texts) {
    return new MemoryFiles(texts, Set.of(), Set.of());
  }

  @Override
  public Kind kind(Path path) {
    asked.add(path);
    Path p = path.normalize();
    if (links.contains(p)) {
      return Kind.OTHER;
    }
    return directories.contains(p) ? Kind.DIRECTORY : files.containsKey(p) ? Kind.FILE : Kind.ABSENT;
  }

  @Override
  public Path identity(Path path) {
    return path.normalize();
  }

  @Override
  public byte[] read(Path path, int max) throws IOException {
    asked.add(path);
    reads.add(path.normalize());
    byte[] bytes = files.get(path.normalize());
    if (bytes == null) {
      throw new IOException("no such entry");
    }
    return Arrays.copyOf(bytes, Math.min(bytes.length, max + 1));
  }

  @Override
  public boolean confined() {
    return true;
  }
}
