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
    Path unpacked = Files.createDirectories(work);
    Unpacker.unpack(archive, unpacked);
    return NarHash.of(strip ? Unpacker.stripRoot(unpacked) : unpacked);
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
}
