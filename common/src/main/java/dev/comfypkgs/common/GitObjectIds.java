package dev.comfypkgs.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ids git gives a file ({@code git hash-object}) and a directory (the tree id {@code git
 * rev-parse HEAD:<dir>} prints once it is committed), computed from the file system alone: a
 * vendored directory is pinned by the id its upstream repository shows, with no git needed to
 * check it.
 */
public final class GitObjectIds {
  private static final String REGULAR = "100644";
  private static final String EXECUTABLE = "100755";
  private static final String SYMLINK = "120000";
  private static final String DIRECTORY = "40000";

  private GitObjectIds() {}

  /** The blob id of a regular file's content, in hex. */
  public static String blob(Path file) throws IOException {
    return HexFormat.of().formatHex(blobId(Files.readAllBytes(file)));
  }

  /**
   * The tree id of a directory, in hex, as git records it: entries sorted by name (a directory's
   * name compared as if it ended in {@code /}), executables with mode 100755, symbolic links as
   * blobs of their target, and directories holding no file left out, as git cannot hold them.
   */
  public static String tree(Path directory) throws IOException {
    byte[] id = treeId(directory);
    return HexFormat.of().formatHex(id == null ? objectId("tree", new byte[0]) : id);
  }

  /** The tree's id, or null when it holds no file at all. */
  private static byte[] treeId(Path directory) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> children = Files.list(directory)) {
      for (Path child : children.toList()) {
        String name = child.getFileName().toString();
        if (Files.isSymbolicLink(child)) {
          byte[] target = Files.readSymbolicLink(child).toString().getBytes(StandardCharsets.UTF_8);
          entries.add(new Entry(SYMLINK, name, blobId(target)));
        } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          byte[] id = treeId(child);
          if (id != null) {
            entries.add(new Entry(DIRECTORY, name, id));
          }
        } else {
          String mode = Files.isExecutable(child) ? EXECUTABLE : REGULAR;
          entries.add(new Entry(mode, name, blobId(Files.readAllBytes(child))));
        }
      }
    }
    if (entries.isEmpty()) {
      return null;
    }
    entries.sort((a, b) -> Arrays.compareUnsigned(a.sortKey(), b.sortKey()));
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (Entry e : entries) {
      content.writeBytes((e.mode() + " " + e.name()).getBytes(StandardCharsets.UTF_8));
      content.write(0);
      content.writeBytes(e.id());
    }
    return objectId("tree", content.toByteArray());
  }

  private record Entry(String mode, String name, byte[] id) {
    byte[] sortKey() {
      return (mode.equals(DIRECTORY) ? name + "/" : name).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static byte[] blobId(byte[] content) {
    return objectId("blob", content);
  }

  private static byte[] objectId(String type, byte[] content) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-1", e);
    }
    sha1.update((type + " " + content.length).getBytes(StandardCharsets.US_ASCII));
    sha1.update((byte) 0);
    return sha1.digest(content);
  }
}
