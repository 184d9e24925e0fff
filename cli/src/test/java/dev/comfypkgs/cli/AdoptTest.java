package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.fetch.NarHash;
import dev.comfypkgs.common.FileTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adopt} end to end, with no network: a local server plays GitHub, serving archives of
 * fake custom nodes whose requirements are written the way real nodes write them, and each run
 * works on a miniature repository compiled with its own processor.
 */
class AdoptTest {
  private static final String ALPHA = AdoptFixture.RECIPES + "/Alpha.java";
  private static final String BAR = AdoptFixture.RECIPES + "/BarRebuild.java";
  private static final String BAZ = AdoptFixture.RECIPES + "/BazCore.java";
  /** baz-core's sdist digest in its PyPI JSON, as the SRI hash fetchPypi checks. */
  private static final String BAZ_HASH = NarHash.sri(HexFormat.of().parseHex("22".repeat(32)));

  @TempDir static Path shared;
  static LocalServer server;
  static Path alphaTree;
  static Path barTree;

  @BeforeAll
  static void serve() throws IOException {
    Path scratch = Files.createDirectories(shared.resolve("upstream"));
    server = new LocalServer()
        .file("/standin/ComfyUI-Alpha/archive/v1.0.0.tar.gz",
            AdoptFixture.archive(scratch, "ComfyUI-Alpha", "ComfyUI-Alpha-1.0.0"))
        .file("/standin/ComfyUI-Sneaky/archive/v1.0.tar.gz",
            AdoptFixture.archive(scratch, "ComfyUI-Sneaky", "ComfyUI-Sneaky-1.0"))
        .file("/standin/ComfyUI-Escape/archive/v1.0.tar.gz",
            AdoptFixture.archive(scratch, "ComfyUI-Escape", "ComfyUI-Escape-1.0"))
        .file("/standin/ComfyUI-Beta/archive/v2.0.tar.gz",
            AdoptFixture.archive(scratch, "ComfyUI-Beta", "ComfyUI-Beta-2.0"))
        // bar-rebuild's release is tagged without a v; baz-core links a monorepo whose v2.0.0
        // is another project (the next tag of that repository is not worth trying).
        .status("/standin/bar-rebuild/archive/v0.4.1.tar.gz", 404)
        .file("/standin/baz-mono/archive/v2.0.0.tar.gz",
            AdoptFixture.archive(scratch, "baz-mono", "baz-mono-2.0.0"))
        .file("/standin/bar-rebuild/archive/0.4.1.tar.gz",
            AdoptFixture.archive(scratch, "bar-rebuild", "bar-rebuild-0.4.1"))
        .file("/pypi/bar-rebuild/json", Files.readAllBytes(AdoptFixture.FIXTURES.resolve("pypi/bar-rebuild.json")))
        .file("/pypi/baz-core/json", Files.readAllBytes(AdoptFixture.FIXTURES.resolve("pypi/baz-core.json")))
        .status("/pypi/", 404);
    alphaTree = scratch.resolve("ComfyUI-Alpha-1.0.0");
    barTree = scratch.resolve("bar-rebuild-0.4.1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static AdoptFixture fixture(Path dir) throws IOException {
    return AdoptFixture.create(dir.resolve("repo"), shared, server.base());
  }

  @Test
  void adoptingANodeWritesItsRecipeRegeneratesAndChecksIt(@TempDir Path dir) throws IOException {
    CliHarness.requireNix();
    AdoptFixture f = fixture(dir);
    Path generatedBefore = dir.resolve("generated-before");
    copyTree(f.work().resolve("generated-nix"), generatedBefore);
    CliHarness.Run run = f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.0.0");
    assertEquals(0, run.exitCode(), run.all());

    String recipe = Files.readString(f.work().resolve(ALPHA));
    for (String expected : List.of(
        "@CustomNode(\n    pname = \"comfyui-alpha\",\n    version = \"1.0.0\",\n"
            + "    description = \"Alpha nodes for ComfyUI\",\n"
            + "    homepage = \"https://github.com/standin/ComfyUI-Alpha\",\n    license = License.MIT\n)",
        "tag = \"v1.0.0\",\n    hash = \"" + NarHash.of(alphaTree) + "\"",
        // torch is the runtime's, pywin32 is for Windows, fancy_thing is a URL for a human.
        "@Bundle({\"einops\", \"numpy\", \"pillow\", \"pyyaml\", \"scipy\"})",
        "@Requires({BarRebuild.class, Timm.class})",
        "@Platforms(Platform.LINUX)")) {
      assertTrue(recipe.contains(expected), expected + " in\n" + recipe);
    }
    assertFalse(recipe.contains("torch"), recipe);
    assertFalse(recipe.contains("pywin32"), recipe);

    // bar-rebuild reaches torch through torchvision and baz-core: rebuilt from its GitHub tag.
    String bar = Files.readString(f.work().resolve(BAR));
    for (String expected : List.of(
        "pname = \"comfyui-bar-rebuild\",\n    attr = \"bar-rebuild\",\n    version = \"0.4.1\",\n"
            + "    description = \"Bars, rebuilt, built to use the runtime's PyTorch\",\n"
            + "    homepage = \"https://github.com/standin/bar-rebuild\",\n    license = License.MIT",
        "repo = \"bar-rebuild\",\n    tag = \"0.4.1\",\n    hash = \"" + NarHash.of(barTree) + "\"",
        "@BuildSystem(\"hatchling\")",
        "@Bundle(\"numpy\")",
        "@Requires(BazCore.class)",
        "@TorchAgnostic(\n    remove = {\"torch\", \"torchvision\", \"baz-core\"}\n)",
        "@Replaces(\"Bar_Rebuild\")",
        "@SmokeImport(\"bar_rebuild\")")) {
      assertTrue(bar.contains(expected), expected + " in\n" + bar);
    }
    assertFalse(bar.contains("pytest"), bar);
    // baz-core's linked repository holds another project at its tag: @PyPI with the published
    // digest, the sdist never downloaded, and nothing of the monorepo taken.
    String baz = Files.readString(f.work().resolve(BAZ));
    for (String expected : List.of("@PyPI(\n    name = \"baz_core\",\n    hash = \"" + BAZ_HASH + "\"\n)",
        "license = License.ASL20", "@TorchAgnostic(\n    remove = \"torch\"\n)", "@Replaces(\"baz-core\")")) {
      assertTrue(baz.contains(expected), expected + " in\n" + baz);
    }
    List<String> paths = server.paths();
    assertTrue(paths.indexOf("/standin/bar-rebuild/archive/v0.4.1.tar.gz")
        < paths.indexOf("/standin/bar-rebuild/archive/0.4.1.tar.gz"), paths.toString());
    assertTrue(paths.stream().noneMatch(p -> p.contains("baz_core-2.0.0.tar.gz")), paths.toString());
    assertTrue(paths.contains("/standin/baz-mono/archive/v2.0.0.tar.gz"), paths.toString());
    assertFalse(paths.contains("/standin/baz-mono/archive/2.0.0.tar.gz"), paths.toString());
    assertFalse(baz.contains("baz-mono"), baz);

    String summary = run.out();
    for (String line : List.of(
        "adopt standin/ComfyUI-Alpha v1.0.0  (" + NarHash.of(alphaTree) + ")",
        "wrote   " + ALPHA + "   custom node comfyui-alpha 1.0.0",
        "wrote   " + BAR + "   comfyui-bar-rebuild 0.4.1   @GitHub standin/bar-rebuild 0.4.1",
        "wrote   " + BAZ + "   comfyui-baz-core 2.0.0   @PyPI baz_core (sha256 from PyPI; no linked GitHub tag holds this project)",
        "reused  comfyui-timm (timm)   @Requires(Timm.class)",
        "bundled einops numpy pillow pyyaml scipy",
        "runtime torch (provided by the runtime)",
        "skipped pywin32 (requirements.txt:4: not on Linux with Python 3.13)",
        "verify --static: ok (x86_64-linux, aarch64-linux)",
        "  unknown   fancy_thing (requirements.txt:8): a direct URL",
        "  build     comfyui-baz-core: build backend not read from the sdist; check @BuildSystem",
        "  install   install.py runs when ComfyUI-Manager installs the node")) {
      assertTrue(summary.contains(line), line + " in\n" + summary);
    }
    // generated-nix/ is what the processor makes of the tree as it now is.
    String json = Files.readString(f.work().resolve("generated-nix/recipes.json"));
    for (String pname : List.of("comfyui-alpha", "comfyui-bar-rebuild", "comfyui-baz-core")) {
      assertTrue(json.contains("\"pname\" : \"" + pname + "\""), json);
    }
    assertTrue(Files.isRegularFile(f.work().resolve("generated-nix/.flox/pkgs/comfyui-alpha.nix")));
    CliHarness.Run verify = CliHarness.run(f.work(), CliHarness.nixEnvironment(), "verify", "--static",
        "--system", "x86_64-linux", "comfyui-alpha", "--nixpkgs", CliHarness.standinNixpkgs().toString());
    assertEquals(0, verify.exitCode(), verify.all());

    // The same node again: nothing to do, nothing downloaded, nothing written.
    Map<String, String> after = f.snapshot();
    int requests = server.paths().size();
    CliHarness.Run again = f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.0.0");
    assertEquals(0, again.exitCode(), again.all());
    assertTrue(again.out().contains("already adopted as comfyui-alpha (standin/ComfyUI-Alpha v1.0.0)"), again.out());
    assertEquals(after, f.snapshot());
    assertEquals(requests, server.paths().size());
    // At another tag it is a conflict for a human, not a second recipe.
    CliHarness.assertOneLineError(f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.1.0"), 2,
        "is already adopted at v1.0.0 as comfyui-alpha");
    assertEquals(after, f.snapshot());

    // Killed after writing the recipes, before regenerating: the recipes are there, generated-nix/
    // is as it was. A rerun leaves the recipes as they are and regenerates.
    FileTrees.delete(f.work().resolve("generated-nix"));
    copyTree(generatedBefore, f.work().resolve("generated-nix"));
    CliHarness.Run rerun = f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.0.0");
    assertEquals(0, rerun.exitCode(), rerun.all());
    assertTrue(rerun.out().contains("unchanged " + ALPHA), rerun.out());
    assertTrue(rerun.out().contains("unchanged " + BAR), rerun.out());
    assertEquals(after, f.snapshot());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @Test
  void maxDepthBoundsThePyPIWalkAndNotesWhatItLeftUnknown(@TempDir Path dir) throws IOException {
    AdoptFixture f = fixture(dir);
    Map<String, String> before = f.snapshot();
    int asked = server.paths().size();
    for (String refused : List.of("0", "21", "-1")) {
      CliHarness.Run run = f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.0.0", "--max-depth", refused);
      assertEquals("comfypkgs: --max-depth " + refused + " is not from 1 to 20.",
          CliHarness.assertOneLineError(run, 2, "--max-depth"));
    }
    assertEquals(asked, server.paths().size(), "nothing was downloaded for a refused depth");
    assertEquals(before, f.snapshot());

    // Alpha's requirements are level 1; bar-rebuild's (torchvision, numpy, baz-core) level 2. Not
    // looked up, baz-core is taken for a nixpkgs name and bundled into bar-rebuild's rebuild; the
    // stand-in nixpkgs has no such package, so the rehearsal fails, and the note says why.
    CliHarness.requireNix();
    CliHarness.Run run = f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.0.0", "--max-depth", "1");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.err().contains("verify --static comfyui-alpha for x86_64-linux failed; nothing was"
        + " written"), run.err());
    assertTrue(run.err().contains("baz-core"), run.err());
    assertTrue(run.out().contains("needs a human:\n"), run.out());
    assertTrue(run.out().contains("  note      baz-core: not looked up (deeper than --max-depth 1): whether"
        + " it brings torch is not known\n"), run.out());
    List<String> paths = server.paths().subList(asked, server.paths().size());
    assertTrue(paths.contains("/pypi/bar-rebuild/json"), paths.toString());
    assertFalse(paths.contains("/pypi/baz-core/json"), paths.toString());
    assertEquals(before, f.snapshot());
  }

  @Test
  void theNodesOwnLicenseFileDecidesItsLicenseAndWhatTheTextCannotSayIsListed(@TempDir Path dir)
      throws IOException {
    AdoptFixture f = fixture(dir);
    Map<String, String> before = f.snapshot();
    // Beta has a LICENSE with the GPL-3.0 text and no pyproject.toml.
    CliHarness.Run run = f.adopt("standin/ComfyUI-Beta", "--tag", "v2.0", "--dry-run");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("    license = License.GPL3_ONLY\n)"), run.out());
    assertTrue(run.out().contains("  license   comfyui-beta: written as GPL3_ONLY from LICENSE; the license"
        + " text cannot say whether later versions are allowed (the sources' headers do)\n"), run.out());
    assertFalse(run.out().contains("written as MIT"), run.out());
    assertEquals(before, f.snapshot());
  }

  @Test
  void aDryRunPrintsThePlanAndTheRecipeAndWritesNothing(@TempDir Path dir) throws IOException {
    AdoptFixture f = fixture(dir);
    Map<String, String> before = f.snapshot();
    CliHarness.Run run = f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.0.0", "--dry-run");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("would write " + ALPHA), run.out());
    assertTrue(run.out().contains("public final class Alpha {"), run.out());
    assertTrue(run.out().endsWith("dry run: nothing was written.\n"), run.out());
    assertEquals(before, f.snapshot());
  }

  @Test
  void aFailureAtEachStepLeavesTheTreeByteIdentical(@TempDir Path dir) throws IOException {
    AdoptFixture f = fixture(dir);
    Map<String, String> before = f.snapshot();

    // The arguments: refused before anything is downloaded.
    int requests = server.paths().size();
    CliHarness.assertOneLineError(f.adopt("standin/Comfy UI", "--tag", "v1.0.0"), 2,
        "adopt takes OWNER/REPO as GitHub spells them");
    CliHarness.assertOneLineError(f.adopt("standin/ComfyUI-Alpha", "--rev",
        "0123456789abcdef0123456789abcdef01234567"), 2, "with --rev, give --version");
    assertEquals(requests, server.paths().size());

    // The download: no such tag.
    CliHarness.assertOneLineError(f.adopt("standin/ComfyUI-Alpha", "--tag", "v9.9.9"), 1, "HTTP 404");
    assertEquals(before, f.snapshot());

    // The requirements: an include that leaves the archive is refused, not looked for.
    CliHarness.Run escape = f.adopt("standin/ComfyUI-Escape", "--tag", "v1.0");
    assertEquals(2, escape.exitCode(), escape.all());
    assertTrue(escape.err().contains("requirements.txt:2"), escape.err());
    assertEquals(before, f.snapshot());

    // The rehearsal's compilation: a hand-written file where the node's would be generated.
    Path handWritten = f.work().resolve("generated-nix/.flox/pkgs/comfyui-alpha.nix");
    Files.writeString(handWritten, "{ }: \"mine\"\n");
    Map<String, String> withHandWritten = f.snapshot();
    CliHarness.Run compile = f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.0.0");
    assertEquals(1, compile.exitCode(), compile.all());
    assertTrue(compile.err().contains("the new recipes do not compile; nothing was written"), compile.err());
    assertTrue(compile.err().contains("CPK003"), compile.err());
    assertEquals(withHandWritten, f.snapshot());
    Files.delete(handWritten);
    assertEquals(before, f.snapshot());

    // Regenerating the real tree: another generation holds the processor's lock. The rehearsal
    // passed, the recipe was written, and it is removed again.
    // The snapshot is taken before the lock: closing any other descriptor of the lock file in
    // this JVM would release it (POSIX record locks are per process).
    Path lockFile = f.work().resolve("generated-nix/.comfypkgs.lock");
    boolean lockExisted = Files.exists(lockFile);
    if (!lockExisted) {
      Files.createFile(lockFile);
    }
    Map<String, String> locked = f.snapshot();
    CliHarness.Run busy;
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      busy = f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.0.0");
    }
    assertEquals(1, busy.exitCode(), busy.all());
    assertTrue(busy.err().contains("the new recipes were removed again"), busy.err());
    assertTrue(busy.err().contains("another"), busy.err());
    assertEquals(locked, f.snapshot());
    if (!lockExisted) {
      Files.delete(lockFile);
    }
    assertEquals(before, f.snapshot());
  }

  @Test
  void verifyStaticFailingOnTheCopyWritesNothing(@TempDir Path dir) throws IOException {
    CliHarness.requireNix();
    AdoptFixture f = fixture(dir);
    Map<String, String> before = f.snapshot();
    // sneaky-helpers is on no torch list, so it is bundled; its closure in nixpkgs holds torch.
    CliHarness.Run run = f.adopt("standin/ComfyUI-Sneaky", "--tag", "v1.0");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.err().contains("verify --static comfyui-sneaky for x86_64-linux failed; nothing was written"),
        run.err());
    assertTrue(run.err().contains("sneaky-helpers"), run.err());
    assertEquals(before, f.snapshot());
  }

  @Test
  void aPyPIFailureOrALongRateLimitWritesNothing(@TempDir Path dir) throws IOException {
    byte[] alpha = AdoptFixture.archive(Files.createDirectories(dir.resolve("upstream")), "ComfyUI-Alpha",
        "ComfyUI-Alpha-1.0.0");
    for (LocalServer.Response answer : List.of(
        LocalServer.Response.of(500, "down"),
        LocalServer.Response.of(429, "slow down").header("Retry-After", "3600"))) {
      try (LocalServer pypi = new LocalServer()
          .file("/standin/ComfyUI-Alpha/archive/v1.0.0.tar.gz", alpha)
          .respond("/pypi/bar-rebuild/json", answer)
          .status("/pypi/", 404)) {
        AdoptFixture f = AdoptFixture.create(dir.resolve("repo-" + answer.status()), shared, pypi.base());
        Map<String, String> before = f.snapshot();
        CliHarness.Run run = f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.0.0");
        CliHarness.assertOneLineError(run, 1, answer.status() == 500 ? "HTTP 500" : "rate-limited by");
        assertTrue(run.err().contains("nothing was written"), run.err());
        assertEquals(before, f.snapshot());
      }
    }
  }

  @Test
  void anIndexDecidesWhatIsBundledAndWhatCarriesTorch(@TempDir Path dir) throws IOException {
    CliHarness.requireNix();
    AdoptFixture f = fixture(dir);
    Path bad = Files.writeString(dir.resolve("bad-index.json"), "{\"not\": \"an index\"}");
    int requests = server.paths().size();
    CliHarness.assertOneLineError(f.adopt("standin/ComfyUI-Sneaky", "--tag", "v1.0", "--index", bad.toString()),
        2, "is not a nixpkgs index");
    assertEquals(requests, server.paths().size());

    // The index knows sneaky-helpers carries torch: it is not bundled (which verify --static
    // refuses, above) but needs a rebuild, and PyPI does not have it.
    Path index = Files.writeString(dir.resolve("index.json"), """
        [{"name": "numpy", "carriesTorch": false}, {"name": "sneaky-helpers", "carriesTorch": true}]
        """);
    CliHarness.Run run = f.adopt("standin/ComfyUI-Sneaky", "--tag", "v1.0", "--index", index.toString());
    assertEquals(0, run.exitCode(), run.all());
    String recipe = Files.readString(f.work().resolve(AdoptFixture.RECIPES + "/Sneaky.java"));
    assertTrue(recipe.contains("@Bundle(\"numpy\")"), recipe);
    assertFalse(recipe.contains("sneaky-helpers"), recipe);
    assertTrue(run.out().contains("sneaky-helpers: carries torch"), run.out());
    assertTrue(run.out().contains("is not on PyPI: no findable source"), run.out());
    assertTrue(run.out().contains("verify --static: ok"), run.out());
  }

  @Test
  void gitHubRateLimitingARebuildsTagTryWritesNothing(@TempDir Path dir) throws IOException {
    Path upstream = Files.createDirectories(dir.resolve("upstream"));
    String reset = Long.toString(java.time.Instant.now().plusSeconds(3600).getEpochSecond());
    try (LocalServer github = new LocalServer()
        .file("/standin/ComfyUI-Alpha/archive/v1.0.0.tar.gz",
            AdoptFixture.archive(upstream, "ComfyUI-Alpha", "ComfyUI-Alpha-1.0.0"))
        .respond("/standin/bar-rebuild/archive/", LocalServer.Response.of(403, "API rate limit exceeded")
            .header("x-ratelimit-remaining", "0").header("x-ratelimit-reset", reset))
        .file("/pypi/bar-rebuild/json", Files.readAllBytes(AdoptFixture.FIXTURES.resolve("pypi/bar-rebuild.json")))
        .file("/pypi/baz-core/json", Files.readAllBytes(AdoptFixture.FIXTURES.resolve("pypi/baz-core.json")))
        .status("/pypi/", 404)) {
      AdoptFixture f = AdoptFixture.create(dir.resolve("repo"), shared, github.base());
      Map<String, String> before = f.snapshot();
      CliHarness.Run run = f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.0.0");
      // A rate limit is not "no such tag": it must not turn the rebuild into a @PyPI one.
      CliHarness.assertOneLineError(run, 1, "rate-limited by");
      assertTrue(run.err().contains("bar-rebuild/archive/v0.4.1.tar.gz"), run.err());
      assertEquals(before, f.snapshot());
    }
  }

  @Test
  void intoAddsTheNodeToAHandWrittenBundleKeepingEveryLine(@TempDir Path dir) throws IOException {
    CliHarness.requireNix();
    AdoptFixture f = fixture(dir);
    Path gallery = f.work().resolve(AdoptFixture.RECIPES + "/Gallery.java");
    List<String> before = Files.readAllLines(gallery);
    Map<String, String> snapshot = f.snapshot();

    CliHarness.assertOneLineError(f.adopt("standin/ComfyUI-Beta", "--tag", "v2.0", "--into", "comfyui-galery"), 2,
        "unknown node bundle 'comfyui-galery'; did you mean 'comfyui-gallery'?");
    CliHarness.assertOneLineError(f.adopt("standin/ComfyUI-Beta", "--tag", "v2.0", "--into", "timm"), 2,
        "--into timm is a python package, not a node bundle: one of comfyui-gallery.");
    // Alpha needs rebuilds built for Linux only; the bundle is built for every system. The
    // rehearsal refuses it (today verify --static on the copy does), and nothing is written.
    CliHarness.Run linuxOnly = f.adopt("standin/ComfyUI-Alpha", "--tag", "v1.0.0", "--into", "comfyui-gallery");
    assertEquals(1, linuxOnly.exitCode(), linuxOnly.all());
    assertTrue(linuxOnly.err().contains("nothing was written"), linuxOnly.err());
    assertEquals(snapshot, f.snapshot());

    CliHarness.Run run = f.adopt("standin/ComfyUI-Beta", "--tag", "v2.0", "--into", "comfyui-gallery");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("wrote   " + AdoptFixture.RECIPES + "/Gallery.java   @Node ComfyUI-Beta added"
        + " to comfyui-gallery"), run.out());
    assertTrue(run.out().contains("verify --static: ok"), run.out());
    String text = Files.readString(gallery);
    List<String> after = Files.readAllLines(gallery);
    // Every line it had, in order, and only these added.
    List<String> added = new java.util.ArrayList<>();
    int kept = 0;
    for (String line : after) {
      if (kept < before.size() && line.equals(before.get(kept))) {
        kept++;
      } else {
        added.add(line);
      }
    }
    assertEquals(before.size(), kept, text);
    assertEquals(List.of(
        "import dev.comfypkgs.annotations.Bundle;",
        "import dev.comfypkgs.annotations.Platform;",
        "@Node(",
        "    directory = \"ComfyUI-Beta\",",
        "    owner = \"standin\",",
        "    repo = \"ComfyUI-Beta\",",
        "    tag = \"v2.0\",",
        "    hash = \"" + NarHash.of(shared.resolve("upstream/ComfyUI-Beta-2.0")) + "\")",
        "@Bundle(value = {\"numpy\", \"pillow\"}, systems = Platform.LINUX)"), added, text);
    String json = Files.readString(f.work().resolve("generated-nix/recipes.json"));
    assertTrue(json.contains("\"ComfyUI-Beta\""), json);

    CliHarness.Run again = f.adopt("standin/ComfyUI-Beta", "--tag", "v2.0", "--into", "comfyui-gallery");
    assertEquals(0, again.exitCode(), again.all());
    assertTrue(again.out().contains("already adopted as comfyui-gallery (standin/ComfyUI-Beta v2.0)"), again.out());
  }
}
