package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import dev.comfypkgs.cli.fetch.NarHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** new (a recipe that compiles, hash prefetched) and vendor (checked, never partial). */
class ScaffoldTest {
  @TempDir static Path root;
  static LocalServer server;
  static Path tree;
  static byte[] wheel = "a wheel's bytes\n".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void serve() throws IOException {
    tree = Files.createDirectories(root.resolve("upstream/newpkg-2.1.0"));
    Files.writeString(tree.resolve("pyproject.toml"), "[project]\nname = \"newpkg\"\n");
    Path tgz = root.resolve("upstream/newpkg.tar.gz");
    assertEquals(0, Tools.run(List.of("tar", "-czf", tgz.toString(), "newpkg-2.1.0"), tree.getParent(), Map.of()).exitCode());
    server = new LocalServer()
        .file("/standin/newpkg/archive/", Files.readAllBytes(tgz))
        .file("/files/checked-1.0.0-py3-none-any.whl", wheel)
        .file("/files/wrong-1.0.0-py3-none-any.whl", wheel)
        .file("/files/unchecked-1.0.0-py3-none-any.whl", wheel)
        .status("/files/missing-1.0.0-py3-none-any.whl", 404);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Map<String, String> env(Path generated) {
    Map<String, String> env = new HashMap<>();
    env.put("COMFYPKGS_DIR", generated.toString());
    env.put("COMFYPKGS_GITHUB_BASE", server.base());
    return env;
  }

  @Test
  void newWritesARecipeThatCompilesAndPassesTheRules() throws IOException {
    Path project = Files.createDirectories(root.resolve("new"));
    Path generated = CliHarness.generate(project, "verify");
    Path recipes = project.resolve("recipes-java/src/main/java");
    CliHarness.Run run = CliHarness.run(project, env(generated), "new", "newpkg",
        "--github", "standin/newpkg", "--tag", "v2.1.0", "--torch-agnostic", "--remove", "torchvision",
        "--bundle", "numpy", "pillow", "--platforms", "LINUX", "--package", "verify");
    assertEquals(0, run.exitCode(), run.all());
    Path file = recipes.resolve("verify/Newpkg.java");
    assertTrue(run.out().contains("wrote " + file + " (comfyui-newpkg 2.1.0, " + NarHash.of(tree) + ")"), run.out());
    String source = Files.readString(file);
    assertTrue(source.contains("hash = \"" + NarHash.of(tree) + "\""), source);
    assertTrue(source.contains("attr = \"newpkg\""), source);

    // It compiles as it stands, next to the set it joins, and passes every rule without a warning.
    Compilation c = CliHarness.compileFixtures("verify", List.of(file), "-Acomfypkgs.warningsAsErrors=true");
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
    assertTrue(c.diagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR));

    // Never over an existing recipe.
    String before = Files.readString(file);
    CliHarness.Run again = CliHarness.run(project, env(generated), "new", "newpkg",
        "--github", "standin/newpkg", "--tag", "v2.1.0", "--package", "verify");
    assertEquals(2, again.exitCode(), again.all());
    assertTrue(again.err().contains("already exists: comfypkgs new never overwrites a recipe"), again.err());
    assertEquals(before, Files.readString(file));
    CliHarness.Run taken = CliHarness.run(project, env(generated), "new", "timm",
        "--github", "standin/newpkg", "--tag", "v2.1.0");
    assertEquals(2, taken.exitCode(), taken.all());
    assertTrue(taken.err().contains("a recipe with attr 'timm' already exists"), taken.err());
  }

  @Test
  void newWithACommitNeedsAVersionAndAFailedDownloadWritesNothing() throws IOException {
    Path project = Files.createDirectories(root.resolve("new-rev"));
    Path generated = CliHarness.generate(project, "verify");
    CliHarness.Run noVersion = CliHarness.run(project, env(generated), "new", "other",
        "--github", "standin/other", "--rev", "0123456789abcdef0123456789abcdef01234567");
    assertEquals(2, noVersion.exitCode(), noVersion.all());
    assertTrue(noVersion.err().contains("with --rev, give --version <last release>-unstable-YYYY-MM-DD"), noVersion.err());
    CliHarness.Run notServed = CliHarness.run(project, env(generated), "new", "other",
        "--github", "standin/other", "--rev", "0123456789abcdef0123456789abcdef01234567",
        "--version", "0.1-unstable-2025-01-01");
    assertEquals(1, notServed.exitCode(), notServed.all());
    assertTrue(notServed.err().contains("HTTP 404"), notServed.err());
    assertFalse(Files.exists(project.resolve("recipes-java/src/main/java/dev/comfypkgs/recipes/Other.java")));
  }

  private static Path vendorProject(String name) throws IOException {
    Path project = Files.createDirectories(root.resolve(name));
    CliHarness.generate(project, "vendor");
    return project;
  }

  private static CliHarness.Run vendor(Path project, String... args) throws IOException {
    String[] all = new String[args.length + 3];
    all[0] = "vendor";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--from";
    all[args.length + 2] = server.base() + "/files/";
    return CliHarness.run(project, env(project.resolve("generated-nix")), all);
  }

  private static List<String> sourcesListing(Path project) throws IOException {
    try (Stream<Path> s = Files.list(project.resolve("sources"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void vendorChecksTheFileBeforeItLands() throws IOException {
    Path project = vendorProject("vendor-ok");
    CliHarness.Run ok = vendor(project, "checked");
    assertEquals(0, ok.exitCode(), ok.all());
    assertTrue(ok.out().contains("wrote checked: sources/checked-1.0.0-py3-none-any.whl (sha256 matches)"), ok.out());
    assertEquals("a wheel's bytes\n", Files.readString(project.resolve("sources/checked-1.0.0-py3-none-any.whl")));
    CliHarness.Run again = vendor(project, "checked");
    assertTrue(again.out().contains("ok   checked: sources/checked-1.0.0-py3-none-any.whl is already there and matches"),
        again.out());
  }

  @Test
  void aMismatchOrAnErrorLeavesNothingBehind() throws IOException {
    Path project = vendorProject("vendor-bad");
    CliHarness.Run wrong = vendor(project, "wrong");
    assertEquals(1, wrong.exitCode(), wrong.all());
    assertTrue(wrong.out().contains("not the recipe's " + "0".repeat(64) + "; nothing was written"), wrong.out());
    CliHarness.Run missing = vendor(project, "missing");
    assertEquals(1, missing.exitCode(), missing.all());
    assertTrue(missing.out().contains("FAIL missing: HTTP 404"), missing.out());
    assertEquals(List.of(), sourcesListing(project), "no partial or temporary file");
  }

  @Test
  void anUncheckedFileSaysWhichSha256ToAdd() throws IOException {
    Path project = vendorProject("vendor-unchecked");
    CliHarness.Run run = vendor(project, "unchecked");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("(unchecked: the recipe has no sha256; add sha256 = \""), run.out());
  }

  @Test
  void vendorRefusesUrlsItCannotDownload() throws IOException {
    Path project = vendorProject("vendor-urls");
    Map<String, String> env = env(project.resolve("generated-nix"));
    for (String from : List.of("files/", "/srv/files/", "file:///srv/files/", "http://host/some files/")) {
      CliHarness.assertOneLineError(CliHarness.run(project, env, "vendor", "checked", "--from", from), 2,
          "--from '" + from + "' cannot be used: ");
    }
    env.put("COMFYPKGS_VENDOR_BASE", "file:///srv/files/");
    CliHarness.assertOneLineError(CliHarness.run(project, env, "vendor", "checked"), 2,
        "COMFYPKGS_VENDOR_BASE 'file:///srv/files/' cannot be used: ");
    for (String timeout : List.of("0", "-1")) {
      CliHarness.assertOneLineError(vendor(project, "checked", "--timeout", timeout), 2,
          "--timeout takes a positive number of seconds, not " + timeout);
    }
    assertEquals(List.of(), sourcesListing(project));
  }

  @Test
  void vendorIntoAFileIsAUsageError() throws IOException {
    Path project = vendorProject("vendor-into-file");
    Path file = Files.writeString(project.resolve("not-a-dir"), "mine\n");
    CliHarness.Run run = vendor(project, "checked", "--sources", file.toString());
    CliHarness.assertOneLineError(run, 2, file + " is not a directory: --sources takes the directory");
    assertEquals("", run.out());
    assertEquals("mine\n", Files.readString(file));
  }

  @Test
  void aVendoredFileOutsideSourcesIsRefused() throws IOException {
    Path project = vendorProject("vendor-escape");
    CliHarness.editRecipesJson(project.resolve("generated-nix"), r -> r.get("packages").forEach(p -> {
      if (p.get("attr").asText().equals("unchecked")) {
        ((ObjectNode) p.get("source")).put("file", "../unchecked-1.0.0-py3-none-any.whl");
      }
    }));
    CliHarness.Run run = vendor(project, "unchecked");
    CliHarness.assertOneLineError(run, 2, "unchecked's @Vendored file '../unchecked-1.0.0-py3-none-any.whl'"
        + " is not a file inside " + project.resolve("sources"));
    assertFalse(Files.exists(project.resolve("unchecked-1.0.0-py3-none-any.whl")));
  }

  @Test
  void vendoredFilesFollowTheUmask() throws IOException {
    Map<String, String> modes = Map.of("022", "rw-r--r--", "027", "rw-r-----", "002", "rw-rw-r--");
    for (Map.Entry<String, String> m : modes.entrySet()) {
      Path project = vendorProject("vendor-umask-" + m.getKey());
      CliHarness.Run run = CliHarness.runWithUmask(m.getKey(), project, env(project.resolve("generated-nix")),
          "vendor", "checked", "--from", server.base() + "/files/");
      assertEquals(0, run.exitCode(), run.all());
      Path file = project.resolve("sources/checked-1.0.0-py3-none-any.whl");
      assertEquals(m.getValue(), PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "umask " + m.getKey());
    }
  }

  @Test
  void vendorRefusesNonVendoredPackagesAndNeedsASource() throws IOException {
    Path project = vendorProject("vendor-usage");
    CliHarness.Run run = CliHarness.run(project, env(project.resolve("generated-nix")), "vendor", "checked");
    assertEquals(2, run.exitCode(), run.all());
    assertTrue(run.err().contains("give --from URL (or set COMFYPKGS_VENDOR_BASE)"), run.err());
  }
}
