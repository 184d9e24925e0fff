package dev.comfypkgs.cli.fetch;

import static dev.comfypkgs.cli.fetch.TestArchives.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comfypkgs.cli.fetch.ArchiveTree.EntryKind;
import dev.comfypkgs.cli.fetch.TestArchives.Tar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading an unpacked archive by path: only its own entries are reachable, whatever the path
 * says, and a symlink is reported, never followed.
 */
class ArchiveTreeTest {
  @TempDir Path tmp;
  private ArchiveTree tree;

  @BeforeEach
  void unpack() throws IOException {
    Files.writeString(tmp.resolve("outside.txt"), "outside\n");
    Path archive = new Tar().dir("node/")
        .file("node/requirements.txt", "numpy\n-r sub/extra.txt\n", 0644)
        .file("node/sub/extra.txt", "pillow\n", 0644)
        .symlink("node/link", "requirements.txt")
        .symlink("node/linkdir", "sub")
        .symlink("node/escape", tmp.resolve("outside.txt").toString())
        .entry(new byte[] {'n', 'o', 'd', 'e', '/', (byte) 0xff}, '0', new byte[0], 0644, utf8("latin"))
        .writeGzip(tmp.resolve("node.tar.gz"));
    tree = Unpacker.unpack(archive, Files.createDirectories(tmp.resolve("work"))).stripRoot();
  }

  @Test
  void kindsArePlainEntriesAndSymlinksAreNotFollowed() {
    assertEquals(EntryKind.DIRECTORY, tree.kind(""));
    assertEquals(EntryKind.FILE, tree.kind("requirements.txt"));
    assertEquals(EntryKind.FILE, tree.kind("./sub//extra.txt"));
    assertEquals(EntryKind.DIRECTORY, tree.kind("sub"));
    assertEquals(EntryKind.SYMLINK, tree.kind("link"));
    assertEquals(EntryKind.SYMLINK, tree.kind("escape"));
    assertEquals(EntryKind.ABSENT, tree.kind("linkdir/extra.txt"));
    assertEquals(EntryKind.ABSENT, tree.kind("requirements.txt/x"));
    assertEquals(EntryKind.ABSENT, tree.kind("missing"));
  }

  @Test
  void traversalNamesNameNothing() {
    for (String path : List.of("..", "../node/requirements.txt", "sub/../requirements.txt",
        "sub/../../outside.txt", "\ud800")) {
      assertEquals(EntryKind.ABSENT, tree.kind(path), path);
    }
    // A leading slash is dropped as the unpacker drops it: still inside the archive.
    assertEquals(EntryKind.FILE, tree.kind("/requirements.txt"));
    assertEquals(EntryKind.ABSENT, tree.kind(tmp.resolve("outside.txt").toString()));
  }

  @Test
  void listingGivesNamesInNarOrderLeavingOutNamesThatAreNotUtf8() throws IOException {
    assertEquals(List.of("escape", "link", "linkdir", "requirements.txt", "sub"), tree.list(""));
    assertEquals(List.of("extra.txt"), tree.list("sub"));
    IOException e = assertThrows(IOException.class, () -> tree.list("linkdir"));
    assertEquals("'linkdir' is not a directory in the archive", e.getMessage());
  }

  @Test
  void readingGivesAFileAndRefusesEverythingElse() throws IOException {
    assertArrayEquals(utf8("pillow\n"), tree.read("sub/extra.txt", 100));
    assertArrayEquals(utf8("pillow\n"), tree.read("sub/extra.txt", 7));
    assertEquals("'sub/extra.txt' in the archive is 7 bytes, larger than the limit of 6 bytes",
        refused("sub/extra.txt", 6));
    assertEquals("'escape' is a symlink in the archive, which is not followed", refused("escape", 100));
    assertEquals("'link' is a symlink in the archive, which is not followed", refused("link", 100));
    assertEquals("'sub' is a directory in the archive, not a file", refused("sub", 100));
    assertEquals("'../outside.txt' is not in the archive", refused("../outside.txt", 100));
    assertEquals("'linkdir/extra.txt' is not in the archive", refused("linkdir/extra.txt", 100));
  }

  private String refused(String path, long max) {
    return assertThrows(IOException.class, () -> tree.read(path, max)).getMessage();
  }
}
