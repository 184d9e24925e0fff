package dev.comfypkgs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each case is what {@code sed -e "/Requires-Dist: $dep/d"} does to that METADATA line. */
class RemovalHookTest {
  @Test
  void aRemovalIsAPrefixOfMetadatasSpelling() {
    assertTrue(RemovalHook.removes("torch", "torch"));
    assertTrue(RemovalHook.removes("torch", "torch>=2.0"));
    assertTrue(RemovalHook.removes("torch", "torchvision"));
    assertTrue(RemovalHook.removes("torch", "torchaudio (>=2.1) ; extra == \"audio\""));
    assertFalse(RemovalHook.removes("torchvision", "torch"));
    assertFalse(RemovalHook.removes("torch", "pytorch-lightning"));
  }

  @Test
  void caseAndSeparatorsAreNotNormalised() {
    assertFalse(RemovalHook.removes("open-clip-torch", "open_clip_torch"));
    assertTrue(RemovalHook.removes("open_clip_torch", "open_clip_torch>=2"));
    assertFalse(RemovalHook.removes("torch", "Torch"));
    assertFalse(RemovalHook.removes("Pillow", "pillow"));
  }

  @Test
  void aDotMatchesAnyCharacter() {
    assertTrue(RemovalHook.removes("ruamel.yaml", "ruamel.yaml"));
    assertTrue(RemovalHook.removes("ruamel.yaml", "ruamel-yaml"));
    assertTrue(RemovalHook.removes("ruamel.yaml", "ruamelXyaml.clib"));
    assertFalse(RemovalHook.removes("ruamel.yaml", "ruamel"));
    assertEquals(".", RemovalHook.metacharacters("zope.interface.x"));
    assertEquals("", RemovalHook.metacharacters("open-clip-torch"));
  }

  @Test
  void theOtherBasicRegexMetacharactersAsSedReadsThem() {
    assertTrue(RemovalHook.removes("to*rch", "trch"));
    assertTrue(RemovalHook.removes("to*rch", "tooorch"));
    assertTrue(RemovalHook.removes("t.*h", "tqdm-with-hash"));
    assertTrue(RemovalHook.removes("torch$", "torch"));
    assertFalse(RemovalHook.removes("torch$", "torch>=2"));
    assertTrue(RemovalHook.removes("a\\.b", "a.b"));
    assertFalse(RemovalHook.removes("a\\.b", "aXb"));
    assertTrue(RemovalHook.removes("*x", "*x"), "a leading * is literal");
    assertEquals(".*$\\", RemovalHook.metacharacters("a.b*c$\\"));
  }

  @Test
  void anEmptyRemovalDeletesEveryRequirement() {
    assertTrue(RemovalHook.removes("", "anything"));
  }

  @Test
  void aHugeNameIsOneLinearScan() {
    String name = "x".repeat(5_000_000);
    assertTrue(RemovalHook.removes(name, name + ">=1"));
    assertFalse(RemovalHook.removes(name + "y", name));
  }

  @Test
  void longInputStaysCheap() {
    String pattern = "a*".repeat(2_000) + "b";
    assertFalse(RemovalHook.removes(pattern, "a".repeat(3_000)));
  }
}
