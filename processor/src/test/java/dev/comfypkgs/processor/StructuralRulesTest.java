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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

  @ParameterizedTest
  @ValueSource(strings = {"lib", "python3", "stdenv", "fetchFromGitHub", "fetchPypi", "callPackage", "callPackages",
      "true", "false", "null", "import", "builtins", "pkgs"})
  void cpk003_attrThatTheScopeReserves(String name) {
    JavaFileObject thing =
        recipe("Thing",
            "@PythonPackage(",
            "    pname = \"thing\",",
            "    attr = \"" + name + "\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    homepage = \"\",",
            "    license = License.MIT)",
            "@PyPI(name = \"thing\", hash = \"\")");
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK003] the attr '" + name + "' is a name the generated files take from their scope (nixpkgs', Flox's or Nix's)")
        .inFile(thing).onLineContaining("attr = \"" + name + "\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "default   | Flox reads a directory holding default.nix as that one package",
      "snowflake | Flox skips every file whose name ends in flake.nix",
      "__functor | Nix gives attributes starting with __ a meaning of their own"})
  void cpk003_attrFloxWouldNotLoadUnderItsName(String name, String why) {
    JavaFileObject thing =
        recipe("Thing",
            "@PythonPackage(",
            "    pname = \"thing\",",
            "    attr = \"" + name + "\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    homepage = \"\",",
            "    license = License.MIT)",
            "@PyPI(name = \"thing\", hash = \"\")");
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK003] the attr '" + name + "' cannot name a Flox package file: " + why)
        .inFile(thing).onLineContaining("attr = \"" + name + "\"");
  }

  @Test
  void cpk003_pnameStandingInForAReservedAttr() {
    JavaFileObject meta =
        recipe("Extras",
            "@MetaPackage(",
            "    pname = \"null\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    members = {})");
    Compilation c = compile(meta);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK003] the attr 'null' is a name the generated files take from their scope")
        .inFile(meta).onLineContaining("pname = \"null\"");
    assertThat(c).hadErrorContaining("Set attr = \"...\" to another name (the pname can stay).");
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
  void cpk005_theComfyUIReleaseIsAVersion() {
    JavaFileObject release = recipe("Release", "@ComfyUIRelease(\"0.10 .0\")");
    Compilation c = compile(runtime(), release);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK005] @ComfyUIRelease '0.10 .0' is not a valid version")
        .inFile(release).onLineContaining("@ComfyUIRelease(\"0.10 .0\")");
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
    assertThat(c).hadErrorContaining("[CPK005] @Bundle 'opencv python' is not a nixpkgs Python attribute name: write it as in python3.pkgs")
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
    assertThat(c).hadErrorContaining("[CPK005] 'fetchFromGitHub' is also a name the generated file takes from its scope (an argument, nixpkgs' or Nix's), which `with python3.pkgs` cannot override")
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
    assertThat(c).hadErrorContaining("[CPK005] @Vendored file '../outside/thing 1.whl' is not a file name a Nix path literal can hold: use a path relative to sources/")
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
    assertThat(c).hadErrorContaining("[CPK005] description holds a NUL character, which no generated file can hold")
        .inFile(thing).onLineContaining("description = \"bad");
  }

  /** A NUL reaches no generated file, whichever text holds it (it used to be an internal error). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "@GitHub owner | @GitHub(owner = \"o\\0x\", repo = \"r\", tag = \"v1.0.0\", hash = \"\") | @GitHub(",
        "@PyPI name    | @PyPI(name = \"p\\0\", hash = \"\")                                        | @PyPI(",
        "@PyPI version | @PyPI(name = \"p\", version = \"1\\0\", hash = \"\")                       | @PyPI(",
        "@Relax        | @Relax(\"a\\0b\")                                                          | @Relax(",
        "@ImportsCheck | @ImportsCheck(\"m\\0\")                                                     | @ImportsCheck(",
        "@Remove       | @Remove(value = \"x\\0\", reason = \"r\")                                  | @Remove(",
        "@SkipRuntimeDepsCheck reason | @SkipRuntimeDepsCheck(reason = \"\\0\")                     | @SkipRuntimeDepsCheck(",
      })
  void cpk005_nulInAnyText(String label, String annotation, String line) {
    boolean hasSource = annotation.startsWith("@GitHub") || annotation.startsWith("@PyPI");
    JavaFileObject thing =
        recipe("Thing", with(HEAD, hasSource
            ? new String[] {annotation.strip()}
            : new String[] {"@PyPI(name = \"thing\", hash = \"\")", annotation.strip()}));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] " + label.strip() + " holds a NUL character, which no generated file can hold")
        .inFile(thing).onLineContaining(line.strip());
  }

  @Test
  void cpk005_unpairedSurrogateInDescription() {
    JavaFileObject thing =
        recipe("Thing",
            "@PythonPackage(",
            "    pname = \"thing\",",
            "    version = \"1.0.0\",",
            "    description = \"half an emoji \\uD83D\",",
            "    homepage = \"\",",
            "    license = License.MIT)",
            "@PyPI(name = \"thing\", hash = \"\")");
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] description holds an unpaired surrogate (<U+D83D>), which UTF-8 cannot encode")
        .inFile(thing).onLineContaining("description = ");
  }

  @Test
  void cpk005_attrWithAQuoteIsNoFileName() {
    JavaFileObject thing =
        recipe("Thing",
            "@PythonPackage(",
            "    pname = \"thing\",",
            "    attr = \"a'b\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    homepage = \"\",",
            "    license = License.MIT)",
            "@PyPI(name = \"thing\", hash = \"\")");
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] 'a'b' cannot be a Flox attribute: it must be a Nix identifier that is also a file name")
        .inFile(thing).onLineContaining("attr = \"a'b\"");
  }

  @Test
  void cpk005_emptyPyPIName() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@PyPI(",
            "    name = \"\",",
            "    hash = \"\")"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] @PyPI name '' is not a PyPI project name: use the name as on pypi.org")
        .inFile(thing).onLineContaining("name = \"\"");
  }

  @Test
  void cpk005_smokeImportIsAModuleName() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@PyPI(name = \"thing\", hash = \"\")",
            "@SmokeImport({",
            "    \"thing\",",
            "    \"a\\nimport os\"",
            "})"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    // The line break is shown, not printed: the diagnostic stays one line.
    assertThat(c).hadErrorContaining("[CPK005] @SmokeImport 'a<U+000A>import os' is not a Python module name: use dotted identifiers")
        .inFile(thing).onLineContaining("\"a\\nimport os\"");
  }

  @Test
  void cpk005_tagThatLeadsToAnotherRepository() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@GitHub(",
            "    owner = \"o\",",
            "    repo = \"r\",",
            "    tag = \"../../../x/archive/v1.0.0\",",
            "    hash = \"\")"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] @GitHub tag '../../../x/archive/v1.0.0' is not a tag that git and a download URL take")
        .inFile(thing).onLineContaining("tag = \"../");
  }

  /** GitHub ends no user name with a hyphen: `comfypkgs new` refused it, and now CPK005 does too. */
  @Test
  void cpk005_ownerEndingInAHyphen() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@GitHub(",
            "    owner = \"owner-\",",
            "    repo = \"r\",",
            "    tag = \"v1.0.0\",",
            "    hash = \"\")"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] @GitHub owner 'owner-' is not a GitHub user or organisation name")
        .inFile(thing).onLineContaining("owner = ");
  }

  @Test
  void cpk005_ownerAndSourceRootHaveTheirSyntax() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@GitHub(",
            "    owner = \"o/../p\",",
            "    repo = \"r\",",
            "    tag = \"v1.0.0\",",
            "    hash = \"\",",
            "    sourceRoot = \"../up\")"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] @GitHub owner 'o/../p' is not a GitHub user or organisation name")
        .inFile(thing).onLineContaining("owner = ");
    assertThat(c).hadErrorContaining("[CPK005] @GitHub sourceRoot '../up' is not a directory inside the archive")
        .inFile(thing).onLineContaining("sourceRoot = ");
  }

  @Test
  void cpk005_substituteWithACarriageReturn() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@PyPI(name = \"thing\", hash = \"\")",
            "@Substitute(",
            "    file = \"setup.py\",",
            "    replace = \"a\\rb\",",
            "    with = \"c\")"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] @Substitute replace holds a carriage return, which postPatch cannot carry")
        .inFile(thing).onLineContaining("replace = ");
  }

  @Test
  void cpk005_pythonOfTheEnvironmentIsAnAttributePath() {
    JavaFileObject env = recipe("Env", "@FloxEnvironment(", "    name = \"e\",", "    python = \"python3 13\")");
    Compilation c = compile(env, clean("A", "a"));
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] @FloxEnvironment python 'python3 13' is not a nixpkgs attribute path")
        .inFile(env).onLineContaining("python = ");
  }

  @Test
  void cpk005_environmentNameIsOneFloxTakes() {
    JavaFileObject env = recipe("Env", "@FloxEnvironment(", "    name = \"comfy \\u202e ui\",", "    python = \"python313\")");
    Compilation c = compile(env, clean("A", "a"));
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] @FloxEnvironment name")
        .inFile(env).onLineContaining("name = ");
    assertThat(c).hadErrorContaining("is not a Flox environment name");
  }

  @Test
  void cpk005_storeNameTooLong() {
    String pname = "p".repeat(191);
    JavaFileObject thing =
        recipe("Thing",
            "@PythonPackage(",
            "    pname = \"" + pname + "\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    homepage = \"\",",
            "    license = License.MIT)",
            "@PyPI(name = \"thing\", hash = \"\")");
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    // python3.13- + 191 + -1.0.0 + .drv: 212, one more than Nix allows.
    assertThat(c).hadErrorContaining("[CPK005] pname and version make the derivation's store name 212 characters long")
        .inFile(thing).onLineContaining("pname = ");
  }

  @Test
  void cpk005_storeNameAtTheLimitPasses() {
    JavaFileObject thing =
        recipe("Thing",
            "@PythonPackage(",
            "    pname = \"" + "p".repeat(190) + "\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    homepage = \"\",",
            "    license = License.MIT)",
            "@PyPI(name = \"thing\", hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")");
    assertThat(compile(thing)).succeeded();
  }

  @Test
  void cpk005_pypiFileNameTooLong() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@PyPI(",
            "    name = \"" + "n".repeat(190) + "\",",
            "    hash = \"\")"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("makes a store name of 217 characters; Nix allows 211")
        .inFile(thing).onLineContaining("name = \"nnn");
  }

  @Test
  void cpk005_bundleOfANixBuiltin() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@PyPI(name = \"thing\", hash = \"\")",
            "@Bundle({",
            "    \"numpy\",",
            "    \"true\"",
            "})"));
    Compilation c = compile(thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] 'true' is also a name the generated file takes from its scope")
        .inFile(thing).onLineContaining("\"true\"");
  }

  @Test
  void cpk005_bundleOfARequiredRecipesAttr() {
    JavaFileObject numpy = clean("Numpy", "numpy");
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@PyPI(name = \"thing\", hash = \"\")",
            "@Requires(Numpy.class)",
            "@Bundle({",
            "    \"numpy\"",
            "})"));
    Compilation c = compile(numpy, thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] 'numpy' is also the attr of a recipe this file is given as an argument")
        .inFile(thing).onLineContaining("    \"numpy\"");
  }

  /**
   * A Linux-only recipe, bundled on Linux by a node bundle built everywhere: nothing binds its attr
   * in the bundle's file, so `with python3.pkgs` looked it up in nixpkgs and the file failed to
   * evaluate on Linux (undefined variable 'bar-rebuild').
   */
  @Test
  void cpk005_conditionalBundleOfARecipeTheFileIsNotGiven() {
    JavaFileObject bar = linuxOnlyBar();
    JavaFileObject tools =
        recipe("Tools",
            "@NodeBundle(pname = \"comfyui-tools\", version = \"1.0.0\", description = \"d\",",
            "    homepage = \"https://example.org/\", license = License.MIT)",
            "@Node(directory = \"Zeta\", owner = \"example\", repo = \"zeta\", tag = \"v1\",",
            "    hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
            "@Bundle(value = {\"numpy\", \"bar-rebuild\"}, systems = Platform.LINUX)");
    Compilation c = compile(bar, tools);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] 'bar-rebuild' is the attr of the recipe test.Bar,"
            + " not a nixpkgs package: this file is not given the recipe, so `with python3.pkgs`"
            + " would look the name up in nixpkgs (another package, or an undefined variable where"
            + " it has none). Name test.Bar in @Requires instead.")
        .inFile(tools).onLineContaining("\"bar-rebuild\"");
  }

  @Test
  void cpk005_buildSystemOfARecipeTheFileIsNotGiven() {
    JavaFileObject thing =
        recipe("Thing", with(HEAD,
            "@PyPI(name = \"thing\", hash = \"\")",
            "@BuildSystem({",
            "    \"setuptools\",",
            "    \"bar-rebuild\"",
            "})"));
    Compilation c = compile(linuxOnlyBar(), thing);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] 'bar-rebuild' is the attr of the recipe test.Bar,")
        .inFile(thing).onLineContaining("    \"bar-rebuild\"");
  }

  @Test
  void cpk005_metaNixpkgsNameOfARecipeThatIsNoMember() {
    JavaFileObject meta =
        recipe("Extras",
            "@MetaPackage(",
            "    pname = \"extras\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    members = {},",
            "    nixpkgs = {",
            "        \"bar-rebuild\"",
            "    })");
    Compilation c = compile(linuxOnlyBar(), meta);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] 'bar-rebuild' is the attr of the recipe test.Bar,"
            + " not a nixpkgs package")
        .inFile(meta).onLineContaining("\"bar-rebuild\"");
    assertThat(c).hadErrorContaining("Name test.Bar in members instead.");
  }

  /** A valid recipe whose attr nixpkgs does not hold, built on Linux only. */
  private static JavaFileObject linuxOnlyBar() {
    return recipe("Bar",
        "@PythonPackage(pname = \"comfyui-bar\", attr = \"bar-rebuild\", version = \"1.0.0\",",
        "    description = \"d\", homepage = \"https://example.org/\", license = License.MIT)",
        "@GitHub(owner = \"example\", repo = \"bar\", tag = \"v1.0.0\",",
        "    hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
        "@BuildSystem(\"setuptools\")",
        "@Platforms(Platform.LINUX)");
  }

  @Test
  void cpk005_metaNixpkgsNameThatTheMetaFileBinds() {
    JavaFileObject meta =
        recipe("Extras",
            "@MetaPackage(",
            "    pname = \"extras\",",
            "    version = \"1.0.0\",",
            "    description = \"d\",",
            "    members = {},",
            "    nixpkgs = {",
            "        \"python3\"",
            "    })");
    Compilation c = compile(meta);
    assertNothingGenerated(c);
    assertThat(c).hadErrorContaining("[CPK005] 'python3' is also a name the generated file takes from its scope")
        .inFile(meta).onLineContaining("\"python3\"");
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
