package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * list, smoke and verify on a package set with two {@code @CustomNode} packages beside a Python
 * package: list names each package's kind and a node's directory, smoke checks that every node's
 * directory is in the runtime environment, and verify counts a node apart from the METADATA it
 * does not have while still finding torch among its dependencies.
 */
class CustomNodeCommandsTest {
  @TempDir static Path root;
  static Path generated;

  @BeforeAll
  static void generate() throws IOException {
    generated = CliHarness.generate(root, "nodes");
  }

  private static CliHarness.Run comfypkgs(String... args) throws IOException {
    return CliHarness.run(root, Map.of("COMFYPKGS_DIR", generated.toString()), args);
  }

  /**
   * The committed environment holds every kind: a bundle is counted, not spelled out, in the
   * table (--json lists its directories), and a wrapper's version is the wrapped package's.
   */
  @Test
  void listOnTheCommittedEnvironmentShowsBundlesWrappersAndWorkflows() throws IOException {
    Map<String, String> env =
        Map.of("COMFYPKGS_DIR", CliHarness.repoRoot().resolve("generated-nix").toString());
    CliHarness.Run run = CliHarness.run(root, env, "list");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().lines().anyMatch(l -> l.matches(
        "comfyui-custom-nodes +node bundle \\(15 nodes\\) +comfyui-custom-nodes +0\\.13\\.0 .*")), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches(
        "onnxruntime-noexecstack +wrapper +onnxruntime-noexecstack +\\(wrapped\\) .*")), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches(
        "comfyui-workflows +workflows +comfyui-workflows +1\\.0\\.1 .*")), run.out());

    CliHarness.Run json = CliHarness.run(root, env, "list", "--json");
    for (JsonNode row : new ObjectMapper().readTree(json.out())) {
      if (row.get("attr").asText().equals("comfyui-videogen")) {
        assertEquals("node-bundle", row.get("kind").asText());
        assertEquals("[\"ComfyUI-AnimateDiff-Evolved\",\"ComfyUI-LTXVideo\","
            + "\"ComfyUI-VideoHelperSuite\",\"ComfyUI-WanVideoWrapper\"]", row.get("customNodes").toString());
      }
    }
  }

  /** Each kind whose source is no download is skipped with what looks after it instead. */
  @Test
  void prefetchSkipsEachSourceItCannotDownloadSayingWhy() throws IOException {
    Map<String, String> env =
        Map.of("COMFYPKGS_DIR", CliHarness.repoRoot().resolve("generated-nix").toString());
    CliHarness.Run run = CliHarness.run(root, env, "prefetch", "comfyui-workflows",
        "onnxruntime-noexecstack", "comfyui-videogen", "cstr");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(List.of(
            "skip comfyui-workflows: a vendored directory (copy it into sources/ as sources/README.md says)",
            "skip onnxruntime-noexecstack: a wrapper of python3.pkgs.onnxruntime, which the locked nixpkgs pins",
            "skip comfyui-videogen: a node bundle (prefetch does not check its nodes' sources yet)",
            "skip cstr: vendored (use comfypkgs vendor cstr)"),
        run.out().lines().filter(l -> l.startsWith("skip ")).toList());
  }

  @Test
  void listShowsEachKindAndTheNodesDirectories() throws IOException {
    CliHarness.Run run = comfypkgs("list");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("comfyui-installed +custom node comfyui_installed +comfyui-installed .*")), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("comfyui-missing +custom node ComfyUI-Missing +comfyui-missing .*")), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("node-helper +python package +node-helper .*")), run.out());

    CliHarness.Run json = comfypkgs("list", "--json");
    assertEquals(0, json.exitCode(), json.all());
    JsonNode rows = new ObjectMapper().readTree(json.out());
    for (JsonNode row : rows) {
      switch (row.get("attr").asText()) {
        case "comfyui-installed" -> {
          assertEquals("custom-node", row.get("kind").asText(), row.toString());
          assertEquals("[\"comfyui_installed\"]", row.get("customNodes").toString());
        }
        case "node-helper" -> {
          assertEquals("python-package", row.get("kind").asText(), row.toString());
          assertEquals("[]", row.get("customNodes").toString());
        }
        default -> {}
      }
    }
  }

  @Test
  void smokeWithAnEnvironmentReportsEachNodesDirectory() throws IOException {
    Path env = root.resolve("env");
    Files.createDirectories(env.resolve("share/comfyui/custom_nodes/comfyui_installed"));
    CliHarness.Run run = comfypkgs("smoke", "--system", "x86_64-linux", "--env", env.toString());
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.out().contains("ok custom node comfyui_installed\n"), run.out());
    assertTrue(run.out().contains("FAIL custom node ComfyUI-Missing: no directory "
        + env.resolve("share/comfyui/custom_nodes/ComfyUI-Missing") + "\n"), run.out());
    assertTrue(run.out().contains("Smoke test failed: 1 check(s)."), run.out());
    assertTrue(run.err().contains("imports not checked: give --python"), run.err());

    Files.createDirectories(env.resolve("share/comfyui/custom_nodes/ComfyUI-Missing"));
    CliHarness.Run fixed = comfypkgs("smoke", "--system", "x86_64-linux", "--env", env.toString(),
        "comfyui-missing");
    assertEquals(0, fixed.exitCode(), fixed.all());
    assertFalse(fixed.out().contains("comfyui_installed"), fixed.out());
    assertTrue(fixed.out().contains("ok custom node ComfyUI-Missing\n"), fixed.out());
  }

  @Test
  void smokeWithoutAnEnvironmentPrintsTheNodeCheckUnderFloxEnv() throws IOException {
    CliHarness.Run run = comfypkgs("smoke", "--system", "x86_64-linux");
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("env = os.environ.get('FLOX_ENV')\n"
        + "for name in ['comfyui_installed', 'ComfyUI-Missing']:\n"), run.out());
    assertTrue(run.out().contains("path = os.path.join(env, 'share/comfyui/custom_nodes', name)"), run.out());
  }

  /**
   * verify --result on a hand-made custom node store path (under {@code NIX_STORE_DIR}), with a
   * stand-in nix-store printing {@code closureDot} as the closure's graph.
   */
  private static CliHarness.Run verifyNode(String name, String closureDot, String... more)
      throws IOException {
    Path store = Files.createDirectories(root.resolve("store-" + name));
    Path node = store.resolve("00000000000000000000000000000000-comfyui-installed-1.0.0");
    Files.createDirectories(node.resolve("share/comfyui/custom_nodes/comfyui_installed"));
    Path bin = root.resolve("bin-" + name);
    // PATH is this bin alone: the graph is printed by the shell's own printf.
    CliHarness.executable(bin, "nix-store",
        "#!/bin/sh\nprintf '%s\\n' 'digraph G {' '" + closureDot + "}'\n");
    List<String> args = new ArrayList<>(List.of("verify", "--result", node.toString()));
    args.addAll(List.of(more));
    return CliHarness.run(root, Map.of("COMFYPKGS_DIR", generated.toString(), "PATH", bin.toString(),
        "NIX_STORE_DIR", store.toString()), args.toArray(String[]::new));
  }

  @Test
  void verifySaysACustomNodeHasNoMetadataOfItsOwn() throws IOException {
    CliHarness.Run text = verifyNode("clean", "");
    assertEquals(0, text.exitCode(), text.all());
    assertTrue(text.out().contains("  ok: no torch-bearing package in the closure; 0 torch-agnostic"
        + " METADATA checked; 1 custom node(s), which have no METADATA of their own\n"), text.out());
    CliHarness.Run json = verifyNode("clean", "", "--json");
    JsonNode report = new ObjectMapper().readTree(json.out()).get("reports").get(0);
    assertEquals(1, report.get("customNodes").asInt(), json.out());
  }

  @Test
  void verifyFindsTorchAmongACustomNodesPythonDependencies() throws IOException {
    String node = "00000000000000000000000000000000-comfyui-installed-1.0.0";
    String helper = "11111111111111111111111111111111-python3.13-node-helper-1.0.0";
    String torch = "22222222222222222222222222222222-python3.13-torch-2.5.0";
    CliHarness.Run run = verifyNode("torch",
        "\"" + torch + "\" -> \"" + helper + "\" [color = \"black\"];\n"
            + "\"" + helper + "\" -> \"" + node + "\" [color = \"black\"];\n");
    assertEquals(1, run.exitCode(), run.all());
    assertTrue(run.out().contains("brought in by: comfyui-installed-1.0.0 -> python3.13-node-helper-1.0.0"
        + " -> python3.13-torch-2.5.0"), run.out());
  }

  @Test
  void smokeRejectsAnEnvironmentThatIsNoDirectory() throws IOException {
    CliHarness.Run run = comfypkgs("smoke", "--system", "x86_64-linux", "--env", root.resolve("nowhere").toString());
    assertEquals(2, run.exitCode(), run.all());
    assertTrue(run.err().contains("is not a directory"), run.err());
    assertFalse(run.all().contains("Exception"), run.all());
  }
}
