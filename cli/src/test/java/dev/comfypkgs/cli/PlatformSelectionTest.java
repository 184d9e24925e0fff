package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.comfypkgs.cli.CliHarness.NixVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build, verify and smoke on simulated hosts: a stand-in {@code nix} says which system this is
 * (as {@code nix config show}, or as Nix 2.8's {@code show-config}), and only the packages whose
 * platforms include it are selected, as Flox would refuse the others. The fixtures span every
 * shape of platform set: everywhere, Linux, x86_64-linux alone, everything but aarch64-linux (as
 * the real comfyui-pixeloe), macOS, and a Linux meta-package.
 */
class PlatformSelectionTest {
  @TempDir static Path root;
  static Path generated;
  static int hosts;

  private static final String SKIPPED_PIXELOE =
      "skipped comfyui-pixeloe: x86_64-linux, x86_64-darwin, aarch64-darwin only";

  @BeforeAll
  static void generate() throws IOException {
    generated = CliHarness.generate(root, "platforms");
  }

  /** A fresh bin directory: a nix on {@code system}, a recording flox and a recording nix-build. */
  private static Path host(NixVersion version, String system) throws IOException {
    Path bin = root.resolve("host-" + hosts++);
    CliHarness.standinNix(bin, version, "system = " + system, "store = auto", "trusted-users = root");
    CliHarness.recordingFlox(bin, 0);
    CliHarness.recordingNixBuild(bin);
    CliHarness.executable(bin, "nix-store", "#!/bin/sh\nexit 0\n");
    return bin;
  }

  private static CliHarness.Run comfypkgs(Path bin, String... args) throws IOException {
    return comfypkgsIn(generated, bin, args);
  }

  private static CliHarness.Run comfypkgsIn(Path dir, Path bin, String... args) throws IOException {
    return CliHarness.run(root, Map.of("COMFYPKGS_DIR", dir.toString(), "PATH", bin.toString()), args);
  }

  /** What the recording flox was asked to build, in order; empty if it never ran. */
  private static List<String> floxBuilds(Path bin) throws IOException {
    Path log = bin.resolve("calls.log");
    if (!Files.exists(log)) {
      return List.of();
    }
    List<String> attrs = new ArrayList<>();
    for (String call : Files.readAllLines(log)) {
      attrs.add(call.replaceFirst(".* args=build (\\S+) .*", "$1"));
    }
    return attrs;
  }

  @Test
  void dryRunOnAarch64LinuxPlansOnlyWhatItsPlatformsAllow() throws IOException {
    Path bin = host(NixVersion.CURRENT, "aarch64-linux");
    CliHarness.Run run = comfypkgs(bin, "build", "--all", "--dry-run", "--backend", "flox");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(List.of(
        "backend: flox",
        "system: aarch64-linux (this machine's)",
        "nixpkgs: the catalog's current one (no .flox/env/manifest.lock: run `flox lock` and commit it)",
        "selected: everywhere linux-extras linux-only",
        SKIPPED_PIXELOE,
        "skipped darwin-only: x86_64-darwin, aarch64-darwin only",
        "skipped intel-linux: x86_64-linux only"), run.out().lines().toList());
    assertEquals(List.of(), floxBuilds(bin), "a dry run builds nothing");
    assertTrue(Files.readString(bin.resolve("nix.log"))
        .contains("--extra-experimental-features nix-command config show"));
  }

  @Test
  void floxBuildAllOnAarch64LinuxBuildsExactlyTheSupportedPackages() throws IOException {
    Path bin = host(NixVersion.CURRENT, "aarch64-linux");
    CliHarness.Run run = comfypkgs(bin, "build", "--all", "--backend", "flox");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(List.of("everywhere", "linux-extras", "linux-only"), floxBuilds(bin));
    assertTrue(run.out().contains("Built 3 of 3 with flox:"), run.out());
    assertTrue(run.out().contains(SKIPPED_PIXELOE + "\n"), run.out());
    assertTrue(run.out().contains("skipped intel-linux: x86_64-linux only\n"), run.out());
  }

  @Test
  void onDarwinTheDarwinPackagesAreBuiltWhicheverNixAnswers() throws IOException {
    for (String system : List.of("aarch64-darwin", "x86_64-darwin")) {
      for (NixVersion version : NixVersion.values()) {
        Path bin = host(version, system);
        CliHarness.Run run = comfypkgs(bin, "build", "--all", "--backend", "flox");
        assertEquals(0, run.exitCode(), system + " " + version + ": " + run.all());
        assertEquals(List.of("comfyui-pixeloe", "darwin-only", "everywhere"), floxBuilds(bin),
            system + " " + version);
        assertTrue(run.err().contains("system: " + system + " (this machine's)"), run.err());
        for (String skipped : List.of("skipped intel-linux: x86_64-linux only",
            "skipped linux-extras: x86_64-linux, aarch64-linux only",
            "skipped linux-only: x86_64-linux, aarch64-linux only")) {
          assertTrue(run.out().contains(skipped), skipped + " in " + run.out());
        }
      }
    }
  }

  @Test
  void withoutNixConfigTheSystemComesFromBuiltinsCurrentSystem() throws IOException {
    Path bin = root.resolve("instantiate-only");
    CliHarness.executable(bin, "nix-instantiate", String.join("\n",
        "#!/bin/sh",
        "[ \"$*\" = '--eval --expr builtins.currentSystem' ] && echo '\"x86_64-darwin\"' && exit 0",
        "exit 1",
        ""));
    CliHarness.recordingFlox(bin, 0);
    CliHarness.Run run = comfypkgs(bin, "build", "--all", "--dry-run", "--backend", "flox");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("system: x86_64-darwin (this machine's)"), run.out());
    assertTrue(run.out().contains("selected: comfyui-pixeloe darwin-only everywhere\n"), run.out());
  }

  @Test
  void withoutNixAndWithoutSystemItSaysToInstallNix() throws IOException {
    Path bin = root.resolve("flox-only");
    CliHarness.recordingFlox(bin, 0);
    CliHarness.Run run = comfypkgs(bin, "build", "--all", "--backend", "flox");
    CliHarness.assertOneLineError(run, 3, "nix is not on the PATH. Install Nix");
    assertEquals(List.of(), floxBuilds(bin));
    // Flox builds for the host only, so even with --system it must know the host's.
    CliHarness.assertOneLineError(comfypkgs(bin, "build", "--all", "--dry-run", "--backend", "flox",
        "--system", "x86_64-linux"), 3, "nix is not on the PATH. Install Nix");
  }

  @Test
  void systemOverridesTheHostForNixWhichIsToldIt() throws IOException {
    Path bin = host(NixVersion.CURRENT, "aarch64-linux");
    CliHarness.Run plan = comfypkgs(bin, "build", "--all", "--dry-run", "--backend", "nix",
        "--system", "x86_64-linux");
    assertEquals(0, plan.exitCode(), plan.all());
    assertTrue(plan.out().contains("system: x86_64-linux (--system)\n"), plan.out());
    assertTrue(plan.out().contains(
        "selected: comfyui-pixeloe everywhere intel-linux linux-extras linux-only\n"), plan.out());
    assertTrue(plan.out().contains("skipped darwin-only: x86_64-darwin, aarch64-darwin only"), plan.out());

    CliHarness.Run build = comfypkgs(bin, "build", "intel-linux", "--backend", "nix",
        "--system", "x86_64-linux");
    assertEquals(0, build.exitCode(), build.all());
    assertTrue(Files.readString(bin.resolve("nix-build.log"))
        .contains(" -A intel-linux -o " + generated.resolve("result-intel-linux")
            + " --argstr system x86_64-linux"), Files.readString(bin.resolve("nix-build.log")));
  }

  @Test
  void floxCannotBuildForAnotherSystem() throws IOException {
    Path bin = host(NixVersion.CURRENT, "aarch64-linux");
    CliHarness.Run run = comfypkgs(bin, "build", "everywhere", "--backend", "flox",
        "--system", "x86_64-linux");
    CliHarness.assertOneLineError(run, 2, "Flox builds for this machine's system (aarch64-linux)"
        + " only: use --backend nix to build for x86_64-linux.");
    assertEquals(List.of(), floxBuilds(bin));
    // The host's own system is no other system.
    CliHarness.Run same = comfypkgs(bin, "build", "everywhere", "--backend", "flox",
        "--system", "aarch64-linux");
    assertEquals(0, same.exitCode(), same.all());
    assertEquals(List.of("everywhere"), floxBuilds(bin));
  }

  @Test
  void aNamedPackageTheHostCannotBuildFailsBeforeAnythingRuns() throws IOException {
    Path bin = host(NixVersion.CURRENT, "aarch64-linux");
    CliHarness.Run run = comfypkgs(bin, "build", "everywhere", "comfyui-pixeloe", "--backend", "flox");
    CliHarness.assertOneLineError(run, 2, "comfyui-pixeloe is not for aarch64-linux: its platforms"
        + " are x86_64-linux, x86_64-darwin, aarch64-darwin only");
    assertEquals(List.of(), floxBuilds(bin), "flox never ran, not even for everywhere");
    for (String command : List.of("verify", "smoke")) {
      CliHarness.assertOneLineError(comfypkgs(bin, command, "intel-linux"), 2,
          "intel-linux is not for aarch64-linux: its platforms are x86_64-linux only");
    }
  }

  @Test
  void aMalformedSystemIsOneLine() throws IOException {
    Path bin = host(NixVersion.CURRENT, "aarch64-linux");
    CliHarness.assertOneLineError(comfypkgs(bin, "build", "--all", "--system", "x86_64 linux"), 2,
        "--system 'x86_64 linux' is not a Nix system (<arch>-<os>, e.g. aarch64-linux or x86_64-darwin).");
    String line = CliHarness.assertOneLineError(
        comfypkgs(bin, "smoke", "--system", "x86_64-linux\u001b[2J"), 2, "'x86_64-linux\\x1b[2J'");
    assertTrue(line.chars().noneMatch(Character::isISOControl), line);
    assertEquals(List.of(), floxBuilds(bin));
  }

  @Test
  void verifyAllSkipsLikewiseInTextAndJson() throws IOException {
    // Its own copy: the builds of the other tests leave result links in theirs.
    Path unbuilt = CliHarness.generate(root.resolve("unbuilt"), "platforms");
    Path bin = host(NixVersion.NIX_2_8, "aarch64-linux");
    CliHarness.Run text = comfypkgsIn(unbuilt, bin, "verify", "--all");
    assertEquals(1, text.exitCode(), "nothing is built: " + text.all());
    assertTrue(text.out().startsWith(SKIPPED_PIXELOE + "\n"
        + "skipped darwin-only: x86_64-darwin, aarch64-darwin only\n"
        + "skipped intel-linux: x86_64-linux only\n"), text.out());
    assertTrue(text.out().contains("Verified 3: 3 failed."), text.out());

    CliHarness.Run json = comfypkgsIn(unbuilt, bin, "verify", "--all", "--json");
    JsonNode verdict = new ObjectMapper().readTree(json.out());
    assertEquals("aarch64-linux", verdict.get("system").asText());
    List<String> skipped = new ArrayList<>();
    verdict.get("skipped").forEach(s -> skipped.add(s.get("attr").asText()));
    assertEquals(List.of("comfyui-pixeloe", "darwin-only", "intel-linux"), skipped);
    assertEquals("x86_64-linux, x86_64-darwin, aarch64-darwin only",
        verdict.get("skipped").get(0).get("reason").asText());
    assertEquals(3, verdict.get("skipped").get(0).get("platforms").size());
    List<String> targets = new ArrayList<>();
    verdict.get("reports").forEach(r -> targets.add(r.get("target").asText()));
    assertEquals(List.of("everywhere", "linux-extras", "linux-only"), targets);
  }

  @Test
  void smokeChecksOnlyTheHostsPackages() throws IOException {
    Path bin = host(NixVersion.CURRENT, "aarch64-darwin");
    CliHarness.Run run = comfypkgs(bin, "smoke");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("for name in ['pixeloe', 'darwin_only', 'everywhere']:"), run.out());
    assertTrue(run.err().contains("skipped linux-only: x86_64-linux, aarch64-linux only\n"), run.err());
    CliHarness.Run forLinux = comfypkgs(bin, "smoke", "--system", "aarch64-linux");
    assertTrue(forLinux.out().contains("for name in ['everywhere', 'linux_only']:"), forLinux.out());
    assertTrue(forLinux.err().contains(SKIPPED_PIXELOE), forLinux.err());
  }

  @Test
  void nixpkgsIsPassedAsAStringArgumentAndWinsOverTheLock() throws IOException {
    Path locked = CliHarness.generate(root.resolve("locked"), "platforms");
    Files.createDirectories(locked.resolve(".flox/env"));
    Files.writeString(locked.resolve(".flox/env/manifest.lock"), "{\"lockfile-version\": 1}\n");
    Path bin = host(NixVersion.CURRENT, "x86_64-linux");
    Map<String, String> env = new HashMap<>(Map.of("COMFYPKGS_DIR", locked.toString(), "PATH", bin.toString()));

    CliHarness.Run byLock = CliHarness.run(root, env, "build", "everywhere", "--backend", "nix");
    assertEquals(0, byLock.exitCode(), byLock.all());
    assertTrue(byLock.err().contains("nixpkgs: the revision .flox/env/manifest.lock pins\n"), byLock.err());
    List<String> calls = Files.readAllLines(bin.resolve("nix-build.log"));
    assertEquals(locked + " -A everywhere -o " + locked.resolve("result-everywhere"), calls.get(0),
        "default.nix reads the lock itself");

    Path nixpkgs = root.resolve("some-nixpkgs");
    CliHarness.Run given = CliHarness.run(root.resolve("locked"), env, "build", "everywhere",
        "--backend", "nix", "--nixpkgs", "../some-nixpkgs");
    assertEquals(0, given.exitCode(), given.all());
    assertTrue(given.err().contains("nixpkgs: " + nixpkgs + " (--nixpkgs)\n"), given.err());
    calls = Files.readAllLines(bin.resolve("nix-build.log"));
    assertEquals(locked + " -A everywhere -o " + locked.resolve("result-everywhere")
        + " --argstr nixpkgs " + nixpkgs, calls.get(1));

    CliHarness.assertOneLineError(CliHarness.run(root, env, "build", "everywhere", "--backend",
        "flox", "--nixpkgs", nixpkgs.toString()), 2, "--nixpkgs is for --backend nix");
  }
}
