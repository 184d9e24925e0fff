package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.comfypkgs.processor.testing.Recipes.clean;
import static dev.comfypkgs.processor.testing.Recipes.compile;
import static dev.comfypkgs.processor.testing.Recipes.recipe;
import static dev.comfypkgs.processor.testing.Recipes.runtime;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** One negative test per structural rule and branch: the id, the fix, and where it points. */
class StructuralRulesTest {

  private static final String[] HEAD = {
    "@PythonPackage(",
    "    pname = \"comfyui-thing\",",
    "    version = \"1.0.0\",",
    "    description = \"d\",",
    "    homepage = \"https://example.org/\",",
    "    license = License.MIT)"
  };

  private static String[] with(String[] head, String... more) {
    String[] out = new String[head.length + more.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(more, 0, out, head.length, more.length);
    return out;
  }

  /** That nothing reaches the output directory on errors is OutputDirectoryTest's concern. */
  private static void assertNothingGenerated(Compilation c) {
    assertThat(c).failed();
  }

  @Test
  void cpk001_noSource() {
    Compilation c = compile(recipe("Thing", HEAD));
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK001] Thing has no source: add one of @GitHub");
    assertThat(c).hadErrorContaining("CPK001").inFile(c.sourceFiles().get(0)).onLineContaining("@PythonPackage(");
  }

  @Test
  void cpk001_twoSources() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.0.0\", hash = \"\")",
            "@Vendored(file = \"thing.whl\")"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK001] Thing has more than one source: keep exactly one")
        .inFile(thing).onLineContaining("@Vendored(");
  }

  @Test
  void cpk002_tagAndRev() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@GitHub(",
            "    owner = \"o\",",
            "    repo = \"r\",",
            "    tag = \"v1.0.0\",",
            "    rev = \"0123456789012345678901234567890123456789\",",
            "    hash = \"\")"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK002] @GitHub gives both tag and rev: keep tag")
        .inFile(thing).onLineContaining("rev = \"0123");
  }

  @Test
  void cpk002_neither() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD, "@GitHub(owner = \"o\", repo = \"r\", hash = \"\")"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK002] @GitHub gives neither tag nor rev: add tag = ")
        .inFile(thing).onLineContaining("@GitHub(owner");
  }

  @Test
  void cpk003_duplicatePname() {
    JavaFileObject a = clean("A", "same");
    JavaFileObject b = clean("B", "same");
    Compilation c = compile(a, b);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK003] the pname 'same' is already taken by A: give one")
        .inFile(b).onLineContaining("pname = \"same\"");
  }

  @Test
  void cpk003_duplicateAttr() {
    JavaFileObject a = clean("A", "timm");
    JavaFileObject b =
        recipe("B",
            "@PythonPackage(",
            "    pname = \"comfyui-timm\",",
            "    attr = \"timm\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    homepage = \"\",",
            "    license = License.MIT)",
            "@PyPI(name = \"timm\", hash = \"\")");
    Compilation c = compile(a, b);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK003] the attr 'timm' is already taken by A")
        .inFile(b).onLineContaining("attr = \"timm\"");
  }

  @Test
  void cpk004_requiresNonRecipe() {
    JavaFileObject plain = JavaFileObjectsHolder.plain();
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@PyPI(name = \"thing\", hash = \"\")",
            "@Requires({",
            "    NotARecipe.class",
            "})"));
    Compilation c = compile(plain, thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK004] test.NotARecipe is not a recipe: @Requires must be")
        .inFile(thing).onLineContaining("NotARecipe.class");
  }

  @Test
  void cpk004_metaMemberNonRecipe() {
    JavaFileObject plain = JavaFileObjectsHolder.plain();
    JavaFileObject meta =
        recipe("Extras",
            "@MetaPackage(",
            "    pname = \"extras\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    members = {",
            "        NotARecipe.class",
            "    })");
    Compilation c = compile(plain, meta);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK004] test.NotARecipe is not a recipe: a @MetaPackage member")
        .inFile(meta).onLineContaining("NotARecipe.class");
  }

  @Test
  void cpk005_attrNotAnIdentifier() {
    JavaFileObject thing =
        recipe("Thing",
            "@PythonPackage(",
            "    pname = \"thing\",",
            "    attr = \"2thing\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    homepage = \"\",",
            "    license = License.MIT)",
            "@PyPI(name = \"thing\", hash = \"\")");
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] '2thing' cannot be a Flox attribute: it must be a Nix identifier")
        .inFile(thing).onLineContaining("attr = \"2thing\"");
  }

  @Test
  void cpk005_badVersion() {
    JavaFileObject thing =
        recipe("Thing",
            "@PythonPackage(",
            "    pname = \"thing\",",
            "    version = \"1.0 beta\",",
            "    description = \"d\",",
            "    homepage = \"\",",
            "    license = License.MIT)",
            "@PyPI(name = \"thing\", hash = \"\")");
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] version '1.0 beta' is not a valid version")
        .inFile(thing).onLineContaining("version = \"1.0 beta\"");
  }

  @Test
  void cpk005_bundleNameNotAnAttribute() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@PyPI(name = \"thing\", hash = \"\")",
            "@Bundle({",
            "    \"numpy\",",
            "    \"opencv python\"",
            "})"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] 'opencv python' is not a nixpkgs Python attribute name")
        .inFile(thing).onLineContaining("\"opencv python\"");
  }

  @Test
  void cpk005_bundleHiddenByArgument() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.0.0\", hash = \"\")",
            "@Bundle({",
            "    \"fetchFromGitHub\"",
            "})"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] 'fetchFromGitHub' is also an argument of the generated file")
        .inFile(thing).onLineContaining("\"fetchFromGitHub\"");
  }

  @Test
  void cpk005_vendoredPathNotALiteral() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@Vendored(",
            "    file = \"../outside/thing 1.whl\")"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] '../outside/thing 1.whl' cannot be a Nix path literal")
        .inFile(thing).onLineContaining("file = \"../outside");
  }

  @Test
  void cpk005_nulInDescription() {
    JavaFileObject thing =
        recipe("Thing",
            "@PythonPackage(",
            "    pname = \"thing\",",
            "    version = \"1.0.0\",",
            "    description = \"bad \\0 text\",",
            "    homepage = \"\",",
            "    license = License.MIT)",
            "@PyPI(name = \"thing\", hash = \"\")");
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] description holds a NUL character")
        .inFile(thing).onLineContaining("description = \"bad");
  }

  @Test
  void cpk006_runtimeDeclaredTwice() {
    JavaFileObject first = recipe("Runtime2", "@Runtime(provides = \"torch\")");
    JavaFileObject second = runtime();
    Compilation c = compile(first, second, clean("A", "a"));
    assertNothingGenerated(c);
    // Declarations are ordered by class name, so the later one is reported whatever javac's order.
    assertThat(c).hadErrorContaining("[CPK006] @Runtime is already declared on test.Runtime2: declare it once")
        .inFile(second).onLineContaining("@Runtime(provides");
  }

  @Test
  void cpk006_packageAndMeta() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@PyPI(name = \"thing\", hash = \"\")",
            "@MetaPackage(pname = \"m\", version = \"1\", description = \"d\", members = {})"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK006] Thing is both a @PythonPackage and a @MetaPackage")
        .inFile(thing).onLineContaining("@MetaPackage(");
  }

  @Test
  void cpk007_bundleAppliesNowhere() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@PyPI(name = \"thing\", hash = \"\")",
            "@Platforms(Platform.LINUX)",
            "@Bundle(value = \"numpy\")",
            "@Bundle(",
            "    value = \"albumentations\",",
            "    systems = Platform.DARWIN)"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK007] this @Bundle applies on none of the recipe's systems (x86_64-linux, aarch64-linux)")
        .inFile(thing).onLineContaining("systems = Platform.DARWIN");
  }

  private static JavaFileObject darwinOnly() {
    return recipe("Mac",
        "@PythonPackage(",
        "    pname = \"mac\",",
        "    version = \"1.0.0\",",
        "    description = \"d\",",
        "    homepage = \"\",",
        "    license = License.MIT)",
        "@PyPI(name = \"mac\", hash = \"\")",
        "@Platforms({Platform.X86_64_LINUX, Platform.DARWIN})");
  }

  @Test
  void cpk007_metaMemberOnNoneOfItsSystems() {
    JavaFileObject meta =
        recipe("Extras",
            "@MetaPackage(",
            "    pname = \"extras\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    members = {",
            "        Mac.class",
            "    })",
            "@Platforms(Platform.AARCH64_LINUX)");
    Compilation c = compile(darwinOnly(), meta);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK007] mac supports x86_64-linux, x86_64-darwin, aarch64-darwin, none of extras's systems (aarch64-linux)")
        .inFile(meta).onLineContaining("Mac.class");
  }

  @Test
  void cpk007_partialMemberIsANote() {
    JavaFileObject meta =
        recipe("Extras",
            "@MetaPackage(",
            "    pname = \"extras\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    members = {",
            "        Mac.class",
            "    })",
            "@Platforms(Platform.LINUX)");
    Compilation c = compile(darwinOnly(), meta);
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("[CPK007] mac is included in extras only on x86_64-linux (its @Platforms).")
        .inFile(meta).onLineContaining("Mac.class");
    assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "comfypkgs/.flox/pkgs/extras.nix")
        .contentsAsUtf8String().contains("lib.optionals (stdenv.hostPlatform.system == \"x86_64-linux\") [ mac ]");
  }

  /** A class that is not a recipe, for the reference rules. */
  static final class JavaFileObjectsHolder {
    static JavaFileObject plain() {
      return com.google.testing.compile.JavaFileObjects.forSourceLines(
          "test.NotARecipe", "package test;", "public final class NotARecipe {}");
    }
  }
}
