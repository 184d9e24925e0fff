package dev.comfypkgs.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.comfypkgs.processor.testing.Recipes.compile;
import static dev.comfypkgs.processor.testing.Recipes.recipe;
import static dev.comfypkgs.processor.testing.Recipes.runtime;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Each {@code Format} is written as current nixpkgs spells it: {@code pyproject = true/false}, and
 * {@code format} only for wheels. A legacy {@code format = "setuptools"} or {@code "other"} never
 * appears.
 */
class FormatSpellingTest {
  /** The file generated for a PyPI package of {@code format}, with the {@code extra} annotations. */
  private static String generated(String format, String... extra) throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "@PythonPackage(pname = \"p\", version = \"1.0\", description = \"d\", homepage = \"\",",
        "    license = License.MIT, format = Format." + format + ")",
        "@PyPI(name = \"p\", hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\""
            + (format.equals("WHEEL") ? ", format = PyPI.Dist.WHEEL)" : ")")));
    lines.addAll(List.of(extra));
    JavaFileObject p = recipe("P", lines.toArray(String[]::new));
    Compilation c = compile(runtime(), p);
    CompilationSubject.assertThat(c).succeeded();
    return c.generatedFile(StandardLocation.CLASS_OUTPUT, "comfypkgs/.flox/pkgs/p.nix")
        .orElseThrow().getCharContent(true).toString();
  }

  @Test
  void setuptoolsIsAPyprojectBuildWithTheSetuptoolsBackendAddedBeforeTheRecipesOwn() throws IOException {
    String nix = generated("SETUPTOOLS", "@BuildSystem(\"wheel\")");
    assertTrue(nix.contains("  pyproject = true;\n"), nix);
    assertTrue(nix.contains("  build-system = with python3.pkgs; [\n    setuptools\n    wheel\n  ];\n"), nix);
    assertFalse(nix.contains("format ="), nix);
  }

  @Test
  void setuptoolsAlreadyInTheBuildSystemIsNotRepeated() throws IOException {
    String nix = generated("SETUPTOOLS", "@BuildSystem({\"wheel\", \"setuptools\"})");
    assertTrue(nix.contains("  build-system = with python3.pkgs; [\n    wheel\n    setuptools\n  ];\n"), nix);
  }

  @Test
  void setuptoolsWithoutABuildSystemGetsTheBackend() throws IOException {
    String nix = generated("SETUPTOOLS");
    assertTrue(nix.contains("  pyproject = true;\n"), nix);
    assertTrue(nix.contains("  build-system = with python3.pkgs; [ setuptools ];\n"), nix);
  }

  @Test
  void otherIsPyprojectFalse() throws IOException {
    String nix = generated("OTHER");
    assertTrue(nix.contains("  pyproject = false;\n"), nix);
    assertFalse(nix.contains("format ="), nix);
    assertFalse(nix.contains("build-system"), nix);
  }

  @Test
  void wheelKeepsFormatWheel() throws IOException {
    String nix = generated("WHEEL");
    assertTrue(nix.contains("  format = \"wheel\";\n"), nix);
    assertFalse(nix.contains("pyproject"), nix);
  }
}
