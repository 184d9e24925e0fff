package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line itself: help, version, exit codes, usage errors with suggestions, missing
 * tools, list, the Flox backend (through a recording stand-in flox), and smoke. None of it needs
 * Nix.
 */
class CommandLineTest {
  @TempDir static Path root;
  static Path generated;
  static Path emptyBin;

  @BeforeAll
  static void generate() throws IOException {
    generated = CliHarness.generate(root, "verify");
    emptyBin = Files.createDirectories(root.resolve("empty-bin"));
  }

  private static CliHarness.Run comfypkgs(Map<String, String> extra, String... args) throws IOException {
    Map<String, String> env = new HashMap<>(extra);
    env.put("COMFYPKGS_DIR", generated.toString());
    return CliHarness.run(root, env, args);
  }

  private static CliHarness.Run comfypkgs(String... args) throws IOException {
    return comfypkgs(Map.of(), args);
  }

  @Test
  void versionAndHelp() throws IOException {
    CliHarness.Run version = comfypkgs("--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.out().startsWith("comfypkgs "), version.out());
    CliHarness.Run help = comfypkgs("--help");
    assertEquals(0, help.exitCode());
    for (String text : List.of("list", "build", "verify", "smoke", "Exit codes:",
        "3   a required tool")) {
      assertTrue(help.out().contains(text), text + " in " + help.out());
    }
    for (String command : List.of("list", "build", "verify", "smoke")) {
      CliHarness.Run sub = comfypkgs(command, "--help");
      assertEquals(0, sub.exitCode(), command);
      assertTrue(sub.out().contains("Usage: comfypkgs " + command), sub.out());
    }
  }

  @Test
  void unknownPackageIsAUsageErrorWithTheClosestName() throws IOException {
    for (String command : List.of("build", "verify", "smoke")) {
      CliHarness.Run run = comfypkgs(command, "comfyui-snaeky");
      assertEquals(2, run.exitCode(), command + ": " + run.all());
      assertTrue(run.err().contains("unknown package 'comfyui-snaeky'; did you mean 'comfyui-sneaky'?"),
          run.err());
    }
  }

  @Test
  void unknownOptionIsAUsageError() throws IOException {
    CliHarness.Run run = comfypkgs("verify", "--frobnicate");
    CliHarness.assertOneLineError(run, 2, "Unknown option: '--frobnicate' (see comfypkgs verify --help)");
    CliHarness.assertOneLineError(comfypkgs("verify", "--jsn"), 2, "did you mean --json?");
    CliHarness.assertOneLineError(comfypkgs("prefetch", "--timeout", "soon"), 2, "'soon' is not an int");
  }

  @Test
  void namesEchoedBackCannotDriveTheTerminal() throws IOException {
    // ASCII controls only: how non-ASCII arguments reach a JVM depends on the locale.
    String hostile = "timm\u001b]0;owned\u0007\r\u001b[2J";
    CliHarness.Run run = comfypkgs("build", hostile);
    String line = CliHarness.assertOneLineError(run, 2, "unknown package 'timm\\x1b]0;owned\\x07\\r\\x1b[2J'");
    assertTrue(line.chars().noneMatch(Character::isISOControl), line);
    CliHarness.Run option = comfypkgs("verify", "--x\u001b[2J");
    CliHarness.assertOneLineError(option, 2, "Unknown option: '--x\\x1b[2J'");
  }

  @Test
  void aFileSystemErrorIsOneLineNotATrace() throws IOException {
    Path dir = CliHarness.generate(root.resolve("logs-in-the-way"), "verify");
    Files.writeString(dir.resolve(".comfypkgs-logs"), "a file where the log directory goes\n");
    Path bin = Files.createDirectories(root.resolve("nix-build-bin"));
    Path nixBuild = bin.resolve("nix-build");
    Files.writeString(nixBuild, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(nixBuild, PosixFilePermissions.fromString("rwxr-xr-x"));
    CliHarness.Run run = CliHarness.run(root, Map.of("COMFYPKGS_DIR", dir.toString(), "PATH", bin.toString()),
        "build", "timm", "--system", "x86_64-linux");
    CliHarness.assertOneLineError(run, 1, dir.resolve(".comfypkgs-logs") + ": already exists");
  }

  @Test
  void missingNixStoreSaysHowToInstallNix() throws IOException {
    CliHarness.Run run = comfypkgs(Map.of("PATH", emptyBin.toString()), "verify", "timm");
    assertEquals(3, run.exitCode(), run.all());
    assertTrue(run.err().contains("nix-store is not on the PATH. Install Nix"), run.err());
    CliHarness.Run build = comfypkgs(Map.of("PATH", emptyBin.toString()), "build", "timm");
    assertEquals(3, build.exitCode(), build.all());
    assertTrue(build.err().contains("nix-build is not on the PATH. Install Nix"), build.err());
    CliHarness.Run flox = comfypkgs(Map.of("PATH", emptyBin.toString()), "build", "timm", "--backend", "flox");
    assertEquals(3, flox.exitCode(), flox.all());
    assertTrue(flox.err().contains("flox is not on the PATH. Install Flox"), flox.err());
  }

  @Test
  void missingRecipesJsonSaysHowToGenerateIt() throws IOException {
    CliHarness.Run run = CliHarness.run(root, Map.of("COMFYPKGS_DIR", root.resolve("nowhere").toString()), "list");
    assertEquals(2, run.exitCode(), run.all());
    assertTrue(run.err().contains("recipes.json does not exist: generate it with `mvn -B -q package -DskipTests`"),
        run.err());
  }

  @Test
  void listShowsPlatformsTorchAgnosticAndMembership() throws IOException {
    CliHarness.Run table = comfypkgs("list");
    assertEquals(0, table.exitCode(), table.all());
    assertTrue(table.out().lines().anyMatch(l -> l.matches("timm +python package +comfyui-timm +1\\.0\\.22 +x86_64-linux,aarch64-linux,x86_64-darwin,aarch64-darwin +yes +clean-extras on .*")),
        table.out());
    CliHarness.Run json = comfypkgs("list", "--json");
    assertEquals(0, json.exitCode(), json.all());
    JsonNode rows = new ObjectMapper().readTree(json.out());
    JsonNode sneaky = null;
    JsonNode dirty = null;
    for (JsonNode row : rows) {
      if (row.get("attr").asText().equals("comfyui-sneaky")) {
        sneaky = row;
      }
      if (row.get("attr").asText().equals("dirty-extras")) {
        dirty = row;
      }
    }
    assertEquals("package", sneaky.get("kind").asText());
    assertEquals(false, sneaky.get("torchAgnostic").asBoolean());
    assertEquals(4, sneaky.get("inMetaPackages").get("dirty-extras").size());
    assertEquals("meta-package", dirty.get("kind").asText());
    assertTrue(dirty.get("membersBySystem").get("x86_64-linux").toString().contains("comfyui-sneaky"));
  }

  @Test
  void jsonEscapesWhatATerminalCouldActOn() throws IOException {
    Path copy = Files.createDirectories(root.resolve("bidi-platform"));
    Files.copy(generated.resolve("recipes.json"), copy.resolve("recipes.json"));
    CliHarness.editRecipesJson(copy, recipes -> ((ObjectNode) recipes.get("packages").get(0))
        .putArray("platforms").add("x86_64-linux\u202e\u00e9"));
    CliHarness.Run json =
        CliHarness.run(root, Map.of("COMFYPKGS_DIR", copy.toString()), "list", "--json");
    assertEquals(0, json.exitCode(), json.all());
    assertTrue(json.out().contains("\"x86_64-linux\\u202E\\u00E9\""), json.out());
    assertTrue(json.out().chars().allMatch(c -> c < 0x7f), "ASCII only");
  }

  @Test
  void withFloxOnThePathBuildRunsFloxInTheEnvironment() throws IOException {
    Path bin = root.resolve("flox-bin");
    CliHarness.recordingFlox(bin, 0);
    // Builders apply whoever runs the test: the daemon (as this nix says) trusts everyone.
    CliHarness.standinNix(bin, CliHarness.NixVersion.CURRENT,
        "system = x86_64-linux", "store = daemon", "trusted-users = *");
    CliHarness.Run run = comfypkgs(Map.of("PATH", bin.toString()), "build", "timm", "comfyui-good",
        "--builders", "ssh://builder x86_64-linux");
    assertEquals(0, run.exitCode(), run.all());
    List<String> calls = Files.readAllLines(bin.resolve("calls.log"));
    assertEquals(2, calls.size(), calls.toString());
    assertTrue(calls.get(0).startsWith("cwd=" + generated + " args=build timm builders="), calls.get(0));
    assertTrue(calls.get(0).endsWith("builders = ssh://builder x86_64-linux"), calls.get(0));
    assertTrue(calls.get(1).contains("args=build comfyui-good"), calls.get(1));
    assertTrue(Files.isSymbolicLink(generated.resolve("result-timm")));
    assertTrue(run.out().contains("Built 2 of 2 with flox:"), run.out());
    assertTrue(Files.readString(generated.resolve(".comfypkgs-logs/build-timm.log")).contains("building timm with flox"));
  }

  @Test
  void aFailedFloxBuildIsReportedWithItsLog() throws IOException {
    Path bin = root.resolve("failing-flox-bin");
    CliHarness.recordingFlox(bin, 1);
    CliHarness.standinNix(bin, CliHarness.NixVersion.CURRENT, "system = x86_64-linux");
    CliHarness.Run run = comfypkgs(Map.of("PATH", bin.toString()), "build", "comfyui-patched", "--backend", "flox");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.out().contains("Failed:\n  comfyui-patched (log: " + generated.resolve(".comfypkgs-logs/build-comfyui-patched.log")),
        run.out());
    assertTrue(Files.readString(generated.resolve(".comfypkgs-logs/build-comfyui-patched.log")).contains("error: build failed"));
  }

  @Test
  void smokeWithoutPythonPrintsTheScript() throws IOException {
    CliHarness.Run run = comfypkgs("smoke");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("import torch"), run.out());
    assertTrue(run.out().contains("for name in ['good', 'open_clip', 'timm']:"), run.out());
  }

  @Test
  void smokeRefusesAModuleThatIsNotAPythonName() throws IOException {
    Path dir = CliHarness.generate(root.resolve("smoke-hostile"), "verify");
    CliHarness.editRecipesJson(dir, r -> r.get("packages").forEach(p -> {
      if (p.get("attr").asText().equals("timm")) {
        ((ArrayNode) p.get("smokeImports")).removeAll().add("timm\nimport os; os.system('id')");
      }
    }));
    CliHarness.Run run = CliHarness.run(root, Map.of("COMFYPKGS_DIR", dir.toString()), "smoke");
    CliHarness.assertOneLineError(run, 2,
        "timm's @SmokeImport 'timm\\nimport os; os.system('id')' is not a Python module name");
    assertTrue(run.out().isEmpty(), "no script: " + run.out());
  }

  @Test
  void everyModuleNameIsAPythonStringLiteralHoldingExactlyIt() {
    Path python = Tools.find("python3").orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(python != null, "no python3 on this machine");
    String nasty = "a'b\\c\"d\ne\rf\u0085g\u2028h\u0000i\u007fj\u00e9k\ud800l\ud83d\ude00m\u202e";
    String literal = SmokeCommand.pythonString(nasty);
    assertTrue(literal.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "printable ASCII only: " + literal);
    Tools.Result r = Tools.run(List.of(python.toString(), "-c",
        "print(' '.join(str(ord(c)) for c in " + literal + "))"), null, Map.of());
    assertEquals(0, r.exitCode(), r.stderr());
    String expected = String.join(" ", nasty.codePoints().mapToObj(String::valueOf).toList());
    assertEquals(expected, r.stdout().strip());
  }

  @Test
  void smokeRunsTheImportsWithTheRuntimePython() throws IOException {
    Path python = Tools.find("python3").orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(python != null, "no python3 on this machine");
    Path site = Files.createDirectories(root.resolve("site"));
    Files.writeString(site.resolve("torch.py"), String.join("\n",
        "__version__ = '2.6.0+cu124'",
        "class cuda:",
        "    @staticmethod",
        "    def is_available():",
        "        return False",
        ""));
    Files.writeString(site.resolve("timm.py"), "import torch\n");
    Files.writeString(site.resolve("good.py"), "");
    Map<String, String> env = Map.of("PYTHONPATH", site.toString());
    CliHarness.Run some = comfypkgs(env, "smoke", "timm", "comfyui-good", "--python", python.toString());
    assertEquals(0, some.exitCode(), some.all());
    assertTrue(some.out().contains("ok torch 2.6.0+cu124 device CPU"), some.out());
    assertTrue(some.out().contains("ok timm\n"), some.out());
    assertTrue(some.out().contains("Smoke test passed."), some.out());

    // open_clip is not importable here: that import fails, and so does the command.
    CliHarness.Run all = comfypkgs(env, "smoke", "--python", python.toString());
    assertEquals(1, all.exitCode(), all.all());
    assertTrue(all.out().contains("FAIL open_clip: ModuleNotFoundError"), all.out());
    assertTrue(all.out().contains("Smoke test failed: 1 check(s)."), all.out());
  }
}
