package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.comfypkgs.processor.testing.Recipes.clean;
import static dev.comfypkgs.processor.testing.Recipes.compile;
import static dev.comfypkgs.processor.testing.Recipes.recipe;
import static dev.comfypkgs.processor.testing.Recipes.runtime;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of {@code @Wrapper} (CPK121-CPK123, and CPK112 over its wrapped name): for each, the
 * id, the fix, and where it points.
 */
class WrapperRulesTest {
  private static final String FIX = "noexec/fix.py";

  @TempDir Path tmp;
  Path sources;

  @BeforeEach
  void writeFix() throws IOException {
    sources = Files.createDirectories(tmp.resolve("sources"));
    Files.createDirectories(sources.resolve("noexec"));
    Files.writeString(sources.resolve(FIX), "import sys\n");
  }

  /** The wrapper {@code test.Noexec} of {@code wraps}, fixed by {@code fix}, with extra lines. */
  private static JavaFileObject wrapper(String wraps, String fix, String... extra) {
    String[] lines = new String[3 + extra.length];
    lines[0] = "@Wrapper(pname = \"onnxruntime-noexec\", description = \"d\",";
    lines[1] = "    wraps = \"" + wraps + "\",";
    lines[2] = "    fix = \"" + fix + "\")";
    System.arraycopy(extra, 0, lines, 3, extra.length);
    return recipe("Noexec", lines);
  }

  private Compilation compileWithSources(JavaFileObject... recipes) {
    return compile(List.of("-Acomfypkgs.sources=" + sources, "-Acomfypkgs.out=" + tmp.resolve("out")),
        recipes);
  }

  @Test
  void aValidWrapperCompiles() {
    assertThat(compileWithSources(wrapper("onnxruntime", FIX), runtime())).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @ValueSource(strings = {"onnx runtime", "python3.pkgs.onnxruntime", "1onnx", "with"})
  void cpk121_wrapsIsNotANixName(String wraps) {
    JavaFileObject w = wrapper(wraps, FIX);
    Compilation c = compileWithSources(w, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK121] wraps = \"" + wraps + "\" is not a python3.pkgs"
            + " attribute name: give the nixpkgs attribute to copy")
        .inFile(w).onLineContaining("wraps = ");
  }

  @Test
  void cpk121_wrapsATorchBearingPackage() {
    JavaFileObject w = wrapper("torchvision", FIX);
    Compilation c = compileWithSources(w, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK121] 'torchvision' carries torch at run time")
        .inFile(w).onLineContaining("wraps = ");
  }

  @Test
  void cpk112_wrapsANameTheIndexDoesNotKnow() throws IOException {
    Path index = Files.writeString(tmp.resolve("index.json"), "[\"onnxruntime\", \"numpy\"]");
    JavaFileObject w = wrapper("onnxruntme", FIX);
    Compilation c = compile(List.of("-Acomfypkgs.nixpkgsIndex=" + index), w, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK112] 'onnxruntme' is not a python3.pkgs attribute in the"
            + " nixpkgs index; did you mean 'onnxruntime'")
        .inFile(w).onLineContaining("wraps = ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/etc/fix.py | '/etc/fix.py' is absolute",
        "../fix.py | '../fix.py' leaves sources/: a wrapper's fix lives inside it",
        "noexec//fix.py | does not name a file inside sources/",
        "noexec | sources/noexec is a directory: a wrapper's fix is one Python script",
        "noexec/missing.py | sources/noexec/missing.py does not exist: a wrapper's fix is a script of"
            + " this repository, committed with the recipe"
      })
  void cpk122_fixIsNotAFileInsideSources(String fix, String message) {
    JavaFileObject w = wrapper("onnxruntime", fix);
    Compilation c = compileWithSources(w, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK122] ").inFile(w).onLineContaining("fix = ");
    assertThat(c).hadErrorContaining(message).inFile(w).onLineContaining("fix = ");
  }

  @Test
  void cpk122_aFixLinkedFromOutsideSourcesIsRefused() throws IOException {
    Path outside = Files.writeString(tmp.resolve("elsewhere.py"), "import os\n");
    Files.createSymbolicLink(sources.resolve("noexec/linked.py"), outside);
    JavaFileObject w = wrapper("onnxruntime", "noexec/linked.py");
    Compilation c = compileWithSources(w, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK122] sources/noexec/linked.py is a link to")
        .inFile(w).onLineContaining("fix = ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1\", hash = \"\") | GitHub | gives a source",
        "@Bundle(\"numpy\") | Bundle | adds dependencies",
        "@TorchAgnostic(remove = \"torch\") | TorchAgnostic | edits a wheel's METADATA",
        "@Remove(value = \"x\", reason = \"r\") | Remove | edits a wheel's METADATA",
        "@Substitute(file = \"f\", replace = \"a\", with = \"b\") | Substitute | edits a source"
      })
  void cpk123_sourceAndWheelAnnotationsAreRefused(String annotation, String name, String what) {
    JavaFileObject w = wrapper("onnxruntime", FIX, annotation);
    Compilation c = compileWithSources(w, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK123] @" + name + " on a @Wrapper: it " + what + ", and a"
            + " wrapper is a fixed copy of python3.pkgs.onnxruntime as nixpkgs builds it; remove it.")
        .inFile(w).onLineContaining("@" + name + "(");
  }

  @Test
  void cpk123_aPackageRequiringTheWrapperMayNotBundleThePlainOne() {
    JavaFileObject user = recipe("User",
        "@PythonPackage(pname = \"user\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"https://example.org/\", license = License.MIT)",
        "@PyPI(name = \"user\", hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
        "@Bundle({\"numpy\",",
        "    \"onnxruntime\"})",
        "@Requires(Noexec.class)");
    Compilation c = compileWithSources(wrapper("onnxruntime", FIX), user, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK123] user requires onnxruntime-noexec (user ->"
            + " onnxruntime-noexec), a patched copy of python3.pkgs.onnxruntime, and bundles the plain"
            + " 'onnxruntime' too: both install the same files")
        .inFile(user).onLineContaining("\"onnxruntime\"");
  }

  @Test
  void cpk123_aMetaPackageMayNotHoldTheWrapperAndThePlainOne() {
    JavaFileObject plainUser = recipe("Plain",
        "@PythonPackage(pname = \"plain\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"https://example.org/\", license = License.MIT)",
        "@PyPI(name = \"plain\", hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
        "@Bundle(\"onnxruntime\")");
    JavaFileObject meta = recipe("Extras",
        "@MetaPackage(pname = \"extras\", version = \"1.0.0\", description = \"d\",",
        "    members = {Noexec.class,",
        "        Plain.class},",
        "    nixpkgs = {\"numpy\",",
        "        \"onnxruntime\"})");
    Compilation c = compileWithSources(wrapper("onnxruntime", FIX), plainUser, meta, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK123] extras holds onnxruntime-noexec (onnxruntime-noexec),"
            + " a patched copy of python3.pkgs.onnxruntime, and the plain 'onnxruntime' through its"
            + " nixpkgs list")
        .inFile(meta).onLineContaining("\"onnxruntime\"");
    assertThat(c).hadErrorContaining("[CPK123] extras holds onnxruntime-noexec (onnxruntime-noexec),"
            + " a patched copy of python3.pkgs.onnxruntime, and the plain 'onnxruntime' through plain,"
            + " which bundles it")
        .inFile(meta).onLineContaining("Plain.class");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void cpk123_theWrapperAloneInAMetaPackageIsFine() {
    JavaFileObject meta = recipe("Extras",
        "@MetaPackage(pname = \"extras\", version = \"1.0.0\", description = \"d\",",
        "    members = {Noexec.class, Fine.class}, nixpkgs = {\"numpy\"})");
    Compilation c = compileWithSources(
        wrapper("onnxruntime", FIX), clean("Fine", "fine"), meta, runtime());
    assertThat(c).succeededWithoutWarnings();
  }
}
