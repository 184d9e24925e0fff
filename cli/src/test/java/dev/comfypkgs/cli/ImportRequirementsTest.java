package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * import-requirements over a requirements file written to hold every syntax a custom node uses,
 * classified against the repository's real recipes (generated-nix/recipes.json).
 */
class ImportRequirementsTest {
  @TempDir static Path tmp;
  static Path requirements;
  static Path index;
  static Map<String, String> env = new LinkedHashMap<>();

  @BeforeAll
  static void setUp() throws IOException {
    requirements = Path.of("src/test/resources/requirements/requirements.txt").toAbsolutePath();
    env.put("COMFYPKGS_DIR", CliHarness.repoRoot().resolve("generated-nix").toString());
    index = tmp.resolve("index.json");
    Files.writeString(index, """
        [{"name": "numpy", "carriesTorch": false}, {"name": "opencv4", "carriesTorch": false},
         {"name": "pyyaml", "carriesTorch": false}, {"name": "scikit-image", "carriesTorch": false},
         {"name": "sneaky-helpers", "carriesTorch": true}, {"name": "diffusers", "carriesTorch": true},
         {"name": "mystery-pakage", "carriesTorch": false}]
        """);
  }

  private static Map<String, JsonNode> byName(String... extra) throws IOException {
    String[] args = new String[extra.length + 3];
    args[0] = "import-requirements";
    args[1] = requirements.toString();
    args[2] = "--json";
    System.arraycopy(extra, 0, args, 3, extra.length);
    CliHarness.Run run = CliHarness.run(tmp, env, args);
    assertEquals(0, run.exitCode(), run.all());
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode row : new ObjectMapper().readTree(run.out())) {
      out.putIfAbsent(row.get("normalized").asText(), row);
    }
    return out;
  }

  @Test
  void everySyntaxIsReadAndClassified() throws IOException {
    Map<String, JsonNode> rows = byName("--index", index.toString());
    assertEquals("runtime", rows.get("torch").get("kind").asText());
    assertEquals("runtime", rows.get("torchvision").get("kind").asText());
    assertEquals("runtime", rows.get("transformers").get("kind").asText(), "from the -r include");
    assertEquals("recipe", rows.get("timm").get("kind").asText());
    assertEquals("comfyui-timm", rows.get("timm").get("provider").asText());
    assertEquals("recipe", rows.get("open-clip-torch").get("kind").asText());
    assertEquals("recipe", rows.get("ultralytics").get("kind").asText());
    assertEquals("recipe", rows.get("segment-anything").get("kind").asText(), "#egg= of a git URL");
    assertEquals("recipe", rows.get("rembg").get("kind").asText(), "extras dropped");
    assertEquals("nixpkgs", rows.get("opencv-python-headless").get("kind").asText());
    assertEquals("opencv4", rows.get("opencv-python-headless").get("nixpkgsAttr").asText());
    assertEquals("nixpkgs", rows.get("pyyaml").get("kind").asText(), "case folded");
    assertEquals("nixpkgs", rows.get("numpy").get("kind").asText(), "continued over three lines");
    assertEquals("nixpkgs", rows.get("scikit-image").get("kind").asText(), "scikit_image normalised");
    assertEquals("torch-bearing", rows.get("diffusers").get("kind").asText());
    assertTrue(rows.get("diffusers").get("action").asText()
        .contains("./comfypkgs new diffusers --github OWNER/REPO --tag TAG --torch-agnostic"));
    assertEquals("torch-bearing", rows.get("sneaky-helpers").get("kind").asText(), "the index says so");
    assertEquals("unknown", rows.get("fancy-node").get("kind").asText());
    assertTrue(rows.get("fancy-node").get("action").asText().contains("--github someone/fancy-node"));
    assertEquals("unknown", rows.get("fancy-helpers").get("kind").asText(), "name @ URL");
    assertEquals("unknown", rows.get("mystery-package").get("kind").asText());
    assertTrue(rows.get("mystery-package").get("action").asText().contains("did you mean python3.pkgs.mystery-pakage?"));
    // The include cycle (extra.txt includes requirements.txt back) is read once.
    assertEquals(1, rows.values().stream().filter(r -> r.get("normalized").asText().equals("torch")).count());
  }

  @Test
  void linesAndFilesAreReported() throws IOException {
    Map<String, JsonNode> rows = byName();
    assertEquals(4, rows.get("torch").get("line").asInt());
    assertEquals(12, rows.get("numpy").get("line").asInt());
    assertTrue(rows.get("transformers").get("file").asText().endsWith("more/extra.txt"));
    assertTrue(rows.get("numpy").get("action").asText().contains("(unverified: no --index)"));
  }

  @Test
  void theTableIsReadable() throws IOException {
    CliHarness.Run run = CliHarness.run(tmp, env, "import-requirements", requirements.toString(),
        "--index", index.toString());
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().startsWith("WHERE"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("requirements.txt:6") && l.contains("recipe")
        && l.contains("@Requires(Timm.class)")), run.out());
    assertTrue(run.out().contains(" requirements: "), run.out());
  }

  @Test
  void aMissingFileIsAUsageError() throws IOException {
    CliHarness.Run run = CliHarness.run(tmp, env, "import-requirements", tmp.resolve("nope.txt").toString());
    assertEquals(2, run.exitCode(), run.all());
    assertTrue(run.err().contains("nope.txt does not exist."), run.err());
  }
}
