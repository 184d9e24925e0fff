package dev.comfypkgs.processor.nixeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.processor.testing.NixTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in's {@code buildPythonPackage} behaves as nixpkgs' does where the generated files
 * rely on it: {@code pythonRemoveDeps} entries are case-sensitive regular-expression prefixes of
 * METADATA's spelling (nixpkgs' relax-deps hook is {@code sed "/Requires-Dist: $dep/d"}), and
 * {@code pyproject = false} is accepted.
 */
class StandinRemovalHookTest {
  /**
   * A package whose METADATA requires what {@code standin/needs-open-clip} declares ({@code torch},
   * {@code open_clip_torch}) plus its dependencies' pnames, with {@code removals} (a Nix value) as
   * {@code pythonRemoveDeps}.
   */
  private static String probe(String removals, String pyproject) {
    return "(let py = " + NixTool.standinPkgs("x86_64-linux") + ".python3.pkgs; in"
        + " py.buildPythonPackage {"
        + " pname = \"probe\"; version = \"1.0\"; pyproject = " + pyproject + ";"
        + " src = " + NixTool.standinPkgs("x86_64-linux") + ".fetchFromGitHub {"
        + " owner = \"standin\"; repo = \"needs-open-clip\"; tag = \"v1\"; hash = \"\"; };"
        + " dependencies = with py; [ torchvision open-clip-torch opencv-python-headless ];"
        + " pythonRemoveDeps = " + removals + "; doCheck = false; })";
  }

  private static String requiresDist(String removals) {
    return NixTool.evalJson(probe(removals, "true") + ".requiresDist");
  }

  @Test
  void aRemovalIsAPrefixMatchSoTorchAlsoRemovesTorchvision() {
    NixTool.requireNix();
    assertEquals("[\"open_clip_torch\",\"open-clip-torch\",\"opencv-python-headless\"]",
        requiresDist("[ \"torch\" ]"));
  }

  @Test
  void aRemovalMatchesOnlyMetadatasSpelling() {
    NixTool.requireNix();
    assertEquals("[\"torch\",\"open_clip_torch\",\"torchvision\",\"opencv-python-headless\"]",
        requiresDist("[ \"open-clip-torch\" ]"));
  }

  @Test
  void aDotInARemovalMatchesAnyCharacter() {
    NixTool.requireNix();
    assertEquals("[\"torch\",\"torchvision\",\"opencv-python-headless\"]",
        requiresDist("[ \"open.clip.torch\" ]"));
  }

  @Test
  void aRemovalIsCaseSensitive() {
    NixTool.requireNix();
    assertEquals(
        "[\"torch\",\"open_clip_torch\",\"torchvision\",\"open-clip-torch\",\"opencv-python-headless\"]",
        requiresDist("[ \"Torch\" \"OPEN_CLIP_TORCH\" ]"));
  }

  @Test
  void otherRegexSyntaxInARemovalIsLiteral() {
    NixTool.requireNix();
    assertEquals(
        "[\"torch\",\"open_clip_torch\",\"torchvision\",\"open-clip-torch\",\"opencv-python-headless\"]",
        requiresDist("[ \"torch|open\" \"(torch)\" \"torc?h\" \"[t]orch\" \"t+orch\" ]"));
  }

  @Test
  void removingEverythingStillWorks() {
    NixTool.requireNix();
    assertEquals("[]", requiresDist("true"));
  }

  /** The built METADATA, not only the evaluated list, lacks what the prefix removes. */
  @Test
  void theBuiltMetadataLacksWhatAPrefixRemoves(@TempDir Path tmp) throws IOException {
    NixTool.requireNix();
    Path result = tmp.resolve("result");
    NixTool.build(probe("[ \"torch\" ]", "true"), result).orFail("nix-build probe");
    List<String> requires = metadata(result).stream().filter(l -> l.startsWith("Requires-Dist: ")).toList();
    assertEquals(
        List.of("Requires-Dist: open_clip_torch", "Requires-Dist: open-clip-torch",
            "Requires-Dist: opencv-python-headless"),
        requires);
  }

  @Test
  void pyprojectFalseEvaluatesAndBuilds(@TempDir Path tmp) throws IOException {
    NixTool.requireNix();
    Path result = tmp.resolve("result");
    NixTool.build(probe("[ ]", "false"), result).orFail("nix-build a pyproject = false package");
    assertTrue(metadata(result).contains("Name: probe"));
  }

  @Test
  void pyprojectAndFormatTogetherAreStillRefused() {
    NixTool.requireNix();
    NixTool.Result r = NixTool.evalJsonResult(
        "(" + NixTool.standinPkgs("x86_64-linux") + ".python3.pkgs.buildPythonPackage {"
            + " pname = \"probe\"; version = \"1.0\"; pyproject = false; format = \"other\"; }).drvPath");
    assertFalse(r.ok(), r.describe());
    assertTrue(r.stderr().contains("set exactly one of `pyproject` or `format`, not both"), r.describe());
  }

  private static List<String> metadata(Path result) throws IOException {
    Path sitePackages = result.resolve("lib/python3.13/site-packages");
    try (Stream<Path> distInfos = Files.list(sitePackages)) {
      Path distInfo = distInfos.filter(p -> p.getFileName().toString().endsWith(".dist-info"))
          .findFirst().orElseThrow();
      return Files.readAllLines(distInfo.resolve("METADATA"), StandardCharsets.UTF_8);
    }
  }
}
