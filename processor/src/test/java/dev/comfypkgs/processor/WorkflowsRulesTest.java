package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.comfypkgs.processor.testing.Recipes.clean;
import static dev.comfypkgs.processor.testing.Recipes.compile;
import static dev.comfypkgs.processor.testing.Recipes.recipe;
import static dev.comfypkgs.processor.testing.Recipes.runtime;

import com.google.testing.compile.Compilation;
import dev.comfypkgs.common.GitObjectIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules of {@code @Workflows} and its vendored directory (CPK124, CPK125) and what the package
 * rules say about it (CPK001, CPK005, CPK006, CPK106): for each, the id, the fix, and where it
 * points.
 */
class WorkflowsRulesTest {
  private static final String HEAD =
      "@Workflows(pname = \"comfyui-flows\", version = \"1.0.1\", description = \"d\","
          + " license = License.MIT)";

  @TempDir Path tmp;

  /** A workflows recipe {@code test.Flows} with {@code @Vendored(<vendored>)} and extra lines. */
  private static JavaFileObject flows(String vendored, String... extra) {
    String[] lines = new String[2 + extra.length];
    lines[0] = HEAD;
    lines[1] = "@Vendored(" + vendored + ")";
    System.arraycopy(extra, 0, lines, 2, extra.length);
    return recipe("Flows", lines);
  }

  /** sources/ with a workflows directory: two API-format JSONs in subdirectories and the converter. */
  private Path sources() throws IOException {
    Path flows = Files.createDirectories(tmp.resolve("sources/flows"));
    Files.createDirectories(flows.resolve("SDXL"));
    Files.createDirectories(flows.resolve("FLUX"));
    Files.writeString(flows.resolve("SDXL/basic.json"), "{\"1\": {}}\n");
    Files.writeString(flows.resolve("FLUX/basic.json"), "{\"2\": {}}\n");
    Files.writeString(flows.resolve("convert_to_webui.py"), "print('convert')\n");
    return tmp.resolve("sources");
  }

  private static Compilation compileWith(Path sources, JavaFileObject... recipes) {
    JavaFileObject[] all = new JavaFileObject[recipes.length + 1];
    System.arraycopy(recipes, 0, all, 0, recipes.length);
    all[recipes.length] = runtime();
    return compile(List.of("-Acomfypkgs.sources=" + sources), all);
  }

  @Test
  void aPresentDirectoryOfTheGivenTreeCompilesWithItsOwnSemver() throws IOException {
    Path sources = sources();
    String tree = GitObjectIds.tree(sources.resolve("flows"));
    Compilation c = compileWith(sources, flows("directory = \"flows\", gitTree = \"" + tree + "\""));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void cpk124_anAbsentDirectoryIsAWarning() {
    JavaFileObject flows = flows("directory = \"flows\"");
    Compilation c = compileWith(tmp, flows);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[CPK124] sources/flows is not there yet: the package"
            + " cannot be built until it is copied in")
        .inFile(flows).onLineContaining("@Vendored(");
  }

  @Test
  void cpk124_aDifferentTreeIsAnError() throws IOException {
    Path sources = sources();
    String tree = GitObjectIds.tree(sources.resolve("flows"));
    String pinned = "0123456789abcdef0123456789abcdef01234567";
    JavaFileObject flows = flows("directory = \"flows\",\n    gitTree = \"" + pinned + "\"");
    Compilation c = compileWith(sources, flows);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK124] sources/flows has git tree " + tree + ", not "
            + pinned + ": replace the directory with the right one, or update gitTree")
        .inFile(flows).onLineContaining("gitTree = ");
  }

  @Test
  void cpk124_aLinkLeadingOutIsRefused() throws IOException {
    Path sources = sources();
    Path outside = Files.writeString(tmp.resolve("secret.json"), "{}");
    Files.createSymbolicLink(sources.resolve("flows/SDXL/linked.json"), outside);
    JavaFileObject flows = flows("directory = \"flows\"");
    Compilation c = compileWith(sources, flows);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK124] sources/flows/SDXL/linked.json is a symbolic link"
            + " leading out of sources/flows")
        .inFile(flows).onLineContaining("@Vendored(");
  }

  @Test
  void cpk124_theDirectoryItselfMayNotLinkOut() throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(sources.resolve("flows"), elsewhere);
    JavaFileObject flows = flows("directory = \"flows\"");
    Compilation c = compileWith(sources, flows);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK124] sources/flows is a link to")
        .inFile(flows).onLineContaining("@Vendored(");
  }

  @Test
  void cpk124_theDefaultConverterMustBeThere() throws IOException {
    Path sources = sources();
    Files.delete(sources.resolve("flows/convert_to_webui.py"));
    JavaFileObject flows = flows("directory = \"flows\"");
    Compilation c = compileWith(sources, flows);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK124] sources/flows has no convert_to_webui.py: the build"
            + " runs it; add it, or set converter")
        .inFile(flows).onLineContaining("@Workflows(");
  }

  @Test
  void cpk124_aNamedConverterMustBeThere() throws IOException {
    Path sources = sources();
    JavaFileObject flows = recipe("Flows",
        "@Workflows(pname = \"comfyui-flows\", version = \"1.0.1\", description = \"d\",",
        "    license = License.MIT, converter = \"tools/convert.py\")",
        "@Vendored(directory = \"flows\")");
    Compilation c = compileWith(sources, flows);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK124] sources/flows has no tools/convert.py")
        .inFile(flows).onLineContaining("converter = ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "directory = \"../flows\"|'../flows' leaves sources/: vendored sources live inside it"
            + "|directory = ",
        "directory = \"/srv/flows\"|'/srv/flows' is absolute|directory = ",
        "file = \"a.whl\", directory = \"flows\"|@Vendored names both a file and a directory: keep"
            + " one.|directory = ",
        "sha256 = \"\"|@Vendored names neither a file nor a directory|@Vendored(",
        "file = \"flows.tar.gz\"|a @Workflows source is a directory of workflows with its"
            + " converter: give directory = \"...\" instead of file.|file = ",
        "directory = \"flows\", sha256 = \"abc\"|sha256 pins a vendored file; a vendored directory"
            + " is pinned by gitTree.|sha256 = "
      })
  void cpk124_theSourceIsOneDirectoryInsideSources(String vendored, String message, String line) {
    JavaFileObject flows = flows(vendored);
    Compilation c = compile(flows, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK124] " + message).inFile(flows).onLineContaining(line);
  }

  @Test
  void cpk124_aPythonPackageHasNoVendoredDirectory() {
    JavaFileObject p = recipe("P",
        "@PythonPackage(pname = \"p\", version = \"1.0\", description = \"d\", homepage = \"h\",",
        "    license = License.MIT)",
        "@Vendored(directory = \"p\")");
    Compilation c = compile(p, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK124] a vendored directory is the source of a @Workflows"
            + " package; a @PythonPackage's vendored source is one file")
        .inFile(p).onLineContaining("@Vendored(");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "@Bundle({\"numpy\"})|Bundle|propagates nixpkgs packages",
        "@Requires(Clean.class)|Requires|propagates a recipe",
        "@TorchAgnostic(remove = \"torch\")|TorchAgnostic|edits the wheel's METADATA",
        "@Remove(value = \"x\", reason = \"r\")|Remove|edits the wheel's METADATA",
        "@Relax(\"x\")|Relax|edits the wheel's METADATA",
        "@Replaces(\"x\")|Replaces|stands in for a requirement",
        "@SkipRuntimeDepsCheck(reason = \"r\")|SkipRuntimeDepsCheck|skips a check",
        "@BuildSystem(\"setuptools\")|BuildSystem|names the wheel's build backend",
        "@ImportsCheck(\"thing\")|ImportsCheck|imports the package from site-packages",
        "@SmokeImport(\"thing\")|SmokeImport|imports a Python module",
        "@Substitute(file = \"a.json\", replace = \"a\", with = \"b\")|Substitute|edits the source",
        "@PyPI(name = \"thing\", hash = \"\")|PyPI|is a wheel or sdist source"
      })
  void cpk125_annotationsForWheelsOrDependenciesAreRefused(
      String line, String annotation, String does) {
    JavaFileObject flows = flows("directory = \"flows\"", line);
    Compilation c = compile(flows, clean("Clean", "clean"), runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK125] @" + annotation + " on a @Workflows: it " + does)
        .inFile(flows).onLineContaining("@" + annotation + "(");
  }

  @Test
  void cpk004_aPackageCannotRequireWorkflows() {
    JavaFileObject user = recipe("User",
        "@PythonPackage(pname = \"user\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"h\", license = License.MIT)",
        "@PyPI(name = \"user\", hash = \"\")",
        "@Requires(Flows.class)");
    Compilation c = compile(flows("directory = \"flows\""), user, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK004] test.Flows is a @Workflows, which installs workflow"
            + " files and provides no Python module: @Requires must be a @PythonPackage")
        .inFile(user).onLineContaining("@Requires(");
  }

  @Test
  void cpk001_workflowsWithoutSourceAreToldOfAVendoredDirectory() {
    JavaFileObject flows = recipe("Flows", HEAD);
    Compilation c = compile(flows, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK001] Flows has no source: add @Vendored(directory,"
            + " gitTree), the directory in sources/.")
        .inFile(flows).onLineContaining("@Workflows(");
  }

  @Test
  void cpk006_aClassIsNotBothWorkflowsAndAPackage() {
    JavaFileObject flows = flows("directory = \"flows\"",
        "@PythonPackage(pname = \"p\", version = \"1.0\", description = \"d\", homepage = \"h\",",
        "    license = License.MIT)");
    Compilation c = compile(flows, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK006] Flows is both a @PythonPackage and a @Workflows:"
            + " keep @PythonPackage for a library, @CustomNode for one node installed into"
            + " custom_nodes/, @NodeBundle for many, @Workflows for a vendored directory of workflows,"
            + " @Wrapper for a fixed copy of a nixpkgs package.")
        .inFile(flows).onLineContaining("@Workflows(");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "directory = \"flows\", gitTree = \"8C51\"|@Vendored gitTree '8C51' is not a git tree id"
            + "|gitTree = ",
        "directory = \"my flows\"|@Vendored directory 'my flows' is not a directory name|directory = "
      })
  void cpk005_directoryAndTreeHaveTheirSyntax(String vendored, String message, String line) {
    JavaFileObject flows = flows(vendored);
    Compilation c = compile(flows, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK005] " + message).inFile(flows).onLineContaining(line);
  }

  @Test
  void cpk005_aConverterPython3WouldReadAsAnOptionIsRefused() {
    JavaFileObject flows = recipe("Flows",
        "@Workflows(pname = \"comfyui-flows\", version = \"1.0.1\", description = \"d\",",
        "    license = License.MIT, converter = \"-c.py\")",
        "@Vendored(directory = \"flows\")");
    Compilation c = compile(flows, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK005] converter '-c.py' is not a script path")
        .inFile(flows).onLineContaining("converter = ");
  }
}
