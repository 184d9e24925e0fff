package dev.comfypkgs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grammars CPK005 and {@code comfypkgs new} share, at their edges. */
class RecipeNamesTest {
  @ParameterizedTest
  @CsvSource({
      "timm, true", "comfyui-timm, true", "x_1, true", "_x, true", "let, false", "or, false",
      "1x, false", "a.b, false", "'', false", "x', true", "a'b-c, true", "Z9, true", "-x, false",
      "a b, false", "é, false", "aé, false", "in, false", "inn, true"})
  void nixIdentifiers(String name, boolean valid) {
    assertEquals(valid, RecipeNames.isNixIdentifier(name));
  }

  /** The character loop accepts exactly what Nix's identifier grammar, as a regex, accepts. */
  @Test
  void nixIdentifiersFollowTheGrammarForEveryShortName() {
    Pattern grammar = Pattern.compile("[A-Za-z_][A-Za-z0-9_'\\-]*");
    Set<String> keywords = Set.of("if", "in", "or", "let", "rec");
    String alphabet = "aZz_09'-.$ é@[`{/:";
    List<String> names = new ArrayList<>(List.of(""));
    for (int length = 1, from = 0; length <= 3; length++) {
      int to = names.size();
      for (String prefix : names.subList(from, to).toArray(String[]::new)) {
        for (char c : alphabet.toCharArray()) {
          names.add(prefix + c);
        }
      }
      from = to;
    }
    names.addAll(keywords);
    for (String name : names) {
      assertEquals(grammar.matcher(name).matches() && !keywords.contains(name),
          RecipeNames.isNixIdentifier(name), name);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "huggingface, true", "a-b, true", "a-, false", "-a, false", "a_b, false",
      "abcdefghijabcdefghijabcdefghijabcdefghi, true", "abcdefghijabcdefghijabcdefghijabcdefghij, false"})
  void gitHubOwners(String owner, boolean valid) {
    assertEquals(valid, RecipeNames.isGitHubOwner(owner));
  }

  @ParameterizedTest
  @CsvSource({"pytorch-image-models, true", "a.b_c, true", "., false", "'..', false", "a/b, false"})
  void gitHubRepos(String repo, boolean valid) {
    assertEquals(valid, RecipeNames.isGitHubRepo(repo));
  }

  @ParameterizedTest
  @CsvSource({
      "open_clip_torch, true", "a, true", "a-, false", "-a, false", "a b, false",
      "1.0.22, true", "0.1.5-unstable-2025-12-22, true", "'a''b', false"})
  void pythonProjectsAndStoreNames(String name, boolean pythonProject) {
    assertEquals(pythonProject, RecipeNames.isPythonProject(name));
  }

  @ParameterizedTest
  @CsvSource({"1.0.22, true", "v1+local, true", "-1, false", "'1 0', false", "'', false"})
  void storeNames(String name, boolean valid) {
    assertEquals(valid, RecipeNames.isStoreName(name));
  }
}
