package dev.comfypkgs.cli.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.RecipesFile;
import dev.comfypkgs.cli.requirements.Classifier.Decision;
import dev.comfypkgs.cli.requirements.Classifier.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Classifier#decide}, the one classification {@code import-requirements} and {@code adopt}
 * share, over the repository's real recipes; and {@link Classifier#classify}'s words built on it.
 */
class ClassifierTest {
  private static RecipesFile recipes;

  @BeforeAll
  static void readRecipes() {
    Path root = Path.of(System.getProperty("comfypkgs.repoRoot", "..")).toAbsolutePath().normalize();
    recipes = RecipesFile.read(root.resolve("generated-nix/recipes.json"));
  }

  private static Classifier withoutIndex() {
    return new Classifier(recipes, null, Set.of());
  }

  private static Classifier withIndex() {
    return new Classifier(recipes, Set.of("numpy", "opencv4", "scipy"), Set.of("sneaky-helpers"));
  }

  @Test
  void theRuntimeComesFirst() {
    Decision d = withoutIndex().decide("Torch", null);
    assertEquals(new Decision(Kind.RUNTIME, null, null), d);
  }

  @Test
  void aRecipeIsReturnedForItsReplacedNameInAnySpelling() {
    Decision d = withoutIndex().decide("Open_Clip.Torch", null);
    assertEquals(Kind.RECIPE, d.kind());
    assertEquals("comfyui-open-clip-torch", d.recipe().pname());
    assertTrue(d.recipe().torchAgnostic());
    assertNull(d.nixpkgsAttr());
    assertEquals("rembg", withoutIndex().decide("rembg", null).recipe().attr());
  }

  @Test
  void torchBearingNamesComeFromTheRecipesAndTheIndex() {
    assertEquals(new Decision(Kind.TORCH_BEARING, null, "diffusers"), withoutIndex().decide("Diffusers", null));
    assertEquals(new Decision(Kind.TORCH_BEARING, null, "sneaky-helpers"), withIndex().decide("sneaky_helpers", null));
    // Torch-bearing even through a URL: what it brings matters more than where it comes from.
    assertEquals(Kind.TORCH_BEARING, withoutIndex().decide("diffusers", "git+https://github.com/h/diffusers").kind());
  }

  @Test
  void nixpkgsNamesAreMappedAndVerifiedOnlyWithAnIndex() {
    Classifier unverified = withoutIndex();
    assertFalse(unverified.hasIndex());
    assertEquals(new Decision(Kind.NIXPKGS, null, "opencv4"), unverified.decide("opencv-contrib-python", null));
    assertEquals(new Decision(Kind.NIXPKGS, null, "anything-at-all"), unverified.decide("Anything_At_All", null));
    Classifier verified = withIndex();
    assertTrue(verified.hasIndex());
    assertEquals(new Decision(Kind.NIXPKGS, null, "opencv4"), verified.decide("opencv-contrib-python", null));
    assertEquals(new Decision(Kind.UNKNOWN, null, null), verified.decide("anything-at-all", null));
  }

  @Test
  void aDirectUrlIsUnknownUnlessAboveDecidesIt() {
    assertEquals(new Decision(Kind.UNKNOWN, null, null), withoutIndex().decide("numpy", "https://example.org/numpy.zip"));
    assertEquals(Kind.RECIPE, withoutIndex().decide("timm", "git+https://github.com/h/timm").kind());
  }

  @Test
  void classifyWordsAreBuiltOnTheDecision() {
    Classifier c = withIndex();
    assertEquals("provided by the runtime: strip it with @TorchAgnostic(remove = \"torch\")",
        action(c, "torch", null));
    assertEquals("remove it and depend on comfyui-timm: @Requires(Timm.class) with @TorchAgnostic(remove = \"timm\")",
        action(c, "timm", null));
    assertEquals("depend on rembg: @Requires(Rembg.class)", action(c, "rembg", null));
    assertEquals("carries torch and has no recipe: ./comfypkgs new diffusers --github h/diffusers --tag TAG"
        + " --torch-agnostic", action(c, "diffusers", "git+https://github.com/h/diffusers.git@v1"));
    assertEquals("bundle it: @Bundle(\"opencv4\")", action(c, "opencv-contrib-python", null));
    assertEquals("bundle python3.pkgs.numpy (unverified: no --index)", action(withoutIndex(), "numpy", null));
    assertEquals("a direct URL: package it with ./comfypkgs new fancy --github someone/fancy --tag TAG"
        + " (or --rev COMMIT)", action(c, "fancy", "git+https://github.com/someone/fancy.git"));
    assertEquals("not in the nixpkgs index; did you mean python3.pkgs.scipy?", action(c, "scipyy", null));
  }

  private static String action(Classifier c, String name, String url) {
    return c.classify(new RequirementsFile.Requirement(Path.of("/r.txt"), 1, name, name, url, List.of(), null))
        .action();
  }
}
