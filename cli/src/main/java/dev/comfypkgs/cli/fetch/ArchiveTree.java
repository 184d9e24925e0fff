package dev.comfypkgs.cli.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The tree an archive unpacks to, held in memory: names and symlink targets are the archive's
 * bytes, file contents are ranges of one spool file. Nothing is ever created on disk under a name
 * the archive chose, so no entry can be written, read or chmodded through a link the archive made,
 * whatever it holds, and the file system's charset never touches a name.
 *
 * <p>Entries are placed by the rules of Nix's own unpacker (libarchive with {@code
 * SECURE_SYMLINKS} and {@code SECURE_NODOTDOT}), so an archive Nix unpacks gives the tree Nix
 * hashes, and an archive Nix refuses is refused here:
 *
 * <ul>
 *   <li>a leading {@code /}, empty and {@code .} components are dropped; a {@code ..} component
 *       is refused;
 *   <li>a symlink is kept as a symlink, whatever its target (absolute, {@code ..}, dangling): it is
 *       part of the NAR and never followed;
 *   <li>an entry whose parent path goes through a symlink is refused;
 *   <li>an entry at a path that holds a file or a symlink replaces it (the link itself, never its
 *       target); a directory entry at a directory keeps it; only an empty directory may be
 *       replaced by anything else;
 *   <li>a hard link copies an entry unpacked before it (a file or a symlink), named by a path
 *       that does not go through a symlink.
 * </ul>
 */
public final class ArchiveTree {
  /** The longest name one directory entry may have, as Linux's {@code NAME_MAX}. */
  static final int MAX_NAME_BYTES = 255;
  /** Messages show this much of a longer entry name. */
  private static final int MESSAGE_NAME_BYTES = 200;

  /** A directory, a regular file or a symlink: what a NAR holds. */
  sealed interface Node permits Directory, RegularFile, Symlink {}

  /** Entries in the order Nix serialises them: by their names' unsigned bytes. */
  static final class Directory implements Node {
    final NavigableMap<byte[], Node> entries = new TreeMap<>(Arrays::compareUnsigned);
  }

  /** Contents at {@code offset} in the spool file, {@code size} bytes long. */
  record RegularFile(long offset, long size, boolean executable) implements Node {}

  /** A link by its target's bytes, never resolved. */
  record Symlink(byte[] target) implements Node {}

  private final Directory root;
  private final Path contents;

  private ArchiveTree(Directory root, Path contents) {
    this.root = root;
    this.contents = contents;
  }

  Directory root() {
    return root;
  }

  /** The spool file the regular files' contents are ranges of. */
  Path contents() {
    return contents;
  }

  /** What a path in the tree names: a symlink is reported as one, never followed. */
  public enum EntryKind {
    ABSENT,
    FILE,
    DIRECTORY,
    SYMLINK
  }

  /**
   * What {@code relPath} names. The path is {@code /}-separated from the tree's root; empty and
   * {@code .} components are dropped, as the unpacker drops them. A {@code ..} component, or a
   * path through a symlink or a file, names nothing: only the archive's own entries are reachable.
   */
  public EntryKind kind(String relPath) {
    Node node = lookup(relPath);
    return node == null ? EntryKind.ABSENT
        : node instanceof Directory ? EntryKind.DIRECTORY
        : node instanceof Symlink ? EntryKind.SYMLINK
        : EntryKind.FILE;
  }

  /**
   * The names in the directory {@code relDir}, in the order Nix serialises them. A name that is
   * not UTF-8 is left out: no path string could name it.
   */
  public List<String> list(String relDir) throws IOException {
    if (!(lookup(relDir) instanceof Directory directory)) {
      throw new IOException("'" + display(relDir) + "' is not a directory in the archive");
    }
    List<String> names = new ArrayList<>();
    for (byte[] name : directory.entries.keySet()) {
      try {
        names.add(StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(name))
            .toString());
      } catch (CharacterCodingException notUtf8) {
        // left out, as documented
      }
    }
    return names;
  }

  /**
   * The contents of the regular file {@code relPath}; refused when it is larger than {@code
   * maxBytes}, absent, a directory or a symlink (which is not followed).
   */
  public byte[] read(String relPath, long maxBytes) throws IOException {
    Node node = lookup(relPath);
    if (!(node instanceof RegularFile file)) {
      throw new IOException("'" + display(relPath) + "' is " + (node == null ? "not in the archive"
          : node instanceof Directory ? "a directory in the archive, not a file"
          : "a symlink in the archive, which is not followed"));
    }
    if (file.size() > Math.min(maxBytes, Integer.MAX_VALUE - 8)) {
      throw new IOException("'" + display(relPath) + "' in the archive is " + file.size()
          + " bytes, larger than the limit of " + maxBytes + " bytes");
    }
    ByteBuffer out = ByteBuffer.allocate((int) file.size());
    try (FileChannel spool = FileChannel.open(contents, StandardOpenOption.READ)) {
      while (out.hasRemaining()) {
        if (spool.read(out, file.offset() + out.position()) < 0) {
          throw new IOException("the unpacked contents of '" + display(relPath) + "' are gone");
        }
      }
    }
    return out.array();
  }

  /** The node {@code relPath} names, or null; never through a symlink. */
  private Node lookup(String relPath) {
    Node node = root;
    for (String component : relPath.split("/", -1)) {
      if (component.isEmpty() || component.equals(".")) {
        continue;
      }
      if (component.equals("..") || !(node instanceof Directory directory)
          || !StandardCharsets.UTF_8.newEncoder().canEncode(component)) {
        return null;
      }
      node = directory.entries.get(component.getBytes(StandardCharsets.UTF_8));
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  private static String display(String relPath) {
    return FileNames.display(relPath.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What fetchzip makes of an unpacked archive with {@code stripRoot}: its single top-level
   * directory; a single file is wrapped in a directory; anything else is an error.
   */
  public ArchiveTree stripRoot() throws IOException {
    if (root.entries.size() != 1) {
      throw new IOException("the archive has " + root.entries.size() + " top-level entries, not a"
          + " single directory (fetchzip's stripRoot needs one; use the archive unstripped)");
    }
    // A single file stays where it is: in a directory, as fetchzip moves it into $out.
    return root.entries.firstEntry().getValue() instanceof Directory directory
        ? new ArchiveTree(directory, contents)
        : this;
  }

  /** Places the archive's entries one by one, in the archive's order. */
  static final class Builder {
    private static final byte[] DOT = {'.'};
    private static final byte[] DOT_DOT = {'.', '.'};

    private final Directory root = new Directory();
    private final Path contents;
    private final int maxEntries;
    private final int maxPathBytes;
    private int entries;

    Builder(Path contents, int maxEntries, int maxPathBytes) {
      this.contents = contents;
      this.maxEntries = maxEntries;
      this.maxPathBytes = maxPathBytes;
    }

    ArchiveTree build() {
      return new ArchiveTree(root, contents);
    }

    void directory(byte[] name) throws IOException {
      List<byte[]> path = components(name, name);
      if (path.isEmpty()) {
        return; // "./": the root itself
      }
      Directory parent = parent(name, path, "goes");
      byte[] last = path.get(path.size() - 1);
      if (!(parent.entries.get(last) instanceof Directory)) {
        place(name, parent, last, new Directory());
      }
    }

    void file(byte[] name, long offset, long size, boolean executable) throws IOException {
      placeNonDirectory(name, new RegularFile(offset, size, executable));
    }

    void symlink(byte[] name, byte[] target) throws IOException {
      if (target.length == 0) {
        throw refused(name, "is a symlink with an empty target");
      }
      if (target.length > maxPathBytes) {
        throw refused(name, "is a symlink with a target longer than " + maxPathBytes + " bytes");
      }
      if (indexOf(target, (byte) 0) >= 0) {
        throw refused(name, "is a symlink with a NUL byte in its target");
      }
      placeNonDirectory(name, new Symlink(target));
    }

    /** Copies the earlier entry {@code target} to {@code name}; returns the bytes it adds. */
    long hardLink(byte[] name, byte[] target) throws IOException {
      List<byte[]> path = components(target, name);
      Node node = path.isEmpty()
          ? root
          : parent(name, path, "is a hard link").entries.get(path.get(path.size() - 1));
      if (!(node instanceof RegularFile) && !(node instanceof Symlink)) {
        throw refused(name, "is a hard link to '" + FileNames.display(target)
            + "', which is not a file or symlink unpacked before it");
      }
      placeNonDirectory(name, node);
      return node instanceof RegularFile file ? file.size() : 0;
    }

    private void placeNonDirectory(byte[] name, Node node) throws IOException {
      List<byte[]> path = components(name, name);
      if (path.isEmpty()) {
        throw refused(name, "names the archive's root but is not a directory");
      }
      Directory parent = parent(name, path, "goes");
      byte[] last = path.get(path.size() - 1);
      if (parent.entries.get(last) instanceof Directory existing && !existing.entries.isEmpty()) {
        throw refused(name, "would replace a directory that is not empty (Nix refuses that too)");
      }
      place(name, parent, last, node);
    }

    private void place(byte[] name, Directory parent, byte[] last, Node node) throws IOException {
      if (parent.entries.put(last, node) == null) {
        count(name);
      }
    }

    /**
     * The directory that holds the path's last component, made as the path implies it. A
     * component that is a symlink or a file is refused: nothing is ever placed through a link.
     */
    private Directory parent(byte[] entry, List<byte[]> path, String verb) throws IOException {
      Directory dir = root;
      for (int i = 0; i < path.size() - 1; i++) {
        Node child = dir.entries.get(path.get(i));
        if (child == null) {
          Directory made = new Directory();
          dir.entries.put(path.get(i), made);
          count(entry);
          dir = made;
        } else if (child instanceof Directory existing) {
          dir = existing;
        } else {
          String through = FileNames.display(join(path.subList(0, i + 1)));
          throw refused(entry, verb + (child instanceof Symlink
              ? " through the symlink '" + through + "' (Nix refuses that too)"
              : " through '" + through + "', a file, not a directory"));
        }
      }
      return dir;
    }

    /** The path's components: a leading '/', empty and '.' components dropped. */
    private List<byte[]> components(byte[] path, byte[] entry) throws IOException {
      if (path.length > maxPathBytes) {
        throw refused(entry, "has a path longer than " + maxPathBytes + " bytes");
      }
      if (indexOf(path, (byte) 0) >= 0) {
        throw refused(entry, "has a NUL byte in its path");
      }
      List<byte[]> out = new ArrayList<>();
      int start = 0;
      while (start <= path.length) {
        int slash = indexOf(path, (byte) '/', start);
        int end = slash < 0 ? path.length : slash;
        byte[] component = Arrays.copyOfRange(path, start, end);
        start = end + 1;
        if (component.length == 0 || Arrays.equals(component, DOT)) {
          continue;
        }
        if (Arrays.equals(component, DOT_DOT)) {
          throw refused(entry, "has a '..' in its path, which could lead outside the target"
              + " (Nix refuses that too)");
        }
        if (component.length > MAX_NAME_BYTES) {
          throw refused(entry, "has a name longer than " + MAX_NAME_BYTES + " bytes");
        }
        out.add(component);
      }
      return out;
    }

    private void count(byte[] entry) throws IOException {
      if (++entries > maxEntries) {
        throw new IOException("the archive has more than " + maxEntries + " entries (the limit),"
            + " counted at '" + FileNames.display(entry) + "'");
      }
    }

    private static byte[] join(List<byte[]> components) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] component : components) {
        if (out.size() > 0) {
          out.write('/');
        }
        out.writeBytes(component);
      }
      return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte b) {
      return indexOf(bytes, b, 0);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == b) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * An error naming the entry, printable as one line whatever bytes the name holds, and short
   * whatever its length.
   */
  static IOException refused(byte[] entry, String why) {
    String name = entry.length <= MESSAGE_NAME_BYTES
        ? FileNames.display(entry)
        : FileNames.display(Arrays.copyOf(entry, MESSAGE_NAME_BYTES)) + "...";
    return new IOException("archive entry '" + name + "' " + why);
  }
}
