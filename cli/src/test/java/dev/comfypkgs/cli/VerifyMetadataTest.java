package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * verify's METADATA check judges what is left as nixpkgs' removal hook would: a case-sensitive
 * regular-expression prefix match on METADATA's own text. Each case is a hand-made store path
 * (under {@code NIX_STORE_DIR}) holding the METADATA a build could have left, verified with
 * {@code --result} and a stand-in nix-store whose closure is the path alone.
 */
class VerifyMetadataTest {
  @TempDir static Path root;
  static Path generated;
  static Path store;
  static Path bin;
  static int paths;

  @BeforeAll
  static void generate() throws IOException {
    generated = CliHarness.generate(root, "verify");
    store = Files.createDirectories(root.resolve("store"));
    bin = root.resolve("bin");
    CliHarness.executable(bin, "nix-store", "#!/bin/sh\nexit 0\n");
  }

  /** A store path of the package {@code pname} whose METADATA has these Requires-Dist values. */
  private static Path built(String pname, String... requires) throws IOException {
    String hash = String.format("%032d", paths++);
    Path path = store.resolve(hash + "-python3.13-" + pname + "-1.0.0");
    Path distInfo = Files.createDirectories(path.resolve("lib/python3.13/site-packages")
        .resolve(pname.replace('-', '_') + "-1.0.0.dist-info"));
    List<String> lines = new ArrayList<>(List.of("Metadata-Version: 2.1", "Name: " + pname, "Version: 1.0.0"));
    for (String r : requires) {
      lines.add("Requires-Dist: " + r);
    }
    Files.writeString(distInfo.resolve("METADATA"), String.join("\n", lines) + "\n");
    return path;
  }

  private static CliHarness.Run verify(Path result, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("verify", "--result", result.toString()));
    args.addAll(List.of(more));
    return CliHarness.run(root, Map.of("COMFYPKGS_DIR", generated.toString(), "PATH", bin.toString(),
        "NIX_STORE_DIR", store.toString()), args.toArray(String[]::new));
  }

  /** The failures of the one report, as JSON. */
  private static JsonNode failures(Path result) throws IOException {
    CliHarness.Run run = verify(result, "--json");
    JsonNode report = new ObjectMapper().readTree(run.out()).get("reports").get(0);
    assertEquals(1, report.get("metadataChecked").asInt(), run.out());
    return report.get("failures");
  }

  @Test
  void aRemovalSpelledOtherwiseThanMetadataNamesTheSpellingToUse() throws IOException {
    Path path = built("comfyui-misspelled", "open_clip_torch>=2.20.0", "numpy");
    JsonNode failures = failures(path);
    assertEquals(1, failures.size(), failures.toString());
    assertEquals("metadata-spelling", failures.get(0).get("kind").asText());
    assertEquals("open_clip_torch>=2.20.0", failures.get(0).get("requirement").asText());
    CliHarness.Run text = verify(path);
    assertEquals(1, text.exitCode(), text.all());
    assertTrue(text.out().contains("FAIL comfyui-misspelled's METADATA still requires"
        + " 'open_clip_torch>=2.20.0': pythonRemoveDeps has 'open-clip-torch', but the removal hook"
        + " matches METADATA's spelling case-sensitively (no PEP 503 normalisation): spell it"
        + " 'open_clip_torch'"), text.out());
  }

  @Test
  void caseCountsForTheHook() throws IOException {
    JsonNode failures = failures(built("comfyui-good", "Torch (>=2.0)", "numpy"));
    assertEquals(1, failures.size(), failures.toString());
    assertEquals("metadata-spelling", failures.get(0).get("kind").asText());
    assertTrue(failures.get(0).get("message").asText().startsWith("comfyui-good's METADATA still"
        + " requires 'Torch (>=2.0)': pythonRemoveDeps has 'torch', but the removal hook matches"
        + " METADATA's spelling case-sensitively (no PEP 503 normalisation): spell it 'Torch'"),
        failures.toString());
  }

  @Test
  void whatTheHookMatchesButIsStillThereMeansTheHookDidNotRun() throws IOException {
    // torchmetrics is no removal by name, but "torch" matches it as a prefix, as it does torchvision.
    JsonNode failures = failures(built("comfyui-good",
        "torchvision>=0.15; extra == \"vision\"", "torchmetrics", "numpy"));
    assertEquals(2, failures.size(), failures.toString());
    for (JsonNode failure : failures) {
      assertEquals("metadata-hook", failure.get("kind").asText());
    }
    assertEquals("comfyui-good's METADATA still requires 'torchvision>=0.15; extra == \"vision\"',"
        + " which pythonRemoveDeps entry 'torch' matches: the removal hook did not run on this"
        + " package (", failures.get(0).get("message").asText().replaceFirst("\\(/.*", "("));
    assertEquals("torchmetrics", failures.get(1).get("requirement").asText());
  }

  @Test
  void whatNoRemovalIsAboutPasses() throws IOException {
    CliHarness.Run clean = verify(built("comfyui-good", "numpy", "pillow; python_version >= \"3.8\""));
    assertEquals(0, clean.exitCode(), clean.all());
    assertTrue(clean.out().contains("1 torch-agnostic METADATA checked"), clean.out());
  }
}
