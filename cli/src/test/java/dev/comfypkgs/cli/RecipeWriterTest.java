package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.palantir.javapoet.ClassName;
import dev.comfypkgs.cli.scaffold.RecipeSpec;
import dev.comfypkgs.cli.scaffold.RecipeWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code new} writes, byte for byte, for each shape of recipe it can write: the recipe
 * writing {@code new} and {@code adopt} share must not change what {@code new} wrote before.
 */
class RecipeWriterTest {
  private static final Path GOLDEN =
      Path.of(System.getProperty("user.dir")).resolve("src/test/resources/fixtures/adopt/new");

  @TempDir static Path root;
  static LocalServer server;
  static Path generated;

  @BeforeAll
  static void serve() throws IOException {
    Path tree = Files.createDirectories(root.resolve("upstream/newpkg-2.1.0"));
    Files.writeString(tree.resolve("pyproject.toml"), "[project]\nname = \"newpkg\"\n");
    Path tgz = root.resolve("upstream/newpkg.tar.gz");
    assertEquals(0, Tools.run(List.of("tar", "-czf", tgz.toString(), "newpkg-2.1.0"), tree.getParent(), Map.of()).exitCode());
    server = new LocalServer().file("/standin/newpkg/archive/", Files.readAllBytes(tgz));
    generated = CliHarness.generate(root.resolve("project"), "verify");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Runs {@code new args...} in this JVM and returns the text of the file it wrote. */
  private static String written(String className, String... args) throws IOException {
    Path recipes = root.resolve("project/recipes-java/src/main/java");
    List<String> all = new ArrayList<>(List.of("--dir", generated.toString(), "new"));
    all.addAll(List.of(args));
    all.addAll(List.of("--github-base", server.base(), "--package", "golden"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, exit, out + "\n" + err);
    return Files.readString(recipes.resolve("golden").resolve(className + ".java"));
  }

  private static String golden(String name) throws IOException {
    return Files.readString(GOLDEN.resolve(name + ".java.txt"));
  }

  @Test
  void aTorchAgnosticRebuildAtATag() throws IOException {
    assertEquals(golden("Rebuilt"), written("Rebuilt", "rebuilt", "--github", "standin/newpkg",
        "--tag", "v2.1.0", "--torch-agnostic", "--remove", "torchvision", "timm",
        "--bundle", "numpy", "pillow", "--platforms", "LINUX", "--license", "BSD3"));
  }

  @Test
  void aPackageAtACommitWithItsOwnClassAndPlatforms() throws IOException {
    assertEquals(golden("OtherPackage"), written("OtherPackage", "other-pkg", "--github", "standin/newpkg",
        "--rev", "0123456789abcdef0123456789abcdef01234567", "--version", "2.1.0-unstable-2025-01-01",
        "--build-system", "hatchling", "--platforms", "X86_64_LINUX", "AARCH64_LINUX",
        "--class", "OtherPackage", "--description", "A \"quoted\" description"));
  }

  @Test
  void everythingByDefault() throws IOException {
    assertEquals(golden("Plain"), written("Plain", "plain", "--github", "standin/newpkg", "--tag", "2.1.0"));
  }

  @Test
  void whatAdoptWritesCompilesAndPassesEveryRule() throws IOException {
    RecipeSpec rebuild = RecipeSpec.builder(RecipeSpec.Kind.PYTHON_PACKAGE, "verify", "BazCore")
        .pname("comfyui-baz-core")
        .attr("baz-core")
        .version("2.0.0")
        .description("baz-core, built to use the runtime's PyTorch")
        .homepage("https://pypi.org/project/baz-core/")
        .source(new RecipeSpec.PyPISource("baz_core", "", "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
        .buildSystem(List.of("setuptools", "wheel"))
        .bundle(List.of("numpy"), List.of())
        .requires(List.of(ClassName.get("verify", "Timm")))
        .torchRemove(List.of("torch", "timm", "torchvision"))
        .replaces(List.of("baz-core"))
        .platforms(List.of("LINUX"))
        .smokeImports(List.of("baz_core"))
        .javadoc("Adopted for a node.")
        .build();
    RecipeSpec node = RecipeSpec.builder(RecipeSpec.Kind.CUSTOM_NODE, "verify", "Alpha")
        .pname("comfyui-alpha")
        .version("1.0.0")
        .description("ComfyUI-Alpha")
        .homepage("https://github.com/standin/ComfyUI-Alpha")
        .source(new RecipeSpec.GitHubSource("standin", "ComfyUI-Alpha", "v1.0.0", null,
            "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
        .bundle(List.of("einops", "pillow"), List.of())
        .bundle(List.of("scipy"), List.of("X86_64_LINUX", "AARCH64_LINUX"))
        .requires(List.of(ClassName.get("verify", "BazCore"), ClassName.get("verify", "Timm")))
        .platforms(List.of("LINUX"))
        .javadoc("Adopted.")
        .build();
    Path dir = Files.createDirectories(root.resolve("written"));
    List<Path> files = new ArrayList<>();
    for (RecipeSpec spec : List.of(rebuild, node)) {
      Path file = dir.resolve(spec.className() + ".java");
      Files.writeString(file, RecipeWriter.javaFile(spec).toString());
      files.add(file);
    }
    String text = Files.readString(files.get(0));
    assertTrue(text.contains("@PyPI(\n    name = \"baz_core\",\n    hash = "), text);
    assertTrue(text.contains("@Requires(Timm.class)"), text);
    assertTrue(text.contains("@Replaces(\"baz-core\")\n@Platforms(Platform.LINUX)\n@SmokeImport(\"baz_core\")"), text);
    String nodeText = Files.readString(files.get(1));
    assertTrue(nodeText.contains("@CustomNode("), nodeText);
    assertTrue(nodeText.contains("@Requires({BazCore.class, Timm.class})"), nodeText);
    assertTrue(nodeText.contains("systems = {Platform.X86_64_LINUX, Platform.AARCH64_LINUX}"), nodeText);

    Compilation c = CliHarness.compileFixtures("verify", files, "-Acomfypkgs.warningsAsErrors=true");
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
  }

  @Test
  void classNamesComeFromAttrs() {
    assertEquals("ComfyuiOpenClipTorch", RecipeWriter.classNameOf("comfyui-open-clip-torch"));
    assertEquals("Recipe3dPack", RecipeWriter.classNameOf("3d-pack"));
  }
}
