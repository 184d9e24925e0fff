package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * handoff on real builds: the verify fixtures' clean and dirty meta-packages, built with Nix
 * against the stand-in nixpkgs, handed to runtime manifests in temporary directories.
 */
class HandoffTest {
  private static final String MANIFEST = """
      # The runtime environment: ComfyUI with CUDA torch.
      version = 1

      [install]
      python3.pkg-path = "python313"   # the runtime's Python
      torch = { pkg-path = "python313Packages.torch-bin", priority = 1 }

      [hook]
      on-activate = '''
        echo "[install] is not a table here"
      '''
      """;

  @TempDir static Path root;
  static Path generated;
  static Map<String, String> env;
  static String cleanPath;
  static String system;

  @TempDir Path runtime;

  @BeforeAll
  static void build() throws IOException {
    CliHarness.requireNix();
    generated = CliHarness.generate(root, "verify");
    env = new HashMap<>(CliHarness.nixEnvironment());
    env.put("COMFYPKGS_DIR", generated.toString());
    CliHarness.Run run = CliHarness.run(root, env, "build", "clean-extras", "dirty-extras",
        "--backend", "nix", "--nixpkgs", CliHarness.standinNixpkgs().toString());
    assertEquals(0, run.exitCode(), run.all());
    cleanPath = generated.resolve("result-clean-extras").toRealPath().toString();
    system = Tools.run(List.of("nix-instantiate", "--eval", "--expr", "builtins.currentSystem"),
        null, Map.of()).stdout().strip().replace("\"", "");
  }

  private static CliHarness.Run comfypkgs(String... args) throws IOException {
    return CliHarness.run(root, env, args);
  }

  private Path manifest(String text) throws IOException {
    return Files.writeString(runtime.resolve("manifest.toml"), text);
  }

  private String entry(String id, String storePath) {
    return id + ".store-path = \"" + storePath + "\"\n" + id + ".systems = [\"" + system + "\"]\n";
  }

  @Test
  void writesEntryAfterVerifyAndPrintsAdvice() throws IOException {
    Path file = manifest(MANIFEST);
    CliHarness.Run run = comfypkgs("handoff", "--manifest", file.toString(), "--attr", "clean-extras");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(MANIFEST.replace("priority = 1 }\n", "priority = 1 }\n" + entry("clean-extras", cleanPath)),
        Files.readString(file));
    String out = run.out();
    assertTrue(out.indexOf("Verified 1: all clean.") < out.indexOf("Added [install] clean-extras in "
        + file + ": " + cleanPath + " (" + system + ")."), out);
    assertTrue(out.contains("Keep " + generated.resolve("result-clean-extras") + " (or the built"
        + " runtime environment) as a GC root"), out);
    assertTrue(out.contains("nix-store --gc --print-roots | grep result-clean-extras"), out);
    assertTrue(out.contains("`nix --extra-experimental-features nix-command copy --to <store-uri> "
        + cleanPath + "`"), out);
    assertTrue(out.contains("publish it: comfypkgs publish"), out);
    assertEquals("", run.err());

    // An environment directory names its .flox/env/manifest.toml; a new build replaces the path.
    Path envManifest = Files.createDirectories(runtime.resolve("env/.flox/env")).resolve("manifest.toml");
    String stale = "[install]\nclean-extras.store-path = \"/nix/store/00000000000000000000000000000000-old\"\n"
        + "clean-extras.systems = [\"" + system + "\"]  # handed off\n";
    Files.writeString(envManifest, stale);
    run = comfypkgs("handoff", "--manifest", runtime.resolve("env").toString(), "--attr", "clean-extras");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("Replaced [install] clean-extras in " + envManifest), run.out());
    assertEquals(stale.replace("/nix/store/00000000000000000000000000000000-old", cleanPath),
        Files.readString(envManifest));
  }

  @Test
  void refusesWhenVerifyFails() throws IOException {
    Path file = manifest(MANIFEST);
    CliHarness.Run run = comfypkgs("handoff", "--manifest", file.toString(), "--attr", "dirty-extras");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.out().contains("FAIL 'torch' in the closure"), run.out());
    assertTrue(run.err().contains("comfypkgs: verify failed for /nix/store/"), run.err());
    assertTrue(run.err().contains("so it was not handed off; " + file + " was not changed."), run.err());
    assertUntouched(file, MANIFEST);
  }

  @Test
  void refusesNonStorePath() throws IOException {
    Path file = manifest(MANIFEST);
    CliHarness.assertOneLineError(comfypkgs("handoff", "--manifest", file.toString(), "--attr",
        "clean-extras", "--result", runtime.toString()), 2, runtime + " is not a store path");
    Path inside;
    try (Stream<Path> s = Files.list(Path.of(cleanPath))) {
      inside = s.sorted().findFirst().orElseThrow();
    }
    CliHarness.assertOneLineError(comfypkgs("handoff", "--manifest", file.toString(), "--attr",
        "clean-extras", "--result", inside.toString()), 2, "is inside the store path " + cleanPath);
    CliHarness.assertOneLineError(comfypkgs("handoff", "--manifest", file.toString(), "--attr",
        "clean-extra"), 2, "clean-extras");
    assertUntouched(file, MANIFEST);
  }

  @Test
  void refusesBrokenManifest() throws IOException {
    String broken = MANIFEST + "[install]\nrich.pkg-path = \"python313Packages.rich\"\n";
    Path file = manifest(broken);
    CliHarness.assertOneLineError(comfypkgs("handoff", "--manifest", file.toString(), "--attr",
        "clean-extras"), 2, file + " is not valid TOML: Table redefined (line ");
    assertUntouched(file, broken);

    Files.write(file, new byte[] {'a', ' ', '=', ' ', '"', (byte) 0xff, '"', '\n'});
    CliHarness.assertOneLineError(comfypkgs("handoff", "--manifest", file.toString(), "--attr",
        "clean-extras"), 2, file + " is not UTF-8");
    CliHarness.assertOneLineError(comfypkgs("handoff", "--manifest", runtime.resolve("nothing.toml").toString(),
        "--attr", "clean-extras"), 2, "nothing.toml does not exist");
  }

  @Test
  void refusesSystemMismatch() throws IOException {
    Path file = manifest(MANIFEST);
    String other = system.equals("aarch64-linux") ? "x86_64-linux" : "aarch64-linux";
    CliHarness.assertOneLineError(comfypkgs("handoff", "--manifest", file.toString(), "--attr",
        "clean-extras", "--system", other), 2, cleanPath + " was built for " + system + ", not " + other);
    assertUntouched(file, MANIFEST);
    // Agreeing with the derivation is fine.
    assertEquals(0, comfypkgs("handoff", "--manifest", file.toString(), "--attr", "clean-extras",
        "--system", system, "--dry-run").exitCode());
  }

  /** A path the store has no derivation for (added, not built): only --system can say its system. */
  @Test
  void aPathWithoutDerivationNeedsSystem() throws IOException {
    Path file = manifest(MANIFEST);
    Path content = Files.writeString(Files.createDirectories(root.resolve("added")).resolve("note"), "hi");
    String added = Tools.run(List.of("nix-store", "--add", content.getParent().toString()), null, Map.of())
        .stdout().strip();
    assertTrue(added.startsWith("/nix/store/"), added);
    CliHarness.assertOneLineError(comfypkgs("handoff", "--manifest", file.toString(), "--attr",
        "clean-extras", "--result", added), 2, "the derivation of " + added + " is not in this store,"
        + " so the system it was built for is unknown: give --system.");
    assertUntouched(file, MANIFEST);
    CliHarness.Run run = comfypkgs("handoff", "--manifest", file.toString(), "--attr", "clean-extras",
        "--result", added, "--system", system);
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(MANIFEST.replace("priority = 1 }\n", "priority = 1 }\n" + entry("clean-extras", added)),
        Files.readString(file));
  }

  @Test
  void warnsInRunMode() throws IOException {
    String runMode = MANIFEST + "\n[options]\nactivate.mode = \"run\"\n";
    Path file = manifest(runMode);
    CliHarness.Run run = comfypkgs("handoff", "--manifest", file.toString(), "--attr", "clean-extras");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals("comfypkgs: warning: " + file + " sets options.activate.mode = \"run\": clean-extras"
        + " gives its members to the environment through propagated inputs, which Flox links in dev"
        + " mode only (run mode also sets no PYTHONPATH); set it to \"dev\" (the default) or activate"
        + " with `flox activate --mode dev`.\n", run.err());
    assertTrue(Files.readString(file).contains(entry("clean-extras", cleanPath)));
  }

  @Test
  void dryRunPrintsTheLinesAndWritesNothing() throws IOException {
    Path file = manifest(MANIFEST);
    CliHarness.Run run = comfypkgs("handoff", "--manifest", file.toString(), "--attr", "clean-extras", "--dry-run");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("Dry run: would add [install] clean-extras to " + file + ":\n  "
        + entry("clean-extras", cleanPath).replace("\nclean", "\n  clean") + "Nothing written.\n"), run.out());
    assertUntouched(file, MANIFEST);
  }

  @Test
  void secondRunIsNoOp() throws IOException {
    Path file = manifest(MANIFEST);
    assertEquals(0, comfypkgs("handoff", "--manifest", file.toString(), "--attr", "clean-extras").exitCode());
    byte[] written = Files.readAllBytes(file);
    FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, past);
    CliHarness.Run again = comfypkgs("handoff", "--manifest", file.toString(), "--attr", "clean-extras");
    assertEquals(0, again.exitCode(), again.all());
    assertTrue(again.out().contains(file + " already has [install] clean-extras = " + cleanPath
        + " for " + system + "; nothing written."), again.out());
    assertArrayEquals(written, Files.readAllBytes(file));
    assertEquals(past, Files.getLastModifiedTime(file));
  }

  /** A manifest reached through a link is edited where it is; the link stays a link. */
  @Test
  void aLinkedManifestIsEditedInPlaceAndStaysALink() throws IOException {
    Path real = manifest(MANIFEST);
    Path link = Files.createSymbolicLink(runtime.resolve("linked.toml"), real.getFileName());
    CliHarness.Run run = comfypkgs("handoff", "--manifest", link.toString(), "--attr", "clean-extras");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
    assertEquals(MANIFEST.replace("priority = 1 }\n", "priority = 1 }\n" + entry("clean-extras", cleanPath)),
        Files.readString(real));
  }

  /** The manifest holds {@code text} and nothing was left beside it. */
  private void assertUntouched(Path file, String text) throws IOException {
    assertEquals(text, Files.readString(file));
    try (Stream<Path> s = Files.list(file.getParent())) {
      List<Path> beside = s.filter(p -> !p.equals(file)).toList();
      assertFalse(beside.stream().anyMatch(p -> p.getFileName().toString().startsWith(".")), beside.toString());
    }
  }
}
