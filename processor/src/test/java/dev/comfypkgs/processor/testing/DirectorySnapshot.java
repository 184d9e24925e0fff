package dev.comfypkgs.processor.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything below a directory, for whole-directory comparisons: each file with its bytes, each
 * directory and each symbolic link (with its target), none of them followed.
 */
public final class DirectorySnapshot {
  private DirectorySnapshot() {}

  public static Map<String, String> of(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(p -> !p.equals(dir)).toList()) {
        String name = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(name, "symbolic link to " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(name, "directory");
        } else {
          out.put(name, Files.readString(p, StandardCharsets.ISO_8859_1));
        }
      }
    }
    return out;
  }
}
