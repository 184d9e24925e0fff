package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.cli.fetch.NarHash;
import dev.comfypkgs.processor.RecipeProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prefetch against a local HTTP server: the hash Nix would compute, written into the recipe
 * without touching anything else; a server error, a truncated download and a timeout leave the
 * recipe as it was.
 */
class PrefetchTest {
  @TempDir static Path root;
  static LocalServer server;
  static String base;
  static Path tree;
  static byte[] archive;
  static Path recipes;
  static Map<String, String> env = new HashMap<>();

  @BeforeAll
  static void serve() throws IOException {
    tree = Files.createDirectories(root.resolve("upstream/good-1.0.0"));
    Files.writeString(tree.resolve("setup.py"), "from setuptools import setup\nsetup()\n");
    Path script = Files.createDirectories(tree.resolve("bin")).resolve("tool");
    Files.writeString(script, "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(tree.resolve("link"), Path.of("setup.py"));
    Path tgz = root.resolve("upstream/good.tar.gz");
    Tools.Result tar = Tools.run(List.of("tar", "-czf", tgz.toString(), "good-1.0.0"), tree.getParent(), Map.of());
    assertEquals(0, tar.exitCode(), tar.stderr());
    archive = Files.readAllBytes(tgz);

    server = new LocalServer()
        .file("/standin/good/archive/v1.0.0.tar.gz", archive)
        .status("/standin/broken/", 500)
        .truncated("/standin/cut/", archive)
        .slow("/standin/slow/", archive, 4000);
    base = server.base();
    env.put("COMFYPKGS_GITHUB_BASE", base);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void freshRecipes() throws IOException {
    Path generated = CliHarness.generate(root, "prefetch");
    env.put("COMFYPKGS_DIR", generated.toString());
    recipes = root.resolve("recipes-java/src/main/java/prefetch");
    Files.createDirectories(recipes);
    try (Stream<Path> s = Files.list(fixtures())) {
      for (Path p : s.toList()) {
        Files.copy(p, recipes.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static Path fixtures() {
    return Path.of(System.getProperty("user.dir")).resolve("src/test/resources/fixtures/prefetch");
  }

  private static CliHarness.Run comfypkgs(String... args) throws IOException {
    return CliHarness.run(root, env, args);
  }

  private static String read(String name) throws IOException {
    return Files.readString(recipes.resolve(name));
  }

  @Test
  void writeFillsExactlyTheHashLiteral() throws IOException {
    String before = read("Good.java");
    String expected = NarHash.of(tree);
    CliHarness.Run run = comfypkgs("prefetch", "good", "--write");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("wrote good " + expected + " into " + recipes.resolve("Good.java")), run.out());
    String after = read("Good.java");
    assertEquals(before.replace("tag = \"v1.0.0\", hash = \"\")", "tag = \"v1.0.0\", hash = \"" + expected + "\")"), after);
    assertTrue(after.contains("(hash = \\\"\\\" in text)"), "the description's text is untouched");

    // The rewritten recipe compiles with the processor, and no longer warns about its hash.
    Compilation c = Compiler.javac().withProcessors(new RecipeProcessor())
        .compile(JavaFileObjects.forResource(recipes.resolve("Good.java").toUri().toURL()));
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
    assertTrue(c.diagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.WARNING), c.diagnostics().toString());
  }

  @Test
  void withoutWriteItOnlyPrints() throws IOException {
    String before = read("Good.java");
    CliHarness.Run run = comfypkgs("prefetch", "good");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("new  good " + NarHash.of(tree) + " (the recipe has none; --write fills it)"), run.out());
    assertEquals(before, read("Good.java"));
  }

  @Test
  void aServerErrorLeavesTheRecipeUntouched() throws IOException {
    String before = read("Broken.java");
    CliHarness.Run run = comfypkgs("prefetch", "broken", "--write");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.out().contains("FAIL broken: HTTP 500 from " + base + "/standin/broken/archive/v1.0.0.tar.gz"
        + " (the recipe is unchanged)"), run.out());
    assertEquals(before, read("Broken.java"));
  }

  @Test
  void aTruncatedDownloadLeavesTheRecipeUntouched() throws IOException {
    String before = read("Cut.java");
    CliHarness.Run run = comfypkgs("prefetch", "cut", "--write");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.out().matches("(?s).*FAIL cut: the download of .* (is truncated|broke off).*"), run.out());
    assertEquals(before, read("Cut.java"));
  }

  @Test
  void aTimeoutLeavesTheRecipeUntouched() throws IOException {
    String before = read("Slow.java");
    CliHarness.Run run = comfypkgs("prefetch", "slow", "--write", "--timeout", "1");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.out().contains("FAIL slow: timed out after 1s"), run.out());
    assertEquals(before, read("Slow.java"));
  }

  @Test
  void aChangedHashIsReportedAndWrittenOnlyWithForce() throws IOException {
    String before = read("Moved.java");
    CliHarness.Run run = comfypkgs("prefetch", "moved", "--write");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.out().contains("CHANGED moved: the recipe has sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=, "
        + base + "/standin/good/archive/v1.0.0.tar.gz now gives " + NarHash.of(tree)
        + "; not written without --force"), run.out());
    assertEquals(before, read("Moved.java"));
    CliHarness.Run forced = comfypkgs("prefetch", "moved", "--write", "--force");
    assertEquals(0, forced.exitCode(), forced.all());
    assertEquals(before.replace("sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", NarHash.of(tree)), read("Moved.java"));
  }

  @Test
  void aUrlThatIsNotHttpIsAUsageError() throws IOException {
    Map<String, String> refusals = Map.of(
        "notaurl", "only http:// and https:// URLs can be downloaded",
        "ftp://example.org/a.tar.gz", "only http:// and https:// URLs can be downloaded",
        "file:///etc/passwd", "only http:// and https:// URLs can be downloaded",
        "http://exa mple.org/a.tar.gz", "it is not a URL",
        "http:///a.tar.gz", "it names no host");
    for (Map.Entry<String, String> r : refusals.entrySet()) {
      CliHarness.assertOneLineError(comfypkgs("prefetch", "--url", r.getKey()), 2,
          "--url '" + r.getKey() + "' cannot be used: " + r.getValue());
    }
  }

  @Test
  void aBaseThatIsNotHttpIsAUsageErrorAndNothingIsFetched() throws IOException {
    String before = read("Good.java");
    CliHarness.assertOneLineError(comfypkgs("prefetch", "good", "--write", "--github-base", "file:///tmp"), 2,
        "--github-base 'file:///tmp' cannot be used");
    Map<String, String> relative = new HashMap<>(env);
    relative.put("COMFYPKGS_GITHUB_BASE", "mirror/github");
    CliHarness.assertOneLineError(CliHarness.run(root, relative, "prefetch", "good", "--write"), 2,
        "COMFYPKGS_GITHUB_BASE 'mirror/github' cannot be used");
    assertEquals(before, read("Good.java"));
  }

  @Test
  void aTimeoutMustBePositive() throws IOException {
    String before = read("Good.java");
    for (String timeout : List.of("0", "-5")) {
      CliHarness.assertOneLineError(comfypkgs("prefetch", "good", "--write", "--timeout", timeout), 2,
          "--timeout takes a positive number of seconds, not " + timeout);
      CliHarness.assertOneLineError(comfypkgs("prefetch", "--url", base + "/standin/good/archive/v1.0.0.tar.gz",
          "--timeout", timeout), 2, "--timeout takes a positive number of seconds");
    }
    assertEquals(before, read("Good.java"));
  }

  @Test
  void aTagThatWouldLeaveItsRepositoryIsRefusedBeforeAnyDownload() throws IOException {
    CliHarness.editRecipesJson(root.resolve("generated-nix"), r -> r.get("packages").forEach(p -> {
      if (p.get("attr").asText().equals("moved")) {
        ((ObjectNode) p.get("source")).put("tag", "../../good/archive/v1.0.0");
      }
    }));
    String before = read("Good.java");
    CliHarness.Run run = comfypkgs("prefetch", "good", "moved", "--write");
    CliHarness.assertOneLineError(run, 2, "'../../good/archive/v1.0.0' is not a git tag or commit");
    assertEquals("", run.out(), "nothing was fetched, not even the good one");
    assertEquals(before, read("Good.java"));
  }

  @Test
  void writeKeepsTheRecipesPermissions() throws IOException {
    for (String mode : List.of("rw-r--r--", "rw-rw-r--")) {
      Files.copy(fixtures().resolve("Good.java"), recipes.resolve("Good.java"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(recipes.resolve("Good.java"), PosixFilePermissions.fromString(mode));
      CliHarness.Run run = comfypkgs("prefetch", "good", "--write");
      assertEquals(0, run.exitCode(), run.all());
      assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(recipes.resolve("Good.java"))));
      try (Stream<Path> s = Files.list(recipes)) {
        assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".")).toList(), "no temporary file");
      }
    }
  }

  @Test
  void urlsArePrefetchedFlatOrUnpacked() throws IOException {
    String url = base + "/standin/good/archive/v1.0.0.tar.gz";
    CliHarness.Run stripped = comfypkgs("prefetch", "--url", url, "--strip-root");
    assertEquals(0, stripped.exitCode(), stripped.all());
    assertEquals(NarHash.of(tree), stripped.out().strip());
    CliHarness.Run kept = comfypkgs("prefetch", "--url", url, "--unpack");
    assertEquals(0, kept.exitCode(), kept.all());
    assertTrue(kept.out().strip().startsWith("sha256-"), kept.out());
    assertTrue(!kept.out().strip().equals(stripped.out().strip()), "the unstripped tree keeps its top-level directory");
    CliHarness.Run flat = comfypkgs("prefetch", "--url", url);
    assertEquals(NarHash.flat(root.resolve("upstream/good.tar.gz")), flat.out().strip());
  }
}
