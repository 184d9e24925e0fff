package dev.comfypkgs.cli.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.comfypkgs.cli.Tools;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java NAR hash equals Nix's own: {@code nix hash path} on trees, and
 * {@code nix-prefetch-url --unpack} on .tar.gz and .zip archives.
 */
class NarHashTest {
  @TempDir Path tmp;

  @BeforeAll
  static void requireNix() {
    if (Tools.find("nix-prefetch-url").isPresent() && Tools.find("nix").isPresent()) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("Nix is not installed, and CI=true: these tests must run in CI.");
    }
    System.err.println("\n*** SKIPPED: Nix not installed; the NAR hash tests run in CI. ***\n");
    Assumptions.abort("Nix not installed");
  }

  private static String nix(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("nix", "--extra-experimental-features", "nix-command"));
    cmd.addAll(List.of(args));
    Tools.Result r = Tools.run(cmd, null, Map.of());
    assertEquals(0, r.exitCode(), String.join(" ", cmd) + ": " + r.stderr());
    return r.stdout().strip();
  }

  private static String nixHashPath(Path p) {
    return nix("hash", "path", p.toString());
  }

  private static String prefetchUnpack(Path archive) {
    Tools.Result r = Tools.run(List.of("nix-prefetch-url", "--unpack", archive.toUri().toString()), null, Map.of());
    assertEquals(0, r.exitCode(), r.stderr());
    return nix("hash", "to-sri", "--type", "sha256", r.stdout().strip());
  }

  private static void write(Path p, String content, boolean executable) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
  }

  /** A tree with every kind of entry NAR knows and the names that sort differently in Java. */
  private Path tree(String name) throws IOException {
    Path root = Files.createDirectories(tmp.resolve(name));
    write(root.resolve("README.md"), "# readme\n", false);
    write(root.resolve("bin/run"), "#!/bin/sh\necho run\n", true);
    write(root.resolve("empty-file"), "", false);
    Files.createDirectories(root.resolve("empty-dir"));
    Files.createSymbolicLink(root.resolve("link-to-readme"), Path.of("README.md"));
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("does/not/exist"));
    Files.createSymbolicLink(root.resolve("dir-link"), Path.of("bin"));
    for (String n : List.of("B", "a", "Z", "é", "漢字", "\uD83D\uDE00 emoji", "\uFF5E", "ü-file", "_x", "-y", ".hidden")) {
      write(root.resolve("names").resolve(n), n + "\n", false);
    }
    Path deep = root;
    for (int i = 0; i < 40; i++) {
      deep = deep.resolve("d" + i);
    }
    write(deep.resolve("leaf.py"), "print('deep')\n", false);
    byte[] big = new byte[3 * 1024 * 1024 + 5];
    new Random(1).nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
    write(root.resolve("padding/7"), "1234567", false);
    write(root.resolve("padding/8"), "12345678", true);
    write(root.resolve("padding/9"), "123456789", false);
    return root;
  }

  @Test
  void treesHashAsNixHashesThem() throws IOException {
    Path root = tree("tree");
    assertEquals(nixHashPath(root), NarHash.of(root));
    // A single file and a lone symlink are paths too.
    assertEquals(nixHashPath(root.resolve("bin/run")), NarHash.of(root.resolve("bin/run")));
    assertEquals(nixHashPath(root.resolve("empty-dir")), NarHash.of(root.resolve("empty-dir")));
  }

  @Test
  void aLargeFileHashesAsNixHashesIt() throws IOException {
    Path big = Files.createDirectories(tmp.resolve("big"));
    byte[] chunk = new byte[1 << 20];
    new Random(2).nextBytes(chunk);
    try (OutputStream out = Files.newOutputStream(big.resolve("weights.bin"))) {
      for (int i = 0; i < 64; i++) {
        out.write(chunk);
      }
      out.write(chunk, 0, 3);
    }
    assertEquals(nixHashPath(big), NarHash.of(big));
  }

  @Test
  void flatHashIsTheFileSha256() throws IOException {
    Path file = tmp.resolve("dist.whl");
    Files.writeString(file, "wheel bytes");
    String expected = nix("hash", "file", file.toString());
    assertEquals(expected, NarHash.flat(file));
  }

  private Path archive(Path dir, String name, boolean zip, String... entries) throws IOException {
    Path archive = tmp.resolve(name);
    List<String> cmd = new java.util.ArrayList<>();
    if (zip) {
      cmd.addAll(List.of("zip", "-q", "-r", "-y", archive.toString()));
    } else {
      cmd.addAll(List.of("tar", "-czf", archive.toString()));
    }
    cmd.addAll(List.of(entries));
    Tools.Result r = Tools.run(cmd, dir, Map.of());
    assertEquals(0, r.exitCode(), r.stderr());
    return archive;
  }

  private static String javaPrefetch(Path archive, Path work, boolean strip) throws IOException {
    ArchiveTree tree = Unpacker.unpack(archive, Files.createDirectories(work));
    return NarHash.of(strip ? tree.stripRoot() : tree);
  }

  @Test
  void tarGzWithASingleTopLevelDirectory() throws IOException {
    Path parent = Files.createDirectories(tmp.resolve("tgz"));
    tree("tgz/project-1.0");
    Path archive = archive(parent, "project.tar.gz", false, "project-1.0");
    assertEquals(prefetchUnpack(archive), javaPrefetch(archive, tmp.resolve("u1"), true));
  }

  @Test
  void zipWithASingleTopLevelDirectory() throws IOException {
    Assumptions.assumeTrue(Tools.find("zip").isPresent(), "zip is not installed");
    Path parent = Files.createDirectories(tmp.resolve("zip"));
    tree("zip/project-1.0");
    Path archive = archive(parent, "project.zip", true, "project-1.0");
    assertEquals(prefetchUnpack(archive), javaPrefetch(archive, tmp.resolve("u2"), true));
  }

  @Test
  void archivesWithoutASingleTopLevelDirectory() throws IOException {
    Path flat = tree("flat");
    Path tgz = archive(flat, "flat.tar.gz", false, ".");
    assertEquals(nixHashPath(flat), javaPrefetch(tgz, tmp.resolve("u3"), false));
    assertThrows(IOException.class, () -> javaPrefetch(tgz, tmp.resolve("u4"), true));
    if (Tools.find("zip").isPresent()) {
      Path zip = archive(flat, "flat.zip", true, ".");
      assertEquals(nixHashPath(flat), javaPrefetch(zip, tmp.resolve("u5"), false));
    }
  }

  @Test
  void entriesEscapingTheTargetAreRefused() throws IOException {
    Path parent = Files.createDirectories(tmp.resolve("evil"));
    write(parent.resolve("x"), "x", false);
    Path archive = tmp.resolve("evil.tar.gz");
    Tools.Result r = Tools.run(List.of("tar", "-czf", archive.toString(), "-P", "--transform", "s,^x,../../escaped,", "x"),
        parent, Map.of());
    assertEquals(0, r.exitCode(), r.stderr());
    IOException e = assertThrows(IOException.class,
        () -> Unpacker.unpack(archive, Files.createDirectories(tmp.resolve("u6"))));
    assertTrue(e.getMessage().contains("outside the target"), e.getMessage());
  }

  /**
   * Names as bytes: UTF-8 ones, one that is Latin-1 and one that is no charset at all, symlinks
   * with such targets, absolute and '..' targets, and hard links. Made by /bin/sh with octal
   * escapes, so no Java charset touches a name on its way to the disk.
   */
  private Path bytesTree(String name) throws IOException {
    Path root = Files.createDirectories(tmp.resolve(name));
    String script = String.join("\n",
        "set -e",
        "cd \"$1\"",
        "mkdir -p \"$(printf 'caf\\303\\251')\" names",
        "printf 'accent' > \"$(printf 'caf\\303\\251')/$(printf '\\346\\274\\242\\345\\255\\227')\"",
        "printf 'latin1' > \"names/$(printf '\\351t\\351')\"",
        "printf 'invalid' > \"names/$(printf 'bad\\377\\376name')\"",
        "printf 'ascii' > names/plain",
        "ln -s \"$(printf '../caf\\303\\251')\" names/to-accent",
        "ln -s \"$(printf 'bad\\377\\376name')\" names/to-invalid",
        "ln -s /etc/passwd names/absolute",
        "ln -s ../../../../outside names/up",
        "ln names/plain names/hard-link",
        "");
    Tools.Result r = Tools.run(List.of("/bin/sh", "-c", script, "sh", root.toString()), null, Map.of());
    assertEquals(0, r.exitCode(), r.stderr());
    return root;
  }

  @Test
  void namesAreTheBytesOnDiskAndSymlinksAreStoredNotFollowed() throws IOException {
    Path root = bytesTree("bytes");
    assertEquals(nixHashPath(root), NarHash.of(root));
    Path tgz = archive(tmp, "bytes.tar.gz", false, "bytes");
    assertEquals(prefetchUnpack(tgz), javaPrefetch(tgz, tmp.resolve("u7"), true));
    Assumptions.assumeTrue(Tools.find("zip").isPresent(), "zip is not installed");
    Path zip = archive(tmp, "bytes.zip", true, "bytes");
    assertEquals(prefetchUnpack(zip), javaPrefetch(zip, tmp.resolve("u8"), true));
  }

  /** Hashes the arguments in a JVM of its own under {@code locale}; returns its output lines. */
  private static List<String> hashInOwnJvm(String locale, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HashInOwnJvm.class.getName()));
    cmd.addAll(List.of(args));
    Tools.Result r = Tools.run(cmd, null, Map.of("LC_ALL", locale, "LANG", locale));
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout().lines().toList();
  }

  @Test
  void theHashDoesNotDependOnTheLocale() throws IOException {
    Path root = bytesTree("locale");
    Path tgz = archive(tmp, "locale.tar.gz", false, "locale");
    String tree = nixHashPath(root);
    String unpacked = prefetchUnpack(tgz);
    List<String> inC = hashInOwnJvm("C", "path:" + root, "archive:" + tgz);
    // The point of the test: this JVM decodes names as ASCII, so every other byte is lost there.
    assertTrue(inC.get(0).contains("ANSI") || inC.get(0).contains("ASCII"), inC.get(0));
    assertEquals(List.of(tree, unpacked), inC.subList(1, 3));
    List<String> inUtf8 = hashInOwnJvm("C.UTF-8", "path:" + root, "archive:" + tgz);
    assertEquals("UTF-8", inUtf8.get(0));
    assertEquals(List.of(tree, unpacked), inUtf8.subList(1, 3));
  }

  /** Nix's unpack of an archive: its hash, or empty when Nix refuses the archive. */
  private static java.util.Optional<String> nixUnpack(Path archive) {
    Tools.Result r = Tools.run(List.of("nix-prefetch-url", "--unpack", archive.toUri().toString()), null, Map.of());
    return r.exitCode() == 0
        ? java.util.Optional.of(nix("hash", "to-sri", "--type", "sha256", r.stdout().strip()))
        : java.util.Optional.empty();
  }

  @Test
  void strangeArchivesUnpackAsNixUnpacksThemOrAreRefusedAsNixRefusesThem() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "secret");
    Map<String, Path> archives = new java.util.LinkedHashMap<>();
    archives.put("through an absolute symlink", new TestArchives.Tar().dir("root/")
        .symlink("root/link", outside.toString()).file("root/link/x", "x", 0644).write(tmp.resolve("1.tar")));
    archives.put("through an in-tree symlink", new TestArchives.Tar().dir("root/real/")
        .symlink("root/s", "real").file("root/s/x", "x", 0644).write(tmp.resolve("2.tar")));
    archives.put("a file replaces a symlink", new TestArchives.Tar().dir("root/")
        .symlink("root/l", outside.resolve("secret").toString()).file("root/l", "new", 0755).write(tmp.resolve("3.tar")));
    archives.put("a directory replaces a file", new TestArchives.Tar().file("root/a", "a", 0644).dir("root/a/")
        .file("root/a/b", "b", 0644).write(tmp.resolve("4.tar")));
    archives.put("a file replaces an empty directory", new TestArchives.Tar().dir("root/a/").file("root/a", "a", 0644)
        .write(tmp.resolve("5.tar")));
    archives.put("a file replaces a directory with entries", new TestArchives.Tar().file("root/a/b", "b", 0644)
        .file("root/a", "a", 0644).write(tmp.resolve("6.tar")));
    archives.put("dot-dot", new TestArchives.Tar().file("root/a/../b", "b", 0644).write(tmp.resolve("7.tar")));
    archives.put("an absolute name", new TestArchives.Tar().file("/root/x", "x", 0644).write(tmp.resolve("8.tar")));
    archives.put("a FIFO", new TestArchives.Tar().dir("root/")
        .entry(TestArchives.utf8("root/f"), '6', new byte[0], 0644, new byte[0]).write(tmp.resolve("9.tar")));
    archives.put("hard links, one to a symlink, one to a file replaced later", new TestArchives.Tar()
        .file("root/a", "1", 0755).symlink("root/s", "a").hardLink("root/b", "root/a").hardLink("root/t", "root/s")
        .file("root/a", "22", 0644).write(tmp.resolve("10.tar")));
    archives.put("a hard link through a symlink", new TestArchives.Tar().dir("root/")
        .symlink("root/link", outside.toString()).hardLink("root/stolen", "root/link/secret").write(tmp.resolve("11.tar")));
    archives.put("a hard link to an absolute path", new TestArchives.Tar().dir("root/")
        .hardLink("root/stolen", outside.resolve("secret").toString()).write(tmp.resolve("12.tar")));
    archives.put("a zip symlink written through", new TestArchives.Zip().dir("root/")
        .symlink("root/link", outside.toString()).file("root/link/x", TestArchives.utf8("x"), 0644).write(tmp.resolve("13.zip")));
    archives.put("a zip file replacing its symlink", new TestArchives.Zip().dir("root/")
        .symlink("root/l", "../x").file("root/l", TestArchives.utf8("x"), 0755).write(tmp.resolve("14.zip")));
    int n = 0;
    for (Map.Entry<String, Path> e : archives.entrySet()) {
      java.util.Optional<String> nix = nixUnpack(e.getValue());
      Path work = Files.createDirectories(tmp.resolve("strange-" + n++));
      if (nix.isPresent()) {
        assertEquals(nix.get(), javaPrefetch(e.getValue(), work, true), e.getKey());
      } else {
        assertThrows(IOException.class, () -> javaPrefetch(e.getValue(), work, true), e.getKey());
      }
    }
    try (java.util.stream.Stream<Path> left = Files.list(outside)) {
      assertEquals(List.of("secret"), left.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals("secret", Files.readString(outside.resolve("secret")));
  }
}
