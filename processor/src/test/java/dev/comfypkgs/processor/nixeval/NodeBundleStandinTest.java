package dev.comfypkgs.processor.nixeval;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.comfypkgs.processor.testing.NixTool;
import dev.comfypkgs.processor.testing.Recipes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated node bundle, built in the stand-in, whose generic builder runs its install phase
 * with {@code /bin/sh} and logs each copy into custom_nodes/: every node is installed as its
 * directory, in sorted order whatever the declaration order, without {@code .git} and {@code
 * .github}; each edit changes its own node's file only, and an edit whose text is absent fails the
 * build.
 */
class NodeBundleStandinTest {
  private static final String HASH = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  @TempDir Path tmp;

  /**
   * A bundle declaring, out of order, a GitHub node on a tag (Zeta), a vendored directory (Alpha)
   * and a GitHub node on a commit (Mid); the stand-in's fetcher writes a SOURCE file naming what
   * it would have fetched. The vendored node carries VCS directories the install must drop.
   */
  private Path generate(String zetaReplace) throws IOException {
    Path alpha = Files.createDirectories(tmp.resolve("sources/Alpha"));
    Files.writeString(alpha.resolve("__init__.py"), "fetcher=fetchFromGitHub\n");
    Files.writeString(Files.createDirectories(alpha.resolve(".git")).resolve("HEAD"), "ref\n");
    Files.writeString(Files.createDirectories(alpha.resolve(".github")).resolve("ci.yml"), "on: push\n");
    JavaFileObject bundle = Recipes.recipe("Tools",
        "@NodeBundle(pname = \"comfyui-tools\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"https://example.org/\", license = License.MIT)",
        "@Node(directory = \"Zeta\", owner = \"example\", repo = \"zeta\", tag = \"v1\",",
        "    hash = \"" + HASH + "\")",
        "@Node(directory = \"Alpha\", file = \"Alpha\")",
        "@Node(directory = \"Mid\", owner = \"example\", repo = \"mid\",",
        "    rev = \"0123456789abcdef0123456789abcdef01234567\", hash = \"" + HASH + "\")",
        "@Substitute(node = \"Zeta\", file = \"SOURCE\", replace = " + javaString(zetaReplace) + ",",
        "    with = \"fetcher=edited\")",
        "@Substitute(node = \"Alpha\", file = \"__init__.py\", replace = \"fetcher=\",",
        "    with = \"vendored=\")");
    Path out = tmp.resolve("generated-nix");
    Compilation c = Recipes.compile(List.of("-Acomfypkgs.out=" + out), bundle, Recipes.runtime());
    assertThat(c).succeeded();
    return out.resolve(".flox/pkgs");
  }

  @Test
  void everyNodeIsInstalledInSortedOrderWithoutVcsDirectoriesAndEditedInItsOwnNodeOnly()
      throws IOException {
    NixTool.requireNix();
    Path pkgs = generate("fetcher=fetchFromGitHub");
    Path result = tmp.resolve("result");
    NixTool.build(NixTool.floxScope(pkgs, "x86_64-linux") + ".comfyui-tools", result)
        .orFail("nix-build comfyui-tools");
    assertEquals(List.of("Alpha", "Mid", "Zeta"),
        Files.readAllLines(result.resolve(".standin-installed")), "install order");
    Path nodes = result.resolve("share/comfyui/custom_nodes");
    try (var listing = Files.list(nodes)) {
      assertEquals(List.of("Alpha", "Mid", "Zeta"),
          listing.map(p -> p.getFileName().toString()).sorted().toList());
    }
    String zeta = Files.readString(nodes.resolve("Zeta/SOURCE"));
    assertTrue(zeta.startsWith("fetcher=edited\n") && zeta.contains("tag=v1"), zeta);
    String mid = Files.readString(nodes.resolve("Mid/SOURCE"));
    assertTrue(mid.startsWith("fetcher=fetchFromGitHub\n")
        && mid.contains("rev=0123456789abcdef0123456789abcdef01234567"), "Mid is not edited: " + mid);
    assertEquals("vendored=fetchFromGitHub\n", Files.readString(nodes.resolve("Alpha/__init__.py")),
        "the vendored node gets its own edit");
    assertFalse(Files.exists(nodes.resolve("Alpha/.git")), ".git is removed");
    assertFalse(Files.exists(nodes.resolve("Alpha/.github")), ".github is removed");
  }

  @Test
  void anEditWhoseTextIsAbsentFailsTheBuild() throws IOException {
    NixTool.requireNix();
    Path pkgs = generate("not in the file");
    NixTool.Result r = NixTool.build(
        NixTool.floxScope(pkgs, "x86_64-linux") + ".comfyui-tools", tmp.resolve("missing"));
    assertFalse(r.ok(), r.describe());
    assertTrue(r.stderr().contains("pattern not in the file doesn't match anything"), r.describe());
  }

  /** The committed comfyui-videogen, built in the stand-in: its four nodes, in sorted order. */
  @Test
  void theCommittedVideogenInstallsItsFourNodes() throws IOException {
    NixTool.requireNix();
    Path pkgs = NixTool.repoRoot().resolve("generated-nix/.flox/pkgs");
    Path result = tmp.resolve("videogen");
    NixTool.build(NixTool.floxScope(pkgs, "x86_64-linux") + ".comfyui-videogen", result)
        .orFail("nix-build comfyui-videogen");
    List<String> nodes = List.of("ComfyUI-AnimateDiff-Evolved", "ComfyUI-LTXVideo",
        "ComfyUI-VideoHelperSuite", "ComfyUI-WanVideoWrapper");
    assertEquals(nodes, Files.readAllLines(result.resolve(".standin-installed")), "install order");
    for (String node : nodes) {
      String source =
          Files.readString(result.resolve("share/comfyui/custom_nodes/" + node + "/SOURCE"));
      assertTrue(source.contains("repo=" + node + "\n"), node + ": " + source);
    }
  }

  private static String javaString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
