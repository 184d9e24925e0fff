package dev.comfypkgs.processor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.annotations.Format;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The facts the rules and the emitters share are computed once, in the model: a file's
 * dependencies per system, its formal arguments, and the {@code @Requires} graph.
 */
class DependenciesTest {
  private static PackageDescriptor pkg(String attr, SystemSet platforms, List<String> requires) {
    return pkgBuilder(attr, platforms, requires).build();
  }

  private static PackageDescriptor.Builder pkgBuilder(
      String attr, SystemSet platforms, List<String> requires) {
    return PackageDescriptor.builder()
        .recipeClass("r." + attr)
        .attr(attr)
        .pname(attr)
        .version("1")
        .description("d")
        .homepage("")
        .license("mit")
        .format(Format.PYPROJECT)
        .source(new Source.Vendored(attr + ".whl", ""))
        .requires(requires)
        .platforms(platforms);
  }

  private static RecipeSet set(List<PackageDescriptor> packages, List<MetaDescriptor> metas) {
    return new RecipeSet(packages, metas, List.of(), null, "env", "python313", List.of(), List.of());
  }

  private static final PackageDescriptor EVERYWHERE = pkg("everywhere", SystemSet.ALL, List.of());
  private static final PackageDescriptor LINUX_ONLY = pkg("linux-only", SystemSet.LINUX, List.of());

  private static MetaDescriptor meta(List<String> members, List<BundleGroup> bundles) {
    return new MetaDescriptor(
        "r.Meta", "meta", "meta", "1", "d", "", "mit", members, List.of("numpy"), bundles,
        SystemSet.ALL, false);
  }

  @Test
  void metaMembersGoInOnTheSystemsTheyShareWithTheMetaPackage() {
    MetaDescriptor m =
        meta(
            List.of("everywhere", "linux-only"),
            List.of(new BundleGroup(List.of("onnx"), SystemSet.LINUX)));
    Dependencies d = set(List.of(EVERYWHERE, LINUX_ONLY), List.of(m)).dependencies(m);

    assertEquals(List.of("numpy", "everywhere"), d.always());
    assertEquals(Map.of(SystemSet.LINUX, List.of("onnx", "linux-only")), d.conditional());
    // Per system, in declaration order (recipes.json lists them so), not always-then-conditional.
    assertEquals(
        Map.of(
            "x86_64-linux", List.of("numpy", "onnx", "everywhere", "linux-only"),
            "aarch64-linux", List.of("numpy", "onnx", "everywhere", "linux-only"),
            "x86_64-darwin", List.of("numpy", "everywhere"),
            "aarch64-darwin", List.of("numpy", "everywhere")),
        d.bySystem());
    assertEquals(
        List.of("lib", "python3", "stdenv", "everywhere", "linux-only"), Scope.metaArguments(m, d));
  }

  @Test
  void aMetaPackageWithoutConditionsTakesNoStdenv() {
    MetaDescriptor m = meta(List.of("everywhere"), List.of());
    Dependencies d = set(List.of(EVERYWHERE), List.of(m)).dependencies(m);

    assertEquals(Map.of(), d.conditional());
    assertEquals(List.of("lib", "python3", "everywhere"), Scope.metaArguments(m, d));
  }

  @Test
  void aPackageTakesItsRequiredRecipesAfterTheFixedArguments() {
    PackageDescriptor p =
        pkgBuilder("user", SystemSet.ALL, List.of("everywhere"))
            .bundles(List.of(new BundleGroup(List.of("onnx"), SystemSet.DARWIN)))
            .build();
    Dependencies d = set(List.of(p, EVERYWHERE), List.of()).dependencies(p);

    assertEquals(List.of("everywhere"), d.always());
    assertEquals(Map.of(SystemSet.DARWIN, List.of("onnx")), d.conditional());
    assertEquals(List.of("lib", "python3", "stdenv", "everywhere"), Scope.packageArguments(p, d));
  }

  @Test
  void theRequiresGraphIsBuiltOncePerSetAndFindsEachCycleOnce() {
    RecipeSet set =
        set(
            List.of(
                pkg("a", SystemSet.ALL, List.of("b")),
                pkg("b", SystemSet.ALL, List.of("a")),
                pkg("c", SystemSet.ALL, List.of("a"))),
            List.of());
    RecipeGraph graph = set.graph();

    assertSame(graph, set.graph());
    assertEquals(List.of(List.of("a", "b", "a")), graph.cycles());
    assertTrue(graph.reaches("c", "b"));
    assertEquals(List.of("c", "a", "b"), graph.path("c", "b"));
    assertEquals("b", graph.firstReached("c", List.of("b", "everywhere")));
  }
}
