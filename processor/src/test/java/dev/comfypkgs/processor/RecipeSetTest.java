package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.common.GitObjectIds;
import dev.comfypkgs.processor.testing.NixTool;
import dev.comfypkgs.processor.testing.Recipes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real recipe set passes every rule. Its only warnings are the documented ones: the vendored
 * files and the workflows directory that are not in this repository (CPK109, CPK124); with them in
 * place it is warning-free, even with warnings as errors, and the directory's git tree is checked.
 */
class RecipeSetTest {
  private static final List<String> VENDORED =
      List.of(
          "color_matcher-0.6.0-py3-none-any.whl",
          "cstr-0520c29a18a7a869a6e5983861d6f7a4c86f8e9b.tar.gz",
          "img2texture-d6159abea44a0b2cf77454d3d46962c8b21eb9d3.tar.gz");
  private static final String WORKFLOWS = "workflows";
  private static final String WORKFLOWS_TREE = "8c5130291b9593cbb9890c3af61f868054ba548e";
  /** Vendored node directories of bundles, each holding an {@code __init__.py}. */
  private static final List<String> VENDORED_NODES = List.of("ComfyUI-SafeCLIP-SDXL");

  @TempDir Path tmp;

  private static JavaFileObject[] recipeSources() throws IOException {
    Path root = Path.of(System.getProperty("comfypkgs.repoRoot", ".."));
    List<JavaFileObject> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root.resolve("recipes-java/src/main/java"))) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        out.add(JavaFileObjects.forResource(p.toUri().toURL()));
      }
    }
    assertTrue(out.size() >= 17, "recipes found: " + out.size());
    return out.toArray(JavaFileObject[]::new);
  }

  private static List<String> warnings(Compilation c) {
    return c.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
        .map(d -> d.getMessage(null))
        .toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  @Test
  void withoutTheVendoredFilesOnlyTheirWarnings() throws IOException {
    Path sources = committedSources();
    Compilation c = Recipes.compile(List.of("-Acomfypkgs.sources=" + sources), recipeSources());
    assertThat(c).succeeded();
    List<String> warnings = warnings(c);
    assertEquals(VENDORED.size() + VENDORED_NODES.size() + 1, warnings.size(), String.join("\n", warnings));
    assertTrue(warnings.stream().anyMatch(w -> w.startsWith("[CPK124] sources/" + WORKFLOWS + " is not there yet")),
        WORKFLOWS + " in " + warnings);
    for (String file : concat(VENDORED, VENDORED_NODES)) {
      assertTrue(warnings.stream().anyMatch(w -> w.startsWith("[CPK109] sources/" + file + " is not there yet")),
          file + " in " + warnings);
    }
  }

  @Test
  void withTheVendoredFilesNoWarningsEvenAsErrors() throws IOException {
    Path sources = committedSources();
    for (String file : VENDORED) {
      Files.writeString(sources.resolve(file), "stand-in for " + file);
    }
    // A stand-in for the workflows directory: only its git tree differs from the recipe's.
    Path workflows = Files.createDirectories(sources.resolve(WORKFLOWS));
    Files.writeString(workflows.resolve("convert_to_webui.py"), "stand-in converter\n");
    for (String directory : VENDORED_NODES) {
      Files.writeString(Files.createDirectories(sources.resolve(directory)).resolve("__init__.py"),
          "stand-in for " + directory);
    }
    Compilation c =
        Recipes.compile(
            List.of("-Acomfypkgs.sources=" + sources, "-Acomfypkgs.warningsAsErrors=true"),
            recipeSources());
    assertEquals(List.of(), warnings(c));
    assertEquals(1, c.errors().size(), c.errors().toString());
    assertThat(c).hadErrorContaining("[CPK124] sources/" + WORKFLOWS + " has git tree "
        + GitObjectIds.tree(workflows) + ", not " + WORKFLOWS_TREE);
    // The two partly supported members are notes, not warnings.
    assertThat(c).hadNoteContaining("[CPK007] comfyui-pixeloe is included in comfyui-extras only on x86_64-linux");
    assertThat(c).hadNoteContaining("[CPK007] comfyui-transparent-background is included in comfyui-extras only on x86_64-linux");
  }

  /**
   * A sources/ with what the repository commits there (a wrapper's fix script, which CPK122
   * requires) and none of the vendored files, which are not committed.
   */
  private Path committedSources() throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Path committed = NixTool.repoRoot().resolve("sources");
    try (Stream<Path> walk = Files.walk(committed)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = committed.relativize(file).toString();
        if (!VENDORED.contains(name)) {
          Path copy = sources.resolve(name);
          Files.createDirectories(copy.getParent());
          Files.copy(file, copy);
        }
      }
    }
    return sources;
  }
}
