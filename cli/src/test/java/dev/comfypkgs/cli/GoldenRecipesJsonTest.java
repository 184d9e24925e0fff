package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor and the CLI agree on recipes.json: the CLI reads the processor's golden file (the
 * processor's own tests keep it byte-identical to what it writes) into its typed records, and a
 * field the CLI does not know is refused rather than read as absent. A change on one side that the
 * other does not follow fails here.
 */
class GoldenRecipesJsonTest {
  // Surefire runs in the cli module and names it in basedir; the golden file is the processor's.
  private static final Path GOLDEN = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .resolve("../processor/src/test/resources/golden/recipes.json").normalize();

  @TempDir Path dir;

  @Test
  void theProcessorsGoldenFileReadsAsTypedRecords() {
    RecipesFile recipes = RecipesFile.read(GOLDEN);

    assertEquals(RecipesFile.SUPPORTED_FORMAT, recipes.formatVersion());
    assertEquals(List.of("color-matcher", "comfyui-detector", "comfyui-flows", "comfyui-impact-pack",
            "comfyui-preprocessors", "comfyui-toolbox", "onnxruntime-noexec", "timm", "tiny"),
        recipes.packages().stream().map(RecipesFile.Package::attr).toList());
    assertEquals(List.of("ComfyUI-Impact-Pack"),
        recipes.pkg("comfyui-impact-pack").orElseThrow().customNodes());
    assertEquals(List.of("comfyui_preprocessors"),
        recipes.pkg("comfyui-preprocessors").orElseThrow().customNodes());
    assertEquals(List.of(), recipes.pkg("timm").orElseThrow().customNodes());
    RecipesFile.Package toolbox = recipes.pkg("comfyui-toolbox").orElseThrow();
    assertEquals(List.of("ComfyUI-KJNodes", "ComfyUI-SafeCLIP-SDXL", "rgthree-comfy"),
        toolbox.customNodes());
    assertEquals(new RecipesFile.Source.Nodes(List.of(
            new RecipesFile.Source.Node("ComfyUI-KJNodes", new RecipesFile.Source.GitHub("kijai",
                "ComfyUI-KJNodes", "", "4d68afac6b7079c3980c8b4845b4a47eb5c6660d",
                "sha256-vRUCrWdaRNLz4ETrJNSxGLTncq2MJzSk6wTitkBDaig=", "")),
            new RecipesFile.Source.Node("ComfyUI-SafeCLIP-SDXL",
                new RecipesFile.Source.Vendored("ComfyUI-SafeCLIP-SDXL", "")),
            new RecipesFile.Source.Node("rgthree-comfy", new RecipesFile.Source.GitHub("rgthree",
                "rgthree-comfy", "v.1.0.0", "", "sha256-bzQcQ37v7ZrHDitZV6z3h/kdNbWxpLxNSvh0rSxnLss=",
                "")))),
        toolbox.source());
    assertEquals(new RecipesFile.Substitution("py/power_prompt.py", "rgthree-comfy",
            "pattern='<lora:", "pattern=r'<lora:"),
        toolbox.substitutions().get(0));
    assertEquals(new RecipesFile.Source.Vendored("color_matcher-0.6.0-py3-none-any.whl", ""),
        recipes.pkg("color-matcher").orElseThrow().source());
    assertEquals(new RecipesFile.Source.GitHub("example", "detector", "",
            "0123456789abcdef0123456789abcdef01234567", "", "python"),
        recipes.pkg("comfyui-detector").orElseThrow().source());
    assertEquals(new RecipesFile.Source.GitHub("huggingface", "pytorch-image-models", "v1.0.22", "",
            "sha256-ilOnC1tqSb4TuSGRafMNl8hi9P2qdsBWbv3G9azy6Gs=", ""),
        recipes.pkg("timm").orElseThrow().source());
    RecipesFile.Package flows = recipes.pkg("comfyui-flows").orElseThrow();
    assertEquals(new RecipesFile.Source.VendoredDirectory("flows",
            "8c5130291b9593cbb9890c3af61f868054ba548e"), flows.source());
    assertEquals("convert_to_webui.py", flows.workflowsConverter());
    assertTrue(flows.isWorkflows());
    assertFalse(flows.isCustomNode());
    assertFalse(recipes.pkg("timm").orElseThrow().isWorkflows());
    RecipesFile.Package wrapper = recipes.pkg("onnxruntime-noexec").orElseThrow();
    assertEquals(new RecipesFile.Source.Wraps("onnxruntime", "onnxruntime-noexec/clear-execstack.py"),
        wrapper.source());
    assertEquals("", wrapper.version(), "a wrapper's version is the wrapped package's");
    assertEquals(new RecipesFile.Source.PyPI("tiny", "", "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", false),
        recipes.pkg("tiny").orElseThrow().source());

    RecipesFile.Package detector = recipes.pkg("comfyui-detector").orElseThrow();
    assertTrue(detector.torchAgnostic());
    assertEquals("PYPROJECT", detector.format());
    assertEquals("opencv4 does not satisfy opencv-python by name.", detector.skipRuntimeDepsCheck());
    assertEquals(new RecipesFile.Removal("opencv-python", false, "nixpkgs' opencv4 is bundled instead."),
        detector.removals().get(4));
    assertEquals(new RecipesFile.Bundle(List.of("albumentations"), List.of("x86_64-linux")),
        detector.bundles().get(1));
    assertEquals(new RecipesFile.Substitution("setup.py", "", "os.makedirs(os.path.expanduser('~'))", "pass"),
        detector.substitutions().get(0));
    assertEquals(null, recipes.pkg("tiny").orElseThrow().skipRuntimeDepsCheck());

    RecipesFile.Meta extras = recipes.meta("comfyui-extras").orElseThrow();
    assertEquals(List.of("timm", "comfyui-detector", "color-matcher", "tiny"), extras.members());
    assertEquals(List.of("piexif", "rich"), extras.nixpkgs());
    assertEquals(Map.of(
            "aarch64-linux", List.of("piexif", "rich", "albumentations", "timm", "color-matcher", "tiny"),
            "x86_64-linux", List.of("piexif", "rich", "albumentations", "timm", "comfyui-detector",
                "color-matcher", "tiny")),
        extras.membersBySystem());

    assertEquals(List.of("golden.Detector", "golden.Extras", "golden.Flows", "golden.ImpactPack",
            "golden.Matcher", "golden.Noexec", "golden.Preprocessors", "golden.Timm", "golden.Tiny",
            "golden.Toolbox"),
        recipes.recipeClasses());
    assertEquals(List.of("torch", "torchvision", "kornia"), recipes.runtimeProvides());
    assertTrue(recipes.reservedAttrs().contains("callPackage"), recipes.reservedAttrs().toString());
    assertEquals(List.of("default", ".*flake", "__.*"),
        recipes.unloadableAttrs().stream().map(RecipesFile.UnloadableAttr::pattern).toList());
    assertTrue(recipes.carriesTorch("open_clip_torch"));
  }

  @Test
  void aRenamedFieldIsRefusedNotReadAsAbsent() throws IOException {
    // Were it ignored, verify would treat every package as not torch-agnostic.
    Path renamed = golden(text -> text.replaceFirst("\"torchAgnostic\"", "\"torchAgnosticX\""));
    assertRefused(renamed, ": packages[0].torchAgnostic is missing or null; regenerate");
  }

  @Test
  void aFieldTheFormatDoesNotHaveIsRefused() throws IOException {
    Path extra = golden(text -> text.replaceFirst("\"torchAgnostic\" : false", "\"torchAgnostic\" : false, \"torchFree\" : true"));
    assertRefused(extra, ": packages[0].torchFree is not a field of recipes.json format 2; regenerate");
  }

  @Test
  void aFieldTheFormatDoesNotHaveIsRefusedInASource() throws IOException {
    Path extra = golden(text -> text.replaceFirst("\"sha256\" : \"\"", "\"sha256\" : \"\", \"url\" : \"\""));
    assertRefused(extra, ": packages[0].source.url is not a field of recipes.json format 2; regenerate");
  }

  @Test
  void aSourceKindTheFormatDoesNotHaveIsRefused() throws IOException {
    Path git = golden(text -> text.replaceFirst("\"kind\" : \"vendored\"", "\"kind\" : \"git\""));
    assertRefused(git, ": packages[0].source.kind is not a source kind the processor writes; regenerate");
  }

  @Test
  void aNodeWhoseSourceIsABundleIsRefused() throws IOException {
    // The processor gives a node a downloaded or vendored source; a bundle in a bundle would also
    // let a hand-edited file nest sources as deep as it likes.
    Path nested = golden(text -> text.replaceFirst(
        "\"kind\" : \"github\",\n( *)\"hash\" : \"sha256-vRUCr", "\"kind\" : \"nodes\",\n$1\"hash\" : \"sha256-vRUCr"));
    assertRefused(nested,
        ": packages[5].source.nodes[0].source.kind is not a source kind the processor writes; regenerate");
  }

  @Test
  void aCustomNodeDirectoryThatLeavesCustomNodesIsRefused() throws IOException {
    // smoke joins it to share/comfyui/custom_nodes: ".." would look outside.
    Path escaping = golden(text -> text.replaceFirst("\"ComfyUI-Impact-Pack\"\n", "\"..\"\n"));
    assertRefused(escaping, ": packages[3].customNodes[0] '..' is not a custom node directory; regenerate");
  }

  @Test
  void aBundleNodeDirectoryThatLeavesCustomNodesIsRefused() throws IOException {
    Path escaping = golden(text -> text.replaceFirst("\"directory\" : \"rgthree-comfy\"",
        "\"directory\" : \"..\""));
    assertRefused(escaping,
        ": packages[5].source.nodes[2].directory '..' is not a custom node directory; regenerate");
  }

  @Test
  void aWrapperThatWrapsWhatIsNotANixNameIsRefused() throws IOException {
    // The wrapped attribute becomes python3.pkgs.<attr> in Nix.
    Path odd = golden(text -> text.replaceFirst("\"attr\" : \"onnxruntime\"", "\"attr\" : \"x y\""));
    assertRefused(odd, ": packages[6].source.attr 'x y' is not a Nix identifier; regenerate");
  }

  @Test
  void aWrapperWithAVersionOfItsOwnIsRefused() throws IOException {
    // The wrapper is the only package whose own version (its entry's last field) is empty.
    Path versioned = golden(text -> text.replace(
        "\"tracksComfyUI\" : false,\n      \"version\" : \"\"\n",
        "\"tracksComfyUI\" : false,\n      \"version\" : \"1.0\"\n"));
    assertRefused(versioned, ": packages[6].version is a wrapper's, which has none of its own");
  }

  @Test
  void aNewerFormatIsAskedToUpgradeNotToldAboutItsFields() throws IOException {
    Path newer = golden(text -> text.replaceFirst("\"formatVersion\" : 2", "\"formatVersion\" : 3, \"next\" : 0"));
    assertRefused(newer, " has format 3; this comfypkgs reads format 2: rebuild the tool and regenerate");
  }

  @Test
  void aPackageKindTheFormatDoesNotHaveIsRefused() throws IOException {
    Path unknown = golden(text -> text.replaceFirst("\"kind\" : \"python-package\"", "\"kind\" : \"plugin\""));
    assertRefused(unknown, ": packages[0].kind is not");
  }

  @Test
  void aConverterOnAnotherKindThanWorkflowsIsRefused() throws IOException {
    Path mixed = golden(text -> text.replaceFirst("\"kind\" : \"workflows\"", "\"kind\" : \"python-package\""));
    assertRefused(mixed, ": packages[");
    CliException e = assertThrows(CliException.class, () -> RecipesFile.read(mixed));
    assertTrue(e.getMessage().contains(
        "].workflowsConverter is set, but a python package runs no converter; regenerate"), e.getMessage());
  }

  @Test
  void aWrapperKindWithoutTheSourceOfOneIsRefused() throws IOException {
    // list, matrix and verify trust the kind: a wrapper's version is empty only because it wraps.
    Path mixed = golden(text -> text.replaceFirst("\"kind\" : \"python-package\"", "\"kind\" : \"wrapper\""));
    CliException e = assertThrows(CliException.class, () -> RecipesFile.read(mixed));
    assertTrue(e.getMessage().contains(
        "].source is not what a wrapper has: its source is the package it wraps; regenerate"), e.getMessage());
  }

  @Test
  void aPythonPackageNamingCustomNodesIsRefused() throws IOException {
    // list and verify trust the kind: a package said to install nodes must name them, and back.
    Path mixed = golden(text -> text.replaceFirst("\"kind\" : \"custom-node\"", "\"kind\" : \"python-package\""));
    assertRefused(mixed, ": packages[");
    CliException e = assertThrows(CliException.class, () -> RecipesFile.read(mixed));
    assertTrue(e.getMessage().contains(
        "].customNodes names custom nodes, but a python package installs none; regenerate"), e.getMessage());
  }

  private Path golden(java.util.function.UnaryOperator<String> edit) throws IOException {
    String text = Files.readString(GOLDEN);
    String edited = edit.apply(text);
    assertTrue(!edited.equals(text), "the edit must change the golden file");
    Path file = dir.resolve("recipes.json");
    Files.writeString(file, edited);
    return file;
  }

  private static void assertRefused(Path file, String fragment) {
    CliException e = assertThrows(CliException.class, () -> RecipesFile.read(file));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith(file + fragment), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
