package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.release.Gate;
import dev.comfypkgs.cli.release.GateResult;
import dev.comfypkgs.cli.release.GateResult.Outcome;
import dev.comfypkgs.cli.release.Gates;
import dev.comfypkgs.cli.release.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gates on real commits of a {@link ReleaseFixture}: each compiles the commit's own processor
 * and recipes on a copy of the commit, never in the user's work tree.
 */
class GatesTest {
  /** The home and toolchain cache of the whole class: the toolchain compiles once. */
  @TempDir static Path shared;

  @TempDir Path tmp;

  private ReleaseFixture fixture;
  private Gates gates;

  @BeforeEach
  void repository() throws IOException {
    fixture = ReleaseFixture.create(tmp, shared);
    gates = new Gates(Git.open(fixture.work()), Optional.of(CliHarness.standinNixpkgs()), fixture.compiler());
  }

  @Test
  void aGoodCommitPassesGenerated() throws IOException {
    List<GateResult> results = gates.check(fixture.head(), EnumSet.of(Gate.STATIC));
    assertEquals(List.of(Gate.GENERATED, Gate.STATIC), results.stream().map(GateResult::gate).toList());
    GateResult generated = results.get(0);
    assertEquals(Outcome.PASSED, generated.outcome(), generated.detail());
    assertEquals(fixture.head(), generated.commit());
    assertEquals(Outcome.SKIPPED, results.get(1).outcome());
  }

  @Test
  void aCommitWhoseGeneratedNixIsStaleFailsNamingTheFile() throws IOException {
    String stale = fixture.commitFiles("describe timm better", Map.of(ReleaseFixture.RECIPES + "/Timm.java",
        fixture.editedRecipe("Timm", "description = \"timm\"", "description = \"PyTorch image models\"")));
    GateResult generated = generated(stale);
    assertEquals(Outcome.FAILED, generated.outcome());
    assertTrue(generated.detail().contains("generated-nix/ is stale at " + stale.substring(0, 12)), generated.detail());
    assertTrue(generated.detail().contains(" M generated-nix/recipes.json"), generated.detail());
    assertTrue(generated.detail().lines().anyMatch(l -> l.matches(" M generated-nix/\\.flox/pkgs/.*timm.*\\.nix")),
        generated.detail());
  }

  @Test
  void aProcessorErrorFailsQuotingTheRule() throws IOException {
    String broken = fixture.commitFiles("timm 1.0.23", Map.of(ReleaseFixture.RECIPES + "/Timm.java",
        fixture.editedRecipe("Timm", "version = \"1.0.22\"", "version = \"1.0.23\"")));
    GateResult generated = generated(broken);
    assertEquals(Outcome.FAILED, generated.outcome());
    assertTrue(generated.detail().contains("the recipes do not compile at " + broken.substring(0, 12)),
        generated.detail());
    assertTrue(generated.detail().lines().anyMatch(l -> l.startsWith(ReleaseFixture.RECIPES + "/Timm.java:")
        && l.contains("error: [CPK106]") && l.contains("does not match the tag \"v1.0.22\"")), generated.detail());
  }

  @Test
  void theGuardRefusesADependencyMavenWouldAddToTheCandidatesProcessor() throws IOException {
    String pom = Files.readString(fixture.work().resolve("processor/pom.xml"));
    String extra = pom.replaceFirst("<dependencies>", "<dependencies>\n    <dependency>\n"
        + "      <groupId>org.example</groupId>\n      <artifactId>extra-rules</artifactId>\n"
        + "      <version>1.0</version>\n    </dependency>");
    String candidate = fixture.commitFiles("the processor needs a library", Map.of("processor/pom.xml", extra));
    GateResult generated = generated(candidate);
    assertEquals(Outcome.FAILED, generated.outcome());
    assertTrue(generated.detail().contains("cannot reproduce this commit's build without Maven:"
        + " processor/pom.xml depends on org.example:extra-rules"), generated.detail());
  }

  @Test
  void staticPassesOnACleanMetaPackageAndFailsWhenItsClosureHasTorch() throws IOException {
    CliHarness.requireNix();
    GateResult clean = gates.check(fixture.head(), EnumSet.of(Gate.GENERATED)).get(1);
    assertEquals(Gate.STATIC, clean.gate());
    assertEquals(Outcome.PASSED, clean.outcome(), clean.detail());

    String sneaky = """
        package release;

        import dev.comfypkgs.annotations.*;

        @PythonPackage(pname = "comfyui-sneaky", version = "1.0.0", description = "sneaky", homepage = "",
            license = License.MIT)
        @GitHub(owner = "standin", repo = "sneaky", tag = "v1.0.0", hash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        @BuildSystem("setuptools")
        @Bundle({"numpy", "sneaky-helpers"})
        public final class Sneaky {}
        """;
    String torch = fixture.commitRecipes("extras bundle sneaky", Map.of(
        ReleaseFixture.RECIPES + "/Sneaky.java", sneaky,
        ReleaseFixture.RECIPES + "/Extras.java",
        fixture.editedRecipe("Extras", "members = {Timm.class}", "members = {Timm.class, Sneaky.class}")));
    List<GateResult> results = gates.check(torch, Set.of());
    assertEquals(Outcome.PASSED, results.get(0).outcome(), "regenerated, so not stale: " + results.get(0).detail());
    GateResult dirty = results.get(1);
    assertEquals(Outcome.FAILED, dirty.outcome());
    assertTrue(dirty.detail().contains("verify --static release-extras for x86_64-linux"), dirty.detail());
    assertTrue(dirty.detail().contains("'torch' among the propagated inputs"), dirty.detail());
  }

  @Test
  void staticNamesAVendoredFileTheCheckoutLacksAndHowToGetIt() throws IOException {
    CliHarness.requireNix();
    String tarball = """
        package release;

        import dev.comfypkgs.annotations.*;

        @PythonPackage(pname = "img2texture", version = "unstable-2024-02-20", description = "tiles",
            homepage = "", license = License.MIT, format = Format.SETUPTOOLS)
        @Vendored(file = "img2texture-d6159ab.tar.gz")
        @Bundle({"numpy"})
        public final class Img2Texture {}
        """;
    String candidate = fixture.commitRecipes("extras vendor img2texture", Map.of(
        ReleaseFixture.RECIPES + "/Img2Texture.java", tarball,
        ReleaseFixture.RECIPES + "/Extras.java",
        fixture.editedRecipe("Extras", "members = {Timm.class}", "members = {Timm.class, Img2Texture.class}")));
    List<GateResult> results = gates.check(candidate, Set.of());
    assertEquals(Outcome.PASSED, results.get(0).outcome(), results.get(0).detail());
    GateResult missing = results.get(1);
    assertEquals(Outcome.FAILED, missing.outcome());
    assertTrue(missing.detail().contains("sources/img2texture-d6159ab.tar.gz (for img2texture) is missing in this"
        + " checkout, and evaluating release-extras reads it (comfypkgs vendor img2texture --from <URL>)"),
        missing.detail());

    Files.createDirectories(fixture.work().resolve("sources"));
    Files.writeString(fixture.work().resolve("sources/img2texture-d6159ab.tar.gz"), "a tarball");
    GateResult present = gates.check(candidate, Set.of()).get(1);
    assertTrue(!present.detail().contains("is missing in this checkout"), present.detail());
  }

  @Test
  void aCandidateOtherThanHeadIsComparedWithItsOwnFilesNotWithHead() throws IOException {
    String c0 = fixture.head();
    String described = fixture.commitRecipes("describe timm better", Map.of(ReleaseFixture.RECIPES + "/Timm.java",
        fixture.editedRecipe("Timm", "description = \"timm\"", "description = \"PyTorch image models\"")));
    // HEAD elsewhere, as when rotate gates latest from latest-testing: its generated-nix/ differs.
    fixture.git("switch", "--quiet", "--detach", c0);
    GateResult generated = generated(described);
    assertEquals(Outcome.PASSED, generated.outcome(), generated.detail());
  }

  @Test
  void aCheckLeavesTheUsersWorkTreeHeadRefsAndGitDirectoryAsTheyWere() throws IOException {
    String good = fixture.head();
    String stale = fixture.commitFiles("describe timm better", Map.of(ReleaseFixture.RECIPES + "/Timm.java",
        fixture.editedRecipe("Timm", "description = \"timm\"", "description = \"PyTorch image models\"")));
    fixture.git("switch", "--quiet", "--create", "latest-testing", good);
    // Work in progress: an edited tracked file, a staged one, an untracked one.
    Files.writeString(fixture.work().resolve(ReleaseFixture.RECIPES + "/Extras.java"), "// mid-edit\n");
    Files.writeString(fixture.work().resolve("README.md"), "staged\n");
    fixture.git("add", "README.md");
    Files.writeString(fixture.work().resolve("notes.txt"), "untracked\n");
    Map<String, String> before = fixture.snapshot();

    assertEquals(Outcome.PASSED, generated(good).outcome());
    assertEquals(Outcome.FAILED, generated(stale).outcome());

    assertEquals(before, fixture.snapshot());
  }

  @Test
  void theToolchainIsCompiledOncePerProcessorAndReused() throws IOException {
    Path toolchains = shared.resolve("cache/comfypkgs/toolchain");
    List<Path> built = list(toolchains);
    assertEquals(1, built.size(), "the fixture's generation built one: " + built);
    Path marker = Files.writeString(built.get(0).resolve("marker"), "this toolchain, not a rebuild");

    assertEquals(Outcome.PASSED, generated(fixture.head()).outcome());
    assertEquals(Outcome.PASSED, generated(fixture.head()).outcome());
    assertEquals(built, list(toolchains));
    assertTrue(Files.exists(marker));

    Path rule = fixture.work().resolve("processor/src/main/java/dev/comfypkgs/processor/RecipeProcessor.java");
    String changed = fixture.commitFiles("a processor change", Map.of(
        "processor/src/main/java/dev/comfypkgs/processor/RecipeProcessor.java",
        Files.readString(rule) + "// a change to the processor\n"));
    assertEquals(Outcome.PASSED, generated(changed).outcome());
    assertEquals(2, list(toolchains).size(), "another processor, another toolchain");
  }

  private GateResult generated(String commit) {
    List<GateResult> results = gates.check(commit, EnumSet.of(Gate.STATIC));
    assertEquals(Gate.GENERATED, results.get(0).gate());
    return results.get(0);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    }
  }
}
