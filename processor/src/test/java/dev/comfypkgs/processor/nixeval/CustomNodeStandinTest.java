package dev.comfypkgs.processor.nixeval;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.comfypkgs.processor.testing.GoldenFixtures;
import dev.comfypkgs.processor.testing.NixTool;
import dev.comfypkgs.processor.testing.Recipes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated custom-node files evaluate where their platforms say, and build in the stand-in,
 * whose generic builder runs their postPatch and installPhase with {@code /bin/sh}: the source ends
 * up in {@code share/comfyui/custom_nodes/<directory>}, dependencies are propagated, and an edit
 * whose text is absent fails the build.
 */
class CustomNodeStandinTest {
  private static final List<String> SYSTEMS =
      List.of("x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin");

  @TempDir Path tmp;

  private Path generate(JavaFileObject... recipes) {
    Path out = tmp.resolve("generated-nix");
    Compilation c = Recipes.compile(List.of("-Acomfypkgs.out=" + out), recipes);
    assertThat(c).succeeded();
    return out.resolve(".flox/pkgs");
  }

  private Path goldenNodes() {
    return generate(GoldenFixtures.named("Timm"), GoldenFixtures.named("Preprocessors"),
        GoldenFixtures.named("ImpactPack"), Recipes.runtime());
  }

  @Test
  void goldenNodesInstantiateExactlyWhereTheirPlatformsAllow() {
    NixTool.requireNix();
    Path pkgs = goldenNodes();
    for (String system : SYSTEMS) {
      String scope = NixTool.floxScope(pkgs, system);
      String result = NixTool.evalJson("let ps = " + scope + "; ok = p: (builtins.tryEval p.drvPath).success;"
          + " in [ (ok ps.comfyui-preprocessors) (ok ps.comfyui-impact-pack) ]");
      assertEquals("[" + system.endsWith("-linux") + ",true]", result, system);
    }
  }

  @Test
  void aNodeWithDependenciesInstallsItsTreeAndPropagatesThem() throws IOException {
    NixTool.requireNix();
    Path pkgs = goldenNodes();
    Path result = tmp.resolve("result");
    NixTool.build(NixTool.floxScope(pkgs, "x86_64-linux") + ".comfyui-preprocessors", result)
        .orFail("nix-build comfyui-preprocessors");
    Path node = result.resolve("share/comfyui/custom_nodes/comfyui_preprocessors");
    assertTrue(Files.readString(node.resolve("SOURCE")).contains("repo=comfyui_preprocessors"),
        "the fetched tree is the node's directory");
    assertTrue(Files.isWritable(node.resolve("SOURCE")) || !Files.isWritable(result),
        "copied writable before the store made it read-only");
    assertFalse(Files.exists(result.resolve("lib")), "a custom node installs no dist-info");
    String propagated = Files.readString(result.resolve("nix-support/propagated-build-inputs"));
    for (String dependency : List.of("einops", "scipy", "comfyui-timm", "albumentations")) {
      assertTrue(propagated.contains("-" + dependency + "-"), dependency + " in " + propagated);
    }
  }

  @Test
  void anEditRunsInPostPatchAndAMissingTextFailsTheBuild() throws IOException {
    NixTool.requireNix();
    Path pkgs = generate(node("fetcher=fetchFromGitHub", "fetched='$HOME' ${x}"));
    Path result = tmp.resolve("result");
    NixTool.build(NixTool.floxScope(pkgs, "x86_64-linux") + ".comfyui-edited", result)
        .orFail("nix-build comfyui-edited");
    assertTrue(Files.readString(result.resolve("share/comfyui/custom_nodes/Edited/SOURCE"))
        .startsWith("fetched='$HOME' ${x}\n"));

    Path missing = generate(node("not in the file", "x"));
    NixTool.Result r = NixTool.build(
        NixTool.floxScope(missing, "x86_64-linux") + ".comfyui-edited", tmp.resolve("missing"));
    assertFalse(r.ok(), r.describe());
    assertTrue(r.stderr().contains("pattern not in the file doesn't match anything"), r.describe());
  }

  /**
   * The committed comfyui-impact-subpack, built in the stand-in: the rebuilds it requires are in
   * its runtime closure, torch is not.
   */
  @Test
  void theImpactSubpackBringsItsRebuildsAndNoTorch() throws IOException {
    NixTool.requireNix();
    Path pkgs = NixTool.repoRoot().resolve("generated-nix/.flox/pkgs");
    Path result = tmp.resolve("subpack");
    NixTool.build(NixTool.floxScope(pkgs, "x86_64-linux") + ".comfyui-impact-subpack", result)
        .orFail("nix-build comfyui-impact-subpack");
    assertTrue(Files.isDirectory(result.resolve("share/comfyui/custom_nodes/ComfyUI-Impact-Subpack")));
    List<String> closure = NixTool.run(List.of("nix-store", "-qR", result.toString()))
        .orFail("nix-store -qR").stdout().lines().map(p -> p.substring(p.indexOf('-') + 1)).toList();
    for (String rebuild : List.of("comfyui-thop-", "comfyui-ultralytics-",
        "comfyui-segment-anything-", "comfyui-sam2-")) {
      assertTrue(closure.stream().anyMatch(p -> p.startsWith("python3.13-" + rebuild)),
          rebuild + " in " + closure);
    }
    assertTrue(closure.stream().noneMatch(p -> p.startsWith("python3.13-torch")),
        "no torch in " + closure);
  }

  /** A dependency-free node (stdenv.mkDerivation) that edits the stand-in source's SOURCE file. */
  private static JavaFileObject node(String replace, String with) {
    return Recipes.recipe("Edited",
        "@CustomNode(pname = \"comfyui-edited\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"https://example.org/\", license = License.MIT, directory = \"Edited\")",
        "@GitHub(owner = \"example\", repo = \"edited\", tag = \"v1.0.0\",",
        "    hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
        "@Substitute(file = \"SOURCE\", replace = " + javaString(replace) + ", with = "
            + javaString(with) + ")");
  }

  private static String javaString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
