package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.comfypkgs.processor.testing.Recipes.clean;
import static dev.comfypkgs.processor.testing.Recipes.compile;
import static dev.comfypkgs.processor.testing.Recipes.recipe;
import static dev.comfypkgs.processor.testing.Recipes.runtime;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of {@code @CustomNode} (CPK115-CPK117) and what the package rules say about it
 * (CPK004, CPK006, CPK101, CPK105): for each, the id, the fix, and where it points.
 */
class CustomNodeRulesTest {
  private static final String GITHUB =
      "@GitHub(owner = \"example\", repo = \"ComfyUI-Thing\", tag = \"v1.0.0\","
          + " hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")";

  /** A valid custom node {@code test.<name>}, with {@code extra} lines above the class. */
  private static JavaFileObject node(String name, String directory, String... extra) {
    String[] lines = new String[4 + extra.length];
    lines[0] = "@CustomNode(pname = \"comfyui-" + name.toLowerCase() + "\", version = \"1.0.0\",";
    lines[1] = "    description = \"d\", homepage = \"https://example.org/\", license = License.MIT"
        + (directory == null ? ")" : ",");
    lines[2] = directory == null ? "" : "    directory = \"" + directory + "\")";
    lines[3] = GITHUB;
    System.arraycopy(extra, 0, lines, 4, extra.length);
    return recipe(name, lines);
  }

  @Test
  void aValidNodeCompiles() {
    Compilation c = compile(node("Thing", null), runtime());
    assertThat(c).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "a/b", ".hidden", "Thing.disabled", "-dash", "with space", "é"})
  void cpk115_directoryIsNotOneSafeSegment(String directory) {
    JavaFileObject thing = node("Thing", directory);
    Compilation c = compile(thing, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK115] directory \"" + directory + "\" is not a single"
            + " directory name ComfyUI loads: use a letter or digit, then letters, digits, _ and -")
        .inFile(thing).onLineContaining("directory = ");
  }

  @Test
  void cpk115_theRepositoryNameAsDefaultIsCheckedToo() {
    JavaFileObject thing = recipe("Thing",
        "@CustomNode(pname = \"comfyui-thing\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"https://example.org/\", license = License.MIT)",
        "@GitHub(owner = \"example\", repo = \"thing.py\", tag = \"v1.0.0\",",
        "    hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")");
    Compilation c = compile(thing, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK115] directory \"thing.py\" (the repository's name) is not")
        .inFile(thing).onLineContaining("@CustomNode(");
  }

  @ParameterizedTest
  @CsvSource({"ComfyUI-Thing", "comfyui-thing"})
  void cpk116_twoNodesClaimOneDirectory(String second) {
    JavaFileObject other = node("Zed", second);
    Compilation c = compile(node("Thing", null), other, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK116] custom_nodes/" + second + " is installed by both Thing"
            + " and Zed: two packages in one environment would collide")
        .inFile(other).onLineContaining("directory = ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "@TorchAgnostic(remove = \"torch\")|TorchAgnostic|edits the wheel's METADATA",
        "@Remove(value = \"x\", reason = \"r\")|Remove|edits the wheel's METADATA",
        "@Relax(\"x\")|Relax|edits the wheel's METADATA",
        "@Replaces(\"x\")|Replaces|stands in for a requirement",
        "@SkipRuntimeDepsCheck(reason = \"r\")|SkipRuntimeDepsCheck|skips a check",
        "@BuildSystem(\"setuptools\")|BuildSystem|names the wheel's build backend",
        "@ImportsCheck(\"thing\")|ImportsCheck|imports the package from site-packages",
        "@PyPI(name = \"thing\", hash = \"\")|PyPI|is a wheel or sdist source"
      })
  void cpk117_wheelAnnotationsAreRefused(String line, String annotation, String does) {
    JavaFileObject thing = node("Thing", null, line);
    Compilation c = compile(thing, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK117] @" + annotation + " on a @CustomNode: it " + does)
        .inFile(thing).onLineContaining("@" + annotation + "(");
  }

  @Test
  void cpk001_aNodeWithoutSourceIsToldOfGitHubOnly() {
    JavaFileObject thing = recipe("Thing",
        "@CustomNode(pname = \"comfyui-thing\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"h\", license = License.MIT, directory = \"Thing\")");
    Compilation c = compile(thing, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK001] Thing has no source: add @GitHub(owner, repo, tag,"
            + " hash), the node's repository.")
        .inFile(thing).onLineContaining("@CustomNode(");
  }

  @Test
  void cpk006_aClassIsNotBothAPackageAndANode() {
    JavaFileObject thing = node("Thing", null,
        "@PythonPackage(pname = \"comfyui-thing2\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"h\", license = License.MIT)");
    Compilation c = compile(thing, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK006] Thing is both a @PythonPackage and a @CustomNode")
        .inFile(thing).onLineContaining("@CustomNode(");
  }

  @Test
  void cpk004_aPackageCannotRequireANode() {
    JavaFileObject user = recipe("User",
        "@PythonPackage(pname = \"user\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"h\", license = License.MIT)",
        "@PyPI(name = \"user\", hash = \"\")",
        "@Requires(Thing.class)");
    Compilation c = compile(node("Thing", null), user, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK004] test.Thing is a @CustomNode, which installs into"
            + " custom_nodes/ and provides no Python module: @Requires must be a @PythonPackage")
        .inFile(user).onLineContaining("@Requires(");
  }

  @Test
  void cpk101_aNodeBundlingTorchIsRefusedLikeAPackage() {
    JavaFileObject thing = node("Thing", null, "@Bundle({\"numpy\", \"torch\"})");
    Compilation c = compile(thing, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK101]").inFile(thing).onLineContaining("@Bundle(");
  }

  @Test
  void cpk105_aNodeRequiringALinuxOnlyRebuildIsLinuxOnly() {
    JavaFileObject thing = node("Thing", null, "@Requires(Lib.class)");
    JavaFileObject lib = recipe("Lib",
        "@PythonPackage(pname = \"lib-thing\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"h\", license = License.MIT)",
        "@PyPI(name = \"lib-thing\", hash = \"\")",
        "@Platforms(Platform.LINUX)");
    Compilation c = compile(thing, lib, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK105]").inFile(thing).onLineContaining("@Requires(");
  }

  @Test
  void aNodeRequiringAPackageCompiles() {
    JavaFileObject thing = node("Thing", null, "@Requires(Clean.class)");
    Compilation c = compile(thing, clean("Clean", "clean"), runtime());
    assertThat(c).succeeded();
  }
}
