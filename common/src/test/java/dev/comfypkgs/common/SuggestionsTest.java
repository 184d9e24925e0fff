package dev.comfypkgs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void nearestFirstThenAlphabeticalUpToTheLimit() {
    List<String> index = List.of("timm", "tim", "time", "rembg", "tomm");
    assertEquals(List.of("tim", "time", "timm"), Suggestions.closest("timn", index, 3));
    assertEquals(List.of("tim"), Suggestions.closest("timn", index, 1));
  }

  @Test
  void ignoresCase() {
    assertEquals(List.of("pillow"), Suggestions.closest("Pillow", List.of("pillow", "numpy"), 3));
  }

  @Test
  void farNamesAreNoSuggestion() {
    assertEquals(List.of(), Suggestions.closest("ultralytics", List.of("timm", "rembg"), 3));
  }

  @Test
  void levenshtein() {
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
    assertEquals(4, Suggestions.distance("", "abcd"));
  }
}
