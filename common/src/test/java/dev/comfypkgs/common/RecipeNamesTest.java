package dev.comfypkgs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grammars CPK005 and {@code comfypkgs new} share, at their edges. */
class RecipeNamesTest {
  @ParameterizedTest
  @CsvSource({
      "timm, true", "comfyui-timm, true", "x_1, true", "_x, true", "let, false", "or, false",
      "1x, false", "a.b, false", "'', false"})
  void nixIdentifiers(String name, boolean valid) {
    assertEquals(valid, RecipeNames.isNixIdentifier(name));
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
