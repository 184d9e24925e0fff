package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.processor.testing.Recipes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated text, byte for byte, for representative recipes: a torch-agnostic GitHub package,
 * one pinned to a commit with patches and a conditional bundle, a vendored wheel, a PyPI package
 * with nothing to bundle, the meta-package, and two custom nodes: one with Python dependencies
 * (buildPythonPackage), one without but with an edit (mkDerivation), a node bundle of two GitHub
 * nodes (a tag, a commit) and a vendored one, with an edit inside a node, and a workflows package
 * (a vendored directory and its converter). nixfmt is not installable here, so these files,
 * reviewed once by hand against its style, are the format check.
 *
 * <p>After an intended change, regenerate them with {@code -Dcomfypkgs.updateGolden=true} and
 * review the diff.
 */
class GoldenFilesTest {
  private static final List<String> FIXTURES =
      List.of("Timm", "Detector", "Matcher", "Tiny", "Extras", "Preprocessors", "ImpactPack",
          "Flows", "Toolbox", "Noexec");
  private static Compilation compilation;

  @BeforeAll
  static void compile() {
    JavaFileObject[] sources =
        FIXTURES.stream()
            .map(name -> JavaFileObjects.forResource(resource("fixtures/golden/" + name + ".java")))
            .toArray(JavaFileObject[]::new);
    compilation = Recipes.compile(sources);
    assertThat(compilation).succeeded();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".flox/pkgs/timm.nix",
        ".flox/pkgs/comfyui-detector.nix",
        ".flox/pkgs/color-matcher.nix",
        ".flox/pkgs/tiny.nix",
        ".flox/pkgs/comfyui-extras.nix",
        ".flox/pkgs/comfyui-preprocessors.nix",
        ".flox/pkgs/comfyui-impact-pack.nix",
        ".flox/pkgs/comfyui-flows.nix",
        ".flox/pkgs/comfyui-toolbox.nix",
        ".flox/pkgs/onnxruntime-noexec.nix",
        "default.nix",
        "overlay.nix",
        ".flox/.gitignore",
        ".flox/env/manifest.toml",
        ".flox/env.json",
        "recipes.json"
      })
  void matchesGolden(String path) throws IOException {
    String actual = generated(path);
    Path golden = goldenDir().resolve(path.replace(".flox/", "flox/"));
    if (Boolean.getBoolean("comfypkgs.updateGolden")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
        path + " differs from " + golden + " (regenerate with -Dcomfypkgs.updateGolden=true if intended)");
  }

  static String generated(String path) {
    try {
      return assertThatGenerated(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String assertThatGenerated(String path) throws IOException {
    JavaFileObject file =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, RecipeProcessor.CLASS_OUTPUT_PREFIX + path)
            .orElseThrow(() -> new AssertionError("not generated: " + path));
    return file.getCharContent(false).toString();
  }

  private static Path goldenDir() {
    // Sources, not target/test-classes: updating must change the committed files.
    Path root = Path.of(System.getProperty("comfypkgs.repoRoot", ".."));
    return root.resolve("processor/src/test/resources/golden");
  }

  private static URL resource(String name) {
    URL url = GoldenFilesTest.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return url;
  }

  static Stream<String> fixtures() {
    return FIXTURES.stream();
  }
}
