package dev.comfypkgs.processor.nixeval;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.comfypkgs.processor.testing.NixTool;
import dev.comfypkgs.processor.testing.Recipes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated workflows package builds in the stand-in, whose generic builder runs its buildPhase
 * and installPhase with {@code /bin/sh} and the host's {@code python3}: the converter's output
 * lands in {@code share/comfyui/workflows}, the vendored API-format directories and top-level JSON
 * in {@code share/comfyui/workflows-api}, and a failing converter fails the build.
 */
class WorkflowsStandinTest {
  /** Writes each API-format workflow under webui-output with a "nodes" list, as the real one does. */
  private static final String CONVERTER =
      """
      import json, pathlib, sys
      source, target = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
      for workflow in sorted(source.rglob("*.json")):
          if target in workflow.parents:
              continue
          data = json.loads(workflow.read_text())
          data["nodes"] = []
          out = target / workflow.relative_to(source)
          out.parent.mkdir(parents=True, exist_ok=True)
          out.write_text(json.dumps(data, sort_keys=True))
      """;

  @TempDir Path tmp;

  /** sources/flows: two API-format workflows in subdirectories, one at the top, the converter. */
  private void vendor(String converter) throws IOException {
    Path flows = Files.createDirectories(tmp.resolve("sources/flows"));
    Files.createDirectories(flows.resolve("SDXL"));
    Files.createDirectories(flows.resolve("FLUX"));
    Files.writeString(flows.resolve("SDXL/basic.json"), "{\"1\": {\"class_type\": \"KSampler\"}}");
    Files.writeString(flows.resolve("FLUX/dev.json"), "{\"2\": {\"class_type\": \"UNETLoader\"}}");
    Files.writeString(flows.resolve("top.json"), "{\"3\": {}}");
    Files.writeString(flows.resolve("convert_to_webui.py"), converter);
  }

  private Path generate() {
    Path out = tmp.resolve("generated-nix");
    Compilation c = Recipes.compile(
        List.of("-Acomfypkgs.out=" + out, "-Acomfypkgs.sources=" + tmp.resolve("sources")),
        Recipes.recipe("Flows",
            "@Workflows(pname = \"comfyui-flows\", version = \"1.0.1\", description = \"d\",",
            "    license = License.MIT)",
            "@Vendored(directory = \"flows\")"),
        Recipes.runtime());
    assertThat(c).succeeded();
    return out.resolve(".flox/pkgs");
  }

  @Test
  void theConvertedWorkflowsAndTheApiOnesAreInstalledApart() throws IOException {
    NixTool.requireNix();
    vendor(CONVERTER);
    Path result = tmp.resolve("result");
    NixTool.build(NixTool.floxScope(generate(), "x86_64-linux") + ".comfyui-flows", result)
        .orFail("nix-build comfyui-flows");

    Path webUi = result.resolve("share/comfyui/workflows");
    assertEquals("{\"1\": {\"class_type\": \"KSampler\"}, \"nodes\": []}",
        Files.readString(webUi.resolve("SDXL/basic.json")));
    assertTrue(Files.readString(webUi.resolve("FLUX/dev.json")).contains("\"nodes\": []"));

    Path api = result.resolve("share/comfyui/workflows-api");
    assertEquals("{\"1\": {\"class_type\": \"KSampler\"}}",
        Files.readString(api.resolve("SDXL/basic.json")));
    assertEquals("{\"2\": {\"class_type\": \"UNETLoader\"}}",
        Files.readString(api.resolve("FLUX/dev.json")));
    assertEquals("{\"3\": {}}", Files.readString(api.resolve("top.json")));
    assertFalse(Files.exists(api.resolve("webui-output")), "the converter's output is not API format");
    assertFalse(Files.exists(api.resolve("convert_to_webui.py")), "the converter is not a workflow");
  }

  @Test
  void aFailingConverterFailsTheBuild() throws IOException {
    NixTool.requireNix();
    vendor("import sys\nsys.exit('cannot convert FLUX/dev.json')\n");
    NixTool.Result r = NixTool.build(
        NixTool.floxScope(generate(), "x86_64-linux") + ".comfyui-flows", tmp.resolve("result"));
    assertFalse(r.ok(), r.describe());
    assertTrue(r.stderr().contains("cannot convert FLUX/dev.json"), r.describe());
  }
}
