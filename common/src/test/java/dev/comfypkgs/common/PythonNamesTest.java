package dev.comfypkgs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PythonNamesTest {
  @Test
  void collapsesSeparatorRunsAndLowersCase() {
    assertEquals("open-clip-torch", PythonNames.normalize("Open_CLIP.torch"));
    assertEquals("a-b", PythonNames.normalize("A-_.b"));
    assertEquals("a-b", PythonNames.normalize("a--b"));
    assertEquals("-a-", PythonNames.normalize("._a__"));
  }

  @Test
  void returnsANormalNameItself() {
    String name = "open-clip-torch";
    assertSame(name, PythonNames.normalize(name));
  }
}
