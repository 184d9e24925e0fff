package dev.comfypkgs.cli.pypi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.RecipesFile;
import dev.comfypkgs.cli.pypi.TorchReach.Reach;
import dev.comfypkgs.cli.pypi.TorchReach.Start;
import dev.comfypkgs.cli.pypi.TorchReach.Verdict;
import dev.comfypkgs.cli.requirements.Classifier;
import dev.comfypkgs.cli.requirements.MarkerEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torch reach over a PyPI served from a map (a name missing from it is a 404), classified against
 * the repository's real recipes: torch, torchvision, kornia and transformers come from the
 * runtime (kornia carrying torch); timm is rebuilt torch-agnostic; rembg is a clean recipe;
 * diffusers carries torch.
 */
class TorchReachTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<MarkerEnvironment> LINUX = MarkerEnvironment.LINUX_MACHINES.stream()
      .map(m -> MarkerEnvironment.linux("3.13", m)).toList();
  private static RecipesFile recipes;

  @TempDir Path dir;
  private final Map<String, List<String>> pypi = new HashMap<>();
  private final List<String> fetched = new ArrayList<>();

  @BeforeAll
  static void readRecipes() {
    Path root = Path.of(System.getProperty("comfypkgs.repoRoot", "..")).toAbsolutePath().normalize();
    recipes = RecipesFile.read(root.resolve("generated-nix/recipes.json"));
  }

  /** Puts a project on the fake PyPI, requiring the given dependencies. */
  private void project(String name, String... requiresDist) {
    pypi.put(name, List.of(requiresDist));
  }

  private JsonSource source() {
    return name -> {
      fetched.add(name);
      List<String> requires = pypi.get(name);
      if (requires == null) {
        return Optional.empty();
      }
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("name", name);
      info.put("version", "1.0");
      info.put("requires_dist", requires);
      try {
        Path file = dir.resolve(name + ".json");
        JSON.writeValue(file.toFile(), Map.of("info", info, "urls", List.of()));
        return Optional.of(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private TorchReach.Result walk(Set<String> index, int maxDepth, int maxLookups, String... starts)
      throws IOException {
    Classifier classifier = new Classifier(recipes, index, Set.of());
    TorchReach reach = new TorchReach(classifier, new PyPIJson.Client(source()), LINUX, maxDepth, maxLookups);
    List<Start> from = new ArrayList<>();
    for (String s : starts) {
      int bracket = s.indexOf('[');
      from.add(bracket < 0 ? new Start(s, null, List.of())
          : new Start(s.substring(0, bracket), null, List.of(s.substring(bracket + 1, s.length() - 1).split(","))));
    }
    return reach.walk(from);
  }

  private TorchReach.Result walk(String... starts) throws IOException {
    return walk(null, TorchReach.DEFAULT_MAX_DEPTH, TorchReach.MAX_LOOKUPS, starts);
  }

  private static Verdict verdict(TorchReach.Result result, String name) {
    return result.of(name).orElseThrow(() -> new AssertionError(name + " was not met"));
  }

  @Test
  void aDirectTorchRequirementIsFoundAndKnownNamesAreNotLookedUp() throws IOException {
    project("baz-core", "torch");
    TorchReach.Result r = walk("Baz_Core", "timm", "rembg", "kornia", "transformers");
    Verdict baz = verdict(r, "baz-core");
    assertEquals(Reach.TORCH, baz.reach());
    assertEquals(List.of("baz-core", "torch"), baz.chain());
    assertEquals("carries torch (provided by the runtime)", baz.reason());
    assertEquals(Reach.TORCH, verdict(r, "timm").reach(), "a torch-agnostic recipe rebuilds a torch carrier");
    assertEquals(Reach.CLEAN, verdict(r, "rembg").reach());
    assertEquals(Reach.TORCH, verdict(r, "kornia").reach(), "the runtime's, and it carries torch");
    assertEquals(Reach.CLEAN, verdict(r, "transformers").reach(), "the runtime's, without torch by the recipes");
    assertEquals(List.of("baz-core"), fetched);
    assertEquals(1, r.lookups());
  }

  @Test
  void torchIsFoundTransitivelyWithItsChain() throws IOException {
    project("bar-rebuild", "torchvision>=0.15", "numpy", "baz-core>=2", "pytest ; extra == \"test\"",
        "pywin32 ; platform_system == \"Windows\"");
    project("baz-core", "torch");
    project("numpy");
    TorchReach.Result r = walk("bar-rebuild");
    Verdict bar = verdict(r, "bar-rebuild");
    assertEquals(Reach.TORCH, bar.reach());
    // torchvision is met first and carries torch itself: the shortest chain is kept.
    assertEquals(List.of("bar-rebuild", "torchvision"), bar.chain());
    assertEquals(List.of("baz-core", "torch"), verdict(r, "baz-core").chain());
    assertEquals(Reach.CLEAN, verdict(r, "numpy").reach(), "unverified without an index: looked up, clean");
    assertNull(verdict(r, "numpy").reason());
    assertTrue(r.of("pytest").isEmpty(), "an extra not asked for is not followed");
    assertTrue(r.of("pywin32").isEmpty(), "not on Linux");
    assertEquals(List.of("bar-rebuild", "numpy", "baz-core"), fetched);
  }

  @Test
  void anIndexSparesTheLookupsOfNixpkgsNames() throws IOException {
    project("bar-rebuild", "numpy", "scipy");
    TorchReach.Result r = walk(Set.of("numpy", "scipy"), 4, 300, "bar-rebuild");
    assertEquals(Reach.CLEAN, verdict(r, "bar-rebuild").reach());
    assertEquals(List.of("bar-rebuild"), fetched);
  }

  @Test
  void anExtraAskedForIsFollowed() throws IOException {
    project("bar-rebuild", "helper ; extra == \"GPU\"");
    project("helper", "diffusers");
    TorchReach.Result r = walk("bar-rebuild[gpu]");
    assertEquals(List.of("bar-rebuild", "helper", "diffusers"), verdict(r, "bar-rebuild").chain());
    assertEquals("carries torch", verdict(r, "bar-rebuild").reason());
  }

  @Test
  void aCycleCannotHideTorch() throws IOException {
    // a requires b before c; b requires a back. Settling b while a is still open would call b
    // clean, though through a it reaches torch.
    project("a", "b", "c");
    project("b", "a");
    project("c", "diffusers");
    project("x", "y");
    project("y", "x", "numpy");
    project("numpy");
    TorchReach.Result r = walk("a", "x");
    assertEquals(List.of("a", "c", "diffusers"), verdict(r, "a").chain());
    assertEquals(List.of("b", "a", "c", "diffusers"), verdict(r, "b").chain());
    assertEquals(Reach.CLEAN, verdict(r, "x").reach(), "a cycle without torch is clean");
    assertEquals(Reach.CLEAN, verdict(r, "y").reach());
    assertEquals(List.of("a", "x", "b", "c", "y", "numpy"), fetched, "each name once, breadth first");
  }

  @Test
  void namesDeeperThanTheLimitAreNotLookedUp() throws IOException {
    project("d1", "d2");
    project("d2", "d3");
    project("d3", "torch");
    TorchReach.Result shallow = walk(null, 2, 300, "d1");
    Verdict d1 = verdict(shallow, "d1");
    assertEquals(Reach.UNKNOWN, d1.reach());
    assertEquals(List.of("d1", "d2", "d3"), d1.chain());
    assertEquals("not looked up: deeper than 2 levels", d1.reason());
    assertEquals(List.of("d1", "d2"), fetched);
    assertEquals(List.of("d3: not looked up (deeper than --max-depth 2): whether it brings torch is"
        + " not known"), shallow.notes());

    fetched.clear();
    TorchReach.Result deep = walk(null, 3, 300, "d1");
    assertEquals(List.of("d1", "d2", "d3", "torch"), verdict(deep, "d1").chain());
    assertEquals(List.of(), deep.notes(), "torch itself is known, not looked up");
  }

  @Test
  void aNameReachedTooDeepByTwoPathsIsNotedOnce() throws IOException {
    project("top", "left", "right");
    project("left", "bottom");
    project("right", "bottom");
    TorchReach.Result r = walk(null, 2, 300, "top");
    assertEquals(List.of("bottom: not looked up (deeper than --max-depth 2): whether it brings torch"
        + " is not known"), r.notes());
  }

  @Test
  void theLookupsAreBounded() {
    project("fan", "a1", "a2", "a3", "a4");
    CliException e = assertThrows(CliException.class, () -> walk(null, 4, 3, "fan"));
    assertEquals(ExitCode.FAILED, e.exitCode());
    assertTrue(e.getMessage().startsWith("more than 3 PyPI lookups while looking for torch"), e.getMessage());
    assertEquals(3, fetched.size());
  }

  @Test
  void aNameNotOnPyPIIsUnknownUnlessTorchIsFoundAnyway() throws IOException {
    project("parent", "ghost");
    project("both", "ghost", "diffusers");
    TorchReach.Result r = walk("parent", "both");
    assertEquals(new Verdict("ghost", Reach.UNKNOWN, List.of("ghost"), "not on PyPI"), verdict(r, "ghost"));
    assertEquals(new Verdict("parent", Reach.UNKNOWN, List.of("parent", "ghost"), "not on PyPI"),
        verdict(r, "parent"));
    assertEquals(Reach.TORCH, verdict(r, "both").reach());
    assertEquals(List.of("parent", "both", "ghost"), fetched, "a 404 is asked once");
  }

  @Test
  void aDirectUrlIsNotLookedUp() throws IOException {
    Classifier classifier = new Classifier(recipes, null, Set.of());
    TorchReach reach = new TorchReach(classifier, new PyPIJson.Client(source()), LINUX, 4, 300);
    TorchReach.Result r = reach.walk(List.of(new Start("fancy", "git+https://github.com/someone/fancy.git", List.of())));
    assertEquals("a direct URL, not looked up on PyPI", verdict(r, "fancy").reason());
    assertEquals(Reach.UNKNOWN, verdict(r, "fancy").reach());
    assertTrue(fetched.isEmpty());
  }

  @Test
  void anUnreadableEntryOrAnUndecidedMarkerIsNoted() throws IOException {
    project("odd", "good", "bad[ entry", "kernel-dep ; platform_release >= '5'");
    project("good");
    project("kernel-dep");
    TorchReach.Result r = walk("odd");
    Verdict odd = verdict(r, "odd");
    assertEquals(Reach.UNKNOWN, odd.reach());
    assertTrue(odd.reason().startsWith("PyPI lists a dependency that cannot be read: invalid dependency 'bad[ entry'"),
        odd.reason());
    assertEquals(Reach.CLEAN, verdict(r, "kernel-dep").reach(), "kept, since it might apply");
    assertEquals(2, r.notes().size());
    assertTrue(r.notes().get(1).equals("odd: marker not decided, kept: kernel-dep ; platform_release >= '5'"),
        r.notes().toString());
  }

  @Test
  void aMarkerTrueOnOneMachineKeepsTheDependency() throws IOException {
    project("arm-only", "diffusers ; platform_machine == 'aarch64'");
    project("nowhere", "diffusers ; platform_machine == 'ppc64le'");
    TorchReach.Result r = walk("arm-only", "nowhere");
    assertEquals(Reach.TORCH, verdict(r, "arm-only").reach());
    assertEquals(Reach.CLEAN, verdict(r, "nowhere").reach());
    assertFalse(r.of("diffusers").isEmpty());
  }
}
