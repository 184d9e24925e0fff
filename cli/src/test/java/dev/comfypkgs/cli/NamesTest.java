package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How store paths, requirement lines and derivations are read. */
class NamesTest {
  private static final String HASH = "nfh0r6fmyq9zfzgfsf78qirq8bwxqhqy";

  @Test
  void packageNameStripsHashPythonPrefixAndVersion() {
    assertEquals("torch", Names.packageName("/nix/store/" + HASH + "-python3.13-torch-2.6.0"));
    assertEquals("torch", Names.packageName("/nix/store/" + HASH + "-python3.13-torch-2.6.0-comfyui-patched"));
    assertEquals("comfyui-open-clip-torch",
        Names.packageName("/nix/store/" + HASH + "-python3.13-comfyui-open-clip-torch-3.2.0"));
    assertEquals("torchvision", Names.packageName("/nix/store/" + HASH + "-python3.12-torchvision-0.21.0-lib"));
    assertEquals("triton", Names.packageName("/nix/store/" + HASH + "-triton-3.2.0"));
    assertEquals("glibc", Names.packageName("/nix/store/" + HASH + "-glibc-2.40-66"));
    assertEquals("vision-tools", Names.packageName("/nix/store/" + HASH + "-vision-tools-1"));
    assertEquals("source", Names.packageName("/nix/store/" + HASH + "-source"));
  }

  @Test
  void packageNameStripsOnlyAPythonXOrPythonXYPrefix() {
    assertEquals("foo", Names.packageName("/nix/store/" + HASH + "-python3-foo-1.0"));
    assertEquals("foo", Names.packageName("/nix/store/" + HASH + "-python311-foo-1.0"));
    assertEquals("python-foo", Names.packageName("/nix/store/" + HASH + "-python-foo-1.0"));
    assertEquals("python3.x-foo", Names.packageName("/nix/store/" + HASH + "-python3.x-foo-1.0"));
    assertEquals("python3.13.1-foo", Names.packageName("/nix/store/" + HASH + "-python3.13.1-foo"));
    assertEquals("python3.13x-foo", Names.packageName("/nix/store/" + HASH + "-python3.13x-foo"));
    assertEquals("pythonic", Names.packageName("/nix/store/" + HASH + "-pythonic-2.0"));
    assertEquals("python3", Names.packageName("/nix/store/" + HASH + "-python3-3.13.1"));
    // An Arabic-Indic three is a digit to Java but not to the pattern Nix names follow.
    assertEquals("python\u0663-foo", Names.packageName("/nix/store/" + HASH + "-python\u0663-foo"));
  }

  @Test
  void closestSuggestsOnlyLikelyTypos() {
    assertEquals(Optional.of("timm"), Names.closest("timn", List.of("timm", "rembg", "cstr")));
    assertEquals(Optional.empty(), Names.closest("ultralytics", List.of("timm", "rembg")));
  }

  @Test
  void requirementNamesLoseVersionsMarkersAndExtras() {
    assertEquals("torch", Metadata.requirementName(" torch (>=2.0) ; extra == \"gpu\""));
    assertEquals("open_clip_torch", Metadata.requirementName("open_clip_torch>=2.20.0"));
    assertEquals("opencv-python", Metadata.requirementName("opencv-python[contrib]"));
  }

  @Test
  void metadataHeadersEndAtTheFirstEmptyLine() {
    Metadata.Dist d = Metadata.parse(Path.of("METADATA"), String.join("\n",
        "Metadata-Version: 2.1", "Name: ultralytics", "Requires-Dist: numpy>=1.23", "",
        "Requires-Dist: torch (this is the description, not a header)"));
    assertEquals("ultralytics", d.name());
    assertEquals(List.of(new Metadata.Requirement(" numpy>=1.23")), d.requires());
  }

  @Test
  void derivationsAreParsedWithEscapes() {
    String text = "Derive([(\"out\",\"/nix/store/" + HASH + "-x-1\",\"\",\"\")],"
        + "[(\"/nix/store/a.drv\",[\"out\"]),(\"/nix/store/b.drv\",[\"out\",\"lib\"])],"
        + "[\"/nix/store/src\"],\"x86_64-linux\",\"/bin/sh\",[\"-c\",\"echo \\\"hi\\\"\\n\"],"
        + "[(\"name\",\"x-1\"),(\"propagatedBuildInputs\",\"/nix/store/p1 /nix/store/p2\\n\")])";
    Derivation d = Derivation.parse(Path.of("/nix/store/x.drv"), text);
    assertEquals("/nix/store/" + HASH + "-x-1", d.outputs().get("out"));
    assertEquals(List.of("/nix/store/a.drv", "/nix/store/b.drv"), d.inputDrvs());
    assertEquals(List.of("/nix/store/p1", "/nix/store/p2"), d.pathsIn("propagatedBuildInputs"));
    assertEquals("x-1", d.env().get("name"));
  }
}
