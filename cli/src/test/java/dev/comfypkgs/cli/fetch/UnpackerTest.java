package dev.comfypkgs.cli.fetch;

import static dev.comfypkgs.cli.fetch.TestArchives.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.fetch.TestArchives.Tar;
import dev.comfypkgs.cli.fetch.TestArchives.Zip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile archives, built here byte by byte: whatever they hold, nothing outside the work
 * directory changes (a canary directory is compared file by file, mode by mode), a refusal is one
 * line, and a refused unpack leaves the work directory as it was.
 */
class UnpackerTest {
  @TempDir Path tmp;
  private Path canary;
  private Path work;
  private Map<String, String> canaryBefore;

  @BeforeEach
  void canary() throws IOException {
    canary = Files.createDirectories(tmp.resolve("canary"));
    Files.writeString(canary.resolve("secret.txt"), "secret\n");
    Files.setPosixFilePermissions(canary.resolve("secret.txt"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.createDirectories(canary.resolve("dir"));
    Files.writeString(canary.resolve("dir/inner.txt"), "inner\n");
    work = Files.createDirectories(tmp.resolve("work"));
    canaryBefore = snapshot(canary);
  }

  /** Every path under {@code root} with its type, mode and contents or target. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        String what = Files.isSymbolicLink(p) ? "link " + Files.readSymbolicLink(p)
            : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir " + mode
            : "file " + mode + " " + Arrays.toString(Files.readAllBytes(p));
        out.put(root.relativize(p).toString(), what);
      }
    }
    return out;
  }

  private void assertCanaryUntouched() throws IOException {
    assertEquals(canaryBefore, snapshot(canary), "the canary outside the work directory changed");
  }

  /** Unpacks and fails; the message is one line and the work directory is empty again. */
  private String refused(Path archive, Unpacker.Limits limits) throws IOException {
    IOException e = assertThrows(IOException.class, () -> Unpacker.unpack(archive, work, limits));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    try (Stream<Path> left = Files.list(work)) {
      assertEquals(List.of(), left.toList(), "a refused unpack left files behind");
    }
    assertCanaryUntouched();
    return e.getMessage();
  }

  private String refused(Path archive) throws IOException {
    return refused(archive, Unpacker.Limits.DEFAULT);
  }

  private static void assertContains(String message, String part) {
    assertTrue(message.contains(part), message);
  }

  /** The hash of a tree built on disk: what an honest unpack must hash to. */
  private String hashOf(Path tree) throws IOException {
    return NarHash.of(tree);
  }

  private Path expected(String name) throws IOException {
    return Files.createDirectories(tmp.resolve("expected").resolve(name));
  }

  private static void write(Path file, String content, String mode) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
  }

  // Links the archive made are never followed.

  @Test
  void anEntryThroughAnAbsoluteSymlinkIsRefused() throws IOException {
    Path archive = new Tar().dir("root/").symlink("root/link", canary.toString())
        .file("root/link/planted", "pwned", 0644).writeGzip(tmp.resolve("a.tar.gz"));
    assertContains(refused(archive), "archive entry 'root/link/planted' goes through the symlink 'root/link'");
    assertFalse(Files.exists(canary.resolve("planted")));
  }

  @Test
  void anEntryThroughARelativeDotDotSymlinkIsRefused() throws IOException {
    // From work/root, "../.." is tmp: the canary is at root/up/canary.
    Path archive = new Tar().dir("root/").symlink("root/up", "../..")
        .file("root/up/canary/planted", "pwned", 0644).write(tmp.resolve("b.tar"));
    assertContains(refused(archive), "goes through the symlink 'root/up'");
  }

  @Test
  void aZipSymlinkEntryIsNeverWrittenThrough() throws IOException {
    Path archive = new Zip().dir("root/").symlink("root/link", canary.toString())
        .file("root/link/planted", utf8("pwned"), 0644).write(tmp.resolve("c.zip"));
    assertContains(refused(archive), "archive entry 'root/link/planted' goes through the symlink 'root/link'");
  }

  @Test
  void aHardLinkThroughASymlinkedParentIsRefused() throws IOException {
    Path archive = new Tar().dir("root/").symlink("root/link", canary.toString())
        .hardLink("root/stolen", "root/link/secret.txt").write(tmp.resolve("d.tar"));
    assertContains(refused(archive), "archive entry 'root/stolen' is a hard link through the symlink 'root/link'");
  }

  @Test
  void aHardLinkToAFileOutsideTheArchiveIsRefused() throws IOException {
    Path archive = new Tar().dir("root/")
        .hardLink("root/stolen", canary.resolve("secret.txt").toString()).write(tmp.resolve("e.tar"));
    assertContains(refused(archive), "which is not a file or symlink unpacked before it");
  }

  @Test
  void aFileEntryReplacesASymlinkOfTheSameNameAndNeverItsTarget() throws IOException {
    // The regular file replaces the link itself (as Nix's libarchive does); the target keeps its
    // contents and its mode though the entry is executable.
    Path archive = new Tar().dir("root/").symlink("root/l", canary.resolve("secret.txt").toString())
        .file("root/l", "pwned", 0755).writeGzip(tmp.resolve("f.tar.gz"));
    ArchiveTree tree = Unpacker.unpack(archive, work);
    assertCanaryUntouched();
    Path root = expected("f");
    write(root.resolve("l"), "pwned", "rwxr-xr-x");
    assertEquals(hashOf(root), NarHash.of(tree.stripRoot()));
  }

  @Test
  void aZipFileEntryReplacesASymlinkAndNeverChmodsItsTarget() throws IOException {
    Path archive = new Zip().dir("root/").symlink("root/l", canary.resolve("secret.txt").toString())
        .file("root/l", utf8("pwned"), 0755).write(tmp.resolve("g.zip"));
    ArchiveTree tree = Unpacker.unpack(archive, work);
    assertCanaryUntouched();
    Path root = expected("g");
    write(root.resolve("l"), "pwned", "rwxr-xr-x");
    assertEquals(hashOf(root), NarHash.of(tree.stripRoot()));
  }

  @Test
  void symlinksAreStoredAsTheyAreAndHardLinksCopyEarlierEntries() throws IOException {
    Path archive = new Tar().dir("root/")
        .file("root/run", "#!/bin/sh\n", 0755)
        .symlink("root/abs", canary.toString())
        .symlink("root/up", "../../..")
        .symlink("root/dangling", "no/such/file")
        .hardLink("root/run-again", "root/run")
        .hardLink("root/abs-again", "root/abs")
        .dir("root/sub/")
        .symlink("root/sub/to-run", "../run")
        .writeGzip(tmp.resolve("h.tar.gz"));
    ArchiveTree tree = Unpacker.unpack(archive, work);
    assertCanaryUntouched();
    Path root = expected("h");
    write(root.resolve("run"), "#!/bin/sh\n", "rwxr-xr-x");
    write(root.resolve("run-again"), "#!/bin/sh\n", "rwxr-xr-x");
    Files.createSymbolicLink(root.resolve("abs"), canary);
    Files.createSymbolicLink(root.resolve("abs-again"), canary);
    Files.createSymbolicLink(root.resolve("up"), Path.of("../../.."));
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("no/such/file"));
    Files.createDirectories(root.resolve("sub"));
    Files.createSymbolicLink(root.resolve("sub/to-run"), Path.of("../run"));
    assertEquals(hashOf(root), NarHash.of(tree.stripRoot()));
  }

  @Test
  void namesAreNormalisedAsNixDoesAndDotDotIsRefused() throws IOException {
    ArchiveTree tree = Unpacker.unpack(new Tar().file("/root/./a//b", "b", 0644)
        .write(tmp.resolve("i.tar")), Files.createDirectories(tmp.resolve("other-work")));
    Path root = expected("i");
    write(root.resolve("a/b"), "b", "rw-r--r--");
    assertEquals(hashOf(root), NarHash.of(tree.stripRoot()));

    assertContains(refused(new Tar().file("root/a/../b", "b", 0644).write(tmp.resolve("j.tar"))),
        "has a '..' in its path");
  }

  @Test
  void strippingTheRootOfASingleFileKeepsItInADirectoryAsFetchzipDoes() throws IOException {
    ArchiveTree tree = Unpacker.unpack(new Tar().file("tool.sh", "echo\n", 0755)
        .write(tmp.resolve("single.tar")), work);
    Path root = expected("single");
    write(root.resolve("tool.sh"), "echo\n", "rwxr-xr-x");
    assertEquals(hashOf(root), NarHash.of(tree.stripRoot()));
  }

  @Test
  void aFileCannotReplaceADirectoryThatHasEntries() throws IOException {
    Path archive = new Tar().file("root/d/x", "x", 0644).file("root/d", "d", 0644).write(tmp.resolve("k.tar"));
    assertContains(refused(archive), "archive entry 'root/d' would replace a directory that is not empty");
  }

  @Test
  void fifosAndDevicesAreRefusedAsNixRefusesThem() throws IOException {
    assertContains(refused(new Tar().entry(utf8("root/f"), '6', new byte[0], 0644, new byte[0])
        .write(tmp.resolve("l.tar"))), "archive entry 'root/f' is a FIFO");
    assertContains(refused(new Tar().entry(utf8("root/c"), '3', new byte[0], 0644, new byte[0])
        .write(tmp.resolve("m.tar"))), "is a character device");
  }

  @Test
  void namesThatWouldMisleadATerminalAreEscapedInMessages() throws IOException {
    String message = refused(new Tar().file("root/x\u001b[2J\r\nfake/../y", "x", 0644)
        .write(tmp.resolve("n.tar")));
    assertContains(message, "archive entry 'root/x\\u001B[2J\\u000D\\u000Afake/../y'");
  }

  // The unpack is bounded.

  @Test
  void aTinyZipThatDeclaresTwoGigabytesIsRefusedBeforeInflating() throws IOException {
    byte[] data = Zip.deflate(utf8("x"));
    Path archive = new Zip().entry(utf8("big.bin"), 8, data, data.length, 1L << 31, 0, 0100644)
        .write(tmp.resolve("big.zip"));
    assertTrue(Files.size(archive) < 130, "the archive is " + Files.size(archive) + " bytes");
    String message = refused(archive);
    assertContains(message, "archive entry 'big.bin' takes the unpacked size to 2147483648 bytes");
    assertContains(message, "an archive bomb?");
  }

  @Test
  void aZipBombIsStoppedByTheRatio() throws IOException {
    byte[] zeros = new byte[8 << 20];
    Path archive = new Zip().file("bomb", zeros, 0644).write(tmp.resolve("bomb.zip"));
    Unpacker.Limits limits = new Unpacker.Limits(1L << 40, 100, 4096, 2);
    assertContains(refused(archive, limits), "archive entry 'bomb' takes the unpacked size to");
  }

  @Test
  void aZipEntryNeverInflatesPastItsDeclaredSize() throws IOException {
    byte[] zeros = new byte[1 << 20];
    byte[] data = Zip.deflate(zeros);
    Path archive = new Zip().entry(utf8("liar"), 8, data, data.length, 1000, Zip.crc(zeros), 0100644)
        .write(tmp.resolve("liar.zip"));
    assertContains(refused(archive), "archive entry 'liar' inflates to more than the 1000 bytes it declares");
  }

  @Test
  void aZipEntryWithANegativeCompressedSizeIsRefused() throws IOException {
    byte[] data = Zip.deflate(utf8("x"));
    Path archive = new Zip().entry(utf8("neg"), 8, data, 0x80000000L, 1, Zip.crc(utf8("x")), 0100644)
        .write(tmp.resolve("neg.zip"));
    assertContains(refused(archive), "archive entry 'neg' has data past the end of the archive");
  }

  @Test
  void aZipEntryWhoseCrcDoesNotMatchIsRefused() throws IOException {
    Path archive = new Zip().entry(utf8("bad"), 0, utf8("abc"), 3, 3, 12345, 0100644)
        .write(tmp.resolve("crc.zip"));
    assertContains(refused(archive), "archive entry 'bad' does not match its CRC");
  }

  @Test
  void aNegativeOrHugeTarSizeIsRefusedBeforeAnythingIsRead() throws IOException {
    byte[] negative = new byte[12];
    Arrays.fill(negative, (byte) 0xff);
    assertContains(refused(new Tar().header(utf8("neg"), '0', new byte[0], 0644, negative)
        .write(tmp.resolve("neg.tar"))), "archive entry 'neg' has a malformed number");
    // Declares 6 GiB and holds none of it: refused by the limit, not found truncated.
    assertContains(refused(new Tar().header(utf8("huge"), '0', new byte[0], 0644, Tar.octal(6L << 30, 12))
        .write(tmp.resolve("huge.tar"))), "archive entry 'huge' takes the unpacked size past 4294967296 bytes");
  }

  @Test
  void hardLinksCountTowardsTheLimit() throws IOException {
    Tar tar = new Tar().file("root/big", "x".repeat(1 << 20), 0644);
    for (int i = 0; i < 20; i++) {
      tar.hardLink("root/copy" + i, "root/big");
    }
    Unpacker.Limits limits = new Unpacker.Limits(10L << 20, 100, 4096, 1000);
    assertContains(refused(tar.write(tmp.resolve("links.tar")), limits), "takes the unpacked size past 10485760 bytes");
  }

  @Test
  void entriesAndPathsAreBounded() throws IOException {
    Tar many = new Tar();
    for (int i = 0; i < 20; i++) {
      many.file("f" + i, "", 0644);
    }
    assertContains(refused(many.write(tmp.resolve("many.tar")), new Unpacker.Limits(1L << 30, 10, 4096, 100)),
        "the archive has more than 10 entries (the limit)");
    assertContains(refused(new Tar().file("d/" + "n".repeat(256), "", 0644).write(tmp.resolve("name.tar"))),
        "has a name longer than 255 bytes");
    assertContains(refused(new Tar().file("d/".repeat(3000) + "f", "", 0644).write(tmp.resolve("path.tar"))),
        "has a path longer than 4096 bytes");
    assertContains(refused(new Tar().file("d/".repeat(100) + "f", "", 0644).write(tmp.resolve("path2.tar")),
        new Unpacker.Limits(1L << 30, 1000, 100, 100)), "has a path longer than 100 bytes");
  }

  @Test
  void truncatedAndDamagedArchivesAreRefused() throws IOException {
    byte[] content = new byte[100_000];
    new java.util.Random(3).nextBytes(content);
    Path tgz = new Tar().file("root/data", new String(content, java.nio.charset.StandardCharsets.ISO_8859_1), 0644)
        .writeGzip(tmp.resolve("t.tar.gz"));
    byte[] whole = Files.readAllBytes(tgz);
    Files.write(tgz, Arrays.copyOf(whole, whole.length / 2));
    assertContains(refused(tgz), "truncated");

    byte[] tar = new Tar().file("root/data", "x".repeat(5000), 0644).bytes();
    assertContains(refused(Files.write(tmp.resolve("t.tar"), Arrays.copyOf(tar, 2048))),
        "the archive is truncated (it ends inside 'root/data')");

    byte[] zip = new Zip().file("root/data", content, 0644).bytes();
    assertContains(refused(Files.write(tmp.resolve("t.zip"), Arrays.copyOf(zip, zip.length / 2))),
        "the zip archive is damaged or truncated");

    byte[] damaged = tar.clone();
    damaged[0] ^= 1;
    assertContains(refused(Files.write(tmp.resolve("d.tar"), damaged)), "not a tar, tar.gz or zip archive");
    Path malformedPax = new Tar().header(utf8("pax"), 'x', new byte[0], 0644, Tar.octal(12, 12))
        .data(utf8("99 path=x\n\n\n")).file("x", "x", 0644).write(tmp.resolve("pax.tar"));
    assertContains(refused(malformedPax), "has a malformed pax header record");
  }

  @Test
  void anHtmlPageIsNotAnArchive() throws IOException {
    Path page = Files.writeString(tmp.resolve("download"),
        "<!DOCTYPE html>\n<html><head><title>Not Found</title></head><body>404</body></html>\n".repeat(20));
    assertContains(refused(page), "not a tar, tar.gz or zip archive (it begins '<!DOCTYPE html>\\u000A<html>");
    assertContains(refused(Files.write(tmp.resolve("empty"), new byte[0])), "the archive is empty");
  }
}
