package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.comfypkgs.processor.testing.Recipes.compile;
import static dev.comfypkgs.processor.testing.Recipes.recipe;
import static dev.comfypkgs.processor.testing.Recipes.runtime;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency rules (CPK101-CPK114): for each rule and branch, a bad recipe fails with the
 * rule's id, a message that names the fix, on the line of the attribute at fault.
 */
class DependencyRulesTest {
  private static final String HASH = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  @TempDir Path tmp;

  /** A package recipe: head on separate lines, a PyPI source, then the extra lines. */
  static JavaFileObject pkg(String className, String pname, String... extra) {
    List<String> lines = new ArrayList<>(List.of(
        "@PythonPackage(",
        "    pname = \"" + pname + "\",",
        "    version = \"1.0.0\",",
        "    description = \"d\",",
        "    homepage = \"\",",
        "    license = License.MIT)",
        "@PyPI(name = \"" + pname + "\", hash = \"" + HASH + "\")"));
    lines.addAll(Arrays.asList(extra));
    return recipe(className, lines.toArray(String[]::new));
  }

  /** comfyui-timm, which @Replaces("timm"). */
  static JavaFileObject timm(String... extra) {
    List<String> lines = new ArrayList<>(List.of(
        "@TorchAgnostic(remove = {\"torch\", \"torchvision\"})",
        "@Replaces(\"timm\")"));
    lines.addAll(Arrays.asList(extra));
    return pkg("Timm", "comfyui-timm", lines.toArray(String[]::new));
  }

  // CPK101: torch bundled

  @Test
  void cpk101_torchBearingBundleWithAReplacementNamesIt() {
    JavaFileObject p = pkg("P", "p",
        "@Bundle({",
        "    \"numpy\",",
        "    \"timm\"",
        "})");
    Compilation c = compile(runtime(), timm(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK101] 'timm' carries torch at run time and must not be bundled: bundle comfyui-timm"
                + " instead: @Requires(Timm.class)")
        .inFile(p).onLineContaining("\"timm\"");
  }

  @Test
  void cpk101_torchBearingBundleWithoutReplacement() {
    JavaFileObject p = pkg("P", "p", "@Bundle({", "    \"diffusers\"", "})");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK101] 'diffusers' carries torch at run time and must not be bundled: remove it and"
                + " strip the requirement with @TorchAgnostic(remove = \"diffusers\")")
        .inFile(p).onLineContaining("\"diffusers\"");
  }

  @Test
  void cpk101_runtimeProvidedNameIsNotBundled() {
    JavaFileObject p = pkg("P", "p", "@Bundle({", "    \"transformers\"", "})");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK101] 'transformers' is provided by the runtime (@Runtime) and must not be bundled")
        .inFile(p).onLineContaining("\"transformers\"");
  }

  @Test
  void cpk101_torchThroughARequiresChain() {
    JavaFileObject carrier = pkg("Carrier", "carrier", "@Bundle(\"xformers\")");
    JavaFileObject middle = pkg("Middle", "middle", "@Requires(Carrier.class)");
    JavaFileObject top = pkg("Top", "top",
        "@Requires({",
        "    Middle.class",
        "})");
    Compilation c = compile(runtime(), carrier, middle, top);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK101] top requires middle -> carrier, which bundles the torch-bearing 'xformers':"
                + " fix the bundle in carrier")
        .inFile(top).onLineContaining("Middle.class");
    assertThat(c).hadErrorContaining("[CPK101] 'xformers' carries torch")
        .inFile(carrier).onLineContaining("@Bundle(\"xformers\")");
  }

  @Test
  void cpk101_metaPackageNixpkgsMember() {
    JavaFileObject meta = recipe("Extras",
        "@MetaPackage(",
        "    pname = \"extras\",",
        "    version = \"1.0.0\",",
        "    description = \"d\",",
        "    members = {},",
        "    nixpkgs = {",
        "        \"rich\",",
        "        \"accelerate\"",
        "    })");
    Compilation c = compile(runtime(), meta);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK101] 'accelerate' carries torch at run time")
        .inFile(meta).onLineContaining("\"accelerate\"");
  }

  @Test
  void cpk101_recipesExtendTheList() {
    JavaFileObject p = pkg("P", "p",
        "@TorchBearing(\"basicsr\")",
        "@Bundle({",
        "    \"basicsr\"",
        "})");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK101] 'basicsr' carries torch at run time")
        .inFile(p).onLineContaining("    \"basicsr\"");
  }

  // CPK102: removed without a provider

  @Test
  void cpk102_removedNameNobodyProvides() {
    JavaFileObject p = pkg("P", "comfyui-p",
        "@TorchAgnostic(remove = {",
        "    \"torch\",",
        "    \"xformers\"",
        "})");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK102] nothing provides 'xformers' once it is removed: add it to @Runtime(provides),"
                + " or add a torch-agnostic rebuild with @Replaces(\"xformers\")")
        .inFile(p).onLineContaining("\"xformers\"");
  }

  @Test
  void cpk102_pep503NamesMatch() {
    JavaFileObject clip = pkg("Clip", "comfyui-open-clip-torch",
        "@TorchAgnostic(remove = \"torch\")", "@Replaces(\"open-clip-torch\")");
    JavaFileObject p = pkg("P", "comfyui-p",
        "@TorchAgnostic(remove = {\"torch\", \"Open_Clip.Torch\"})",
        "@Requires(Clip.class)");
    Compilation c = compile(runtime(), clip, p);
    assertThat(c).succeeded();
    assertThat(c).generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "comfypkgs/.flox/pkgs/comfyui-p.nix")
        .contentsAsUtf8String().contains("\"Open_Clip.Torch\"");
  }

  @Test
  void cpk102_removeNeedsAReason() {
    JavaFileObject p = pkg("P", "p",
        "@Remove(",
        "    value = \"opencv-python\",",
        "    reason = \" \")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK102] @Remove needs a reason: say why")
        .inFile(p).onLineContaining("reason = \" \"");
  }

  // CPK103: provider out of reach

  @Test
  void cpk103_providerNeitherRequiredNorInAMetaPackage() {
    JavaFileObject p = pkg("P", "comfyui-p",
        "@TorchAgnostic(remove = {",
        "    \"torch\",",
        "    \"timm\"",
        "})");
    Compilation c = compile(runtime(), timm(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK103] 'timm' is removed and provided by comfyui-timm, but comfyui-p neither requires"
                + " it nor is in a meta-package with it: add @Requires(Timm.class) here")
        .inFile(p).onLineContaining("\"timm\"");
  }

  @Test
  void cpk103_metaPackageLacksTheProviderOnSomeSystems() {
    JavaFileObject narrowTimm = timm("@Platforms(Platform.X86_64_LINUX)");
    JavaFileObject p = pkg("P", "comfyui-p",
        "@TorchAgnostic(remove = {",
        "    \"torch\",",
        "    \"timm\"",
        "})",
        "@Platforms(Platform.LINUX)");
    JavaFileObject meta = recipe("Extras",
        "@MetaPackage(pname = \"extras\", version = \"1.0.0\", description = \"d\",",
        "    members = {P.class, Timm.class})",
        "@Platforms(Platform.LINUX)");
    Compilation c = compile(runtime(), narrowTimm, p, meta);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK103] 'timm' is removed and provided by comfyui-timm, but extras holds comfyui-p but"
                + " not comfyui-timm on aarch64-linux")
        .inFile(p).onLineContaining("\"timm\"");
  }

  @Test
  void cpk103_requiringTheProviderIsEnough() {
    JavaFileObject p = pkg("P", "comfyui-p",
        "@TorchAgnostic(remove = {\"torch\", \"timm\"})", "@Requires(Timm.class)");
    assertThat(compile(runtime(), timm(), p)).succeeded();
  }

  // CPK104: torch not removed

  @Test
  void cpk104_torchAgnosticWithoutTorch() {
    JavaFileObject p = pkg("P", "comfyui-p",
        "@TorchAgnostic(",
        "    remove = {\"torchvision\"})");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK104] @TorchAgnostic does not remove \"torch\": add it to remove")
        .inFile(p).onLineContaining("remove = {\"torchvision\"}");
  }

  // CPK105: platforms of @Requires

  @Test
  void cpk105_requiresANarrowerPackage() {
    JavaFileObject linuxOnly = pkg("L", "l", "@Platforms(Platform.LINUX)");
    JavaFileObject p = pkg("P", "p",
        "@Requires({",
        "    L.class",
        "})");
    Compilation c = compile(runtime(), linuxOnly, p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK105] p supports x86_64-darwin, aarch64-darwin but requires l, which does not:"
                + " narrow p's @Platforms, or widen l's.")
        .inFile(p).onLineContaining("L.class");
  }

  // CPK106: versioning policy

  private static JavaFileObject github(String className, String version, String... source) {
    List<String> lines = new ArrayList<>(List.of(
        "@PythonPackage(",
        "    pname = \"p\",",
        "    version = \"" + version + "\",",
        "    description = \"d\",",
        "    homepage = \"\",",
        "    license = License.MIT)"));
    lines.addAll(Arrays.asList(source));
    return recipe(className, lines.toArray(String[]::new));
  }

  @Test
  void cpk106_versionIsTheTag() {
    JavaFileObject p = github("P", "1.2.0",
        "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.2.3\", hash = \"" + HASH + "\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK106] version \"1.2.0\" does not match the tag \"v1.2.3\": set version = \"1.2.3\"")
        .inFile(p).onLineContaining("version = \"1.2.0\"");
  }

  @Test
  void cpk106_tagWithOrWithoutV() {
    assertThat(compile(runtime(), github("P", "1.2.3",
        "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.2.3\", hash = \"" + HASH + "\")")))
        .succeeded();
    assertThat(compile(runtime(), github("P", "1.2.3",
        "@GitHub(owner = \"o\", repo = \"r\", tag = \"1.2.3\", hash = \"" + HASH + "\")")))
        .succeeded();
  }

  @Test
  void cpk106_floxBuildNeedsTheAnnotation() {
    JavaFileObject p = github("P", "1.3.5_flox_build",
        "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.3.4\", hash = \"" + HASH + "\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK106] a _flox_build version needs @FloxBuild(upstream = \"<the upstream version>\"")
        .inFile(p).onLineContaining("version = \"1.3.5_flox_build\"");
  }

  @Test
  void cpk106_floxBuildUpstreamIsTheTag() {
    JavaFileObject p = github("P", "1.3.5_flox_build",
        "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.3.4\", hash = \"" + HASH + "\")",
        "@FloxBuild(",
        "    upstream = \"1.3.3\",",
        "    reason = \"bundles its models\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK106] @FloxBuild upstream \"1.3.3\" is not the source's tag \"v1.3.4\": set upstream = \"1.3.4\"")
        .inFile(p).onLineContaining("upstream = \"1.3.3\"");
    assertThat(compile(runtime(), github("P", "1.3.5_flox_build",
        "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.3.4\", hash = \"" + HASH + "\")",
        "@FloxBuild(upstream = \"1.3.4\", reason = \"bundles its models\")"))).succeeded();
  }

  @Test
  void cpk106_floxBuildWithoutTheSuffix() {
    JavaFileObject p = github("P", "1.3.4",
        "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.3.4\", hash = \"" + HASH + "\")",
        "@FloxBuild(upstream = \"1.3.4\", reason = \"r\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK106] @FloxBuild goes with a version ending in _flox_build")
        .inFile(p).onLineContaining("@FloxBuild(");
  }

  @Test
  void cpk106_commitNeedsAnUnstableVersion() {
    String rev = "0123456789abcdef0123456789abcdef01234567";
    JavaFileObject p = github("P", "1.0",
        "@GitHub(owner = \"o\", repo = \"r\", rev = \"" + rev + "\", hash = \"" + HASH + "\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK106] a source pinned to a commit needs a version \"<last release>-unstable-YYYY-MM-DD\"")
        .inFile(p).onLineContaining("version = \"1.0\"");
    JavaFileObject badDate = github("P", "1.0-unstable-2024-13-40",
        "@GitHub(owner = \"o\", repo = \"r\", rev = \"" + rev + "\", hash = \"" + HASH + "\")");
    assertThat(compile(runtime(), badDate)).hadErrorContaining("[CPK106] a source pinned to a commit");
    assertThat(compile(runtime(), github("P", "unstable-2024-09-18",
        "@GitHub(owner = \"o\", repo = \"r\", rev = \"" + rev + "\", hash = \"" + HASH + "\")")))
        .succeeded();
  }

  /** A package recipe whose head leaves version out (or gives {@code version}, when not null). */
  private static JavaFileObject headWithVersion(String className, String head, String version, String... extra) {
    List<String> lines = new ArrayList<>(List.of(
        "@" + head + "(",
        "    pname = \"comfyui-plugins\","));
    if (version != null) {
      lines.add("    version = \"" + version + "\",");
    }
    lines.addAll(List.of(
        "    description = \"d\",",
        "    homepage = \"\",",
        "    license = License.MIT)",
        "@PyPI(name = \"comfyui-plugins\", hash = \"" + HASH + "\")"));
    lines.addAll(Arrays.asList(extra));
    return recipe(className, lines.toArray(String[]::new));
  }

  @Test
  void cpk106_tracksComfyUIOmitsTheVersionAndGetsTheRelease() {
    JavaFileObject release = recipe("Release", "@ComfyUIRelease(\"0.10.0\")");
    JavaFileObject p = headWithVersion("P", "PythonPackage", null, "@TracksComfyUI");
    JavaFileObject meta = recipe("Extras",
        "@MetaPackage(pname = \"extras\", description = \"d\", members = {P.class})",
        "@TracksComfyUI");
    Compilation c = compile(runtime(), release, p, meta);
    assertThat(c).succeeded();
    assertThat(c).generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "comfypkgs/.flox/pkgs/comfyui-plugins.nix")
        .contentsAsUtf8String().contains("version = \"0.10.0\";");
    assertThat(c).generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "comfypkgs/.flox/pkgs/extras.nix")
        .contentsAsUtf8String().contains("version = \"0.10.0\";");
  }

  @Test
  void cpk106_tracksComfyUIWithAVersionIsRefused() {
    JavaFileObject release = recipe("Release", "@ComfyUIRelease(\"0.10.0\")");
    JavaFileObject p = headWithVersion("P", "PythonPackage", "0.10.0", "@TracksComfyUI");
    Compilation c = compile(runtime(), release, p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK106] omit version: it is the @ComfyUIRelease (\"0.10.0\") for a @TracksComfyUI package")
        .inFile(p).onLineContaining("version = \"0.10.0\"");
  }

  @Test
  void cpk106_aMetaPackageTrackingComfyUIWithAVersionIsRefused() {
    JavaFileObject release = recipe("Release", "@ComfyUIRelease(\"0.10.0\")");
    JavaFileObject meta = recipe("Extras",
        "@MetaPackage(pname = \"extras\",",
        "    version = \"1.0.0\",",
        "    description = \"d\", members = {})",
        "@TracksComfyUI");
    Compilation c = compile(runtime(), release, meta);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK106] omit version: it is the @ComfyUIRelease (\"0.10.0\")")
        .inFile(meta).onLineContaining("version = \"1.0.0\"");
  }

  @Test
  void cpk106_versionIsRequiredWithoutTracksComfyUI() {
    JavaFileObject p = headWithVersion("P", "CustomNode", null);
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK106] version is required: set version = \"<upstream's version>\" (or, for a package"
                + " whose version is the ComfyUI release, add @TracksComfyUI and omit it).")
        .inFile(p).onLineContaining("@CustomNode(");
    JavaFileObject meta = recipe("Extras",
        "@MetaPackage(pname = \"extras\", description = \"d\", members = {})");
    assertThat(compile(runtime(), meta)).hadErrorContaining("[CPK106] version is required")
        .inFile(meta).onLineContaining("@MetaPackage(");
  }

  @Test
  void cpk106_anEmptyVersionIsRequiredToo() {
    JavaFileObject p = headWithVersion("P", "PythonPackage", "");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK106] version is required")
        .inFile(p).onLineContaining("version = \"\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void cpk106_tracksComfyUIWithoutARelease() {
    JavaFileObject p = pkg("P", "comfyui-plugins", "@TracksComfyUI");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK106] @TracksComfyUI needs a @ComfyUIRelease(\"x.y.z\") declaration")
        .inFile(p).onLineContaining("@TracksComfyUI");
  }

  // CPK107: pinned sources

  @Test
  void cpk107_branchIsNotAPin() {
    JavaFileObject p = github("P", "1.0-unstable-2024-09-18",
        "@GitHub(",
        "    owner = \"facebookresearch\",",
        "    repo = \"segment-anything\",",
        "    rev = \"main\",",
        "    hash = \"" + HASH + "\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK107] rev \"main\" is a branch: a fixed hash on a moving branch breaks the day upstream pushes")
        .inFile(p).onLineContaining("rev = \"main\"");
  }

  @Test
  void cpk107_abbreviatedCommit() {
    JavaFileObject p = github("P", "1.0-unstable-2024-09-18",
        "@GitHub(owner = \"o\", repo = \"r\",",
        "    rev = \"dca509f\",",
        "    hash = \"" + HASH + "\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK107] rev \"dca509f\" is an abbreviated commit: write all 40 hex digits")
        .inFile(p).onLineContaining("rev = \"dca509f\"");
  }

  @Test
  void cpk107_somethingElse() {
    JavaFileObject p = github("P", "1.0-unstable-2024-09-18",
        "@GitHub(owner = \"o\", repo = \"r\",",
        "    rev = \"release/1.x\",",
        "    hash = \"" + HASH + "\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK107] rev \"release/1.x\" is not a commit: use tag = \"release/1.x\"")
        .inFile(p).onLineContaining("rev = \"release/1.x\"");
  }

  // CPK108: hashes

  @Test
  void cpk108_notSri() {
    JavaFileObject p = github("P", "1.0.0",
        "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.0.0\",",
        "    hash = \"0y1n6dsl3a3qvc1v1fd06bq3brxbvaad0ak4k5pzgagv3bnk2vwz\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK108] hash \"0y1n6dsl3a3qvc1v1fd06bq3brxbvaad0ak4k5pzgagv3bnk2vwz\" is not an SRI SHA-256 hash")
        .inFile(p).onLineContaining("hash = \"0y1n");
  }

  @Test
  void cpk108_emptyHashIsAWarningAndBuildsWithFakeHash() {
    JavaFileObject p = github("P", "1.0.0",
        "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.0.0\",",
        "    hash = \"\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining(
            "[CPK108] no hash yet: the file uses lib.fakeHash and the first build fails printing the"
                + " real one. To fill it without a build: nix-prefetch-url --unpack"
                + " https://github.com/o/r/archive/v1.0.0.tar.gz")
        .inFile(p).onLineContaining("hash = \"\"");
    assertThat(c).generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "comfypkgs/.flox/pkgs/p.nix")
        .contentsAsUtf8String().contains("hash = lib.fakeHash;");
  }

  @Test
  void cpk108_warningsAsErrors() {
    JavaFileObject p = github("P", "1.0.0",
        "@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.0.0\",",
        "    hash = \"\")");
    Compilation c = compile(List.of("-Acomfypkgs.warningsAsErrors=true"), runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK108] no hash yet").inFile(p).onLineContaining("hash = \"\"");
  }

  @Test
  void cpk108_vendoredSha256Format() {
    JavaFileObject p = recipe("P",
        "@PythonPackage(pname = \"p\", version = \"1.0.0\", description = \"d\", homepage = \"\",",
        "    license = License.MIT, format = Format.WHEEL)",
        "@Vendored(file = \"p.whl\",",
        "    sha256 = \"md5:abc\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK108] sha256 \"md5:abc\" is neither 64 lower-case hex digits nor SRI")
        .inFile(p).onLineContaining("sha256 = \"md5:abc\"");
  }

  // CPK109: vendored files

  private static JavaFileObject vendored(String file, String sha256) {
    return recipe("P",
        "@PythonPackage(pname = \"p\", version = \"1.0.0\", description = \"d\", homepage = \"\",",
        "    license = License.MIT, format = Format.WHEEL)",
        "@Vendored(",
        "    file = \"" + file + "\",",
        "    sha256 = \"" + sha256 + "\")");
  }

  private List<String> sourcesOption(Path sources) {
    return List.of("-Acomfypkgs.sources=" + sources);
  }

  @Test
  void cpk109_absolutePath() {
    JavaFileObject p = vendored("/etc/p.whl", "");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] '/etc/p.whl' is absolute: give the path relative to sources/")
        .inFile(p).onLineContaining("file = \"/etc/p.whl\"");
  }

  @Test
  void cpk109_leavesSources() {
    JavaFileObject p = vendored("wheels/../../p.whl", "");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] 'wheels/../../p.whl' leaves sources/")
        .inFile(p).onLineContaining("file = \"wheels/../../p.whl\"");
  }

  @Test
  void cpk109_symlinkOut() throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Path outside = Files.writeString(tmp.resolve("p.whl"), "wheel");
    Files.createSymbolicLink(sources.resolve("p.whl"), outside);
    JavaFileObject p = vendored("p.whl", "");
    Compilation c = compile(sourcesOption(sources), runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] sources/p.whl is a link to " + outside.toRealPath() + ", outside sources/")
        .inFile(p).onLineContaining("file = \"p.whl\"");
  }

  @Test
  void cpk109_shaMismatchAndMatch() throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Files.writeString(sources.resolve("p.whl"), "wheel");
    String right;
    try {
      right = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest("wheel".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    String wrong = "0".repeat(64);
    JavaFileObject bad = vendored("p.whl", wrong);
    Compilation c = compile(sourcesOption(sources), runtime(), bad);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] sources/p.whl has SHA-256 ")
        .inFile(bad).onLineContaining("sha256 = \"" + wrong + "\"");
    assertThat(c).hadErrorContaining(
        "sources/p.whl has SHA-256 " + right + " (sha256-");
    assertThat(c).hadErrorContaining("not " + wrong + ": replace the file with the right one");
    assertThat(compile(sourcesOption(sources), runtime(), vendored("p.whl", right))).succeeded();
  }

  @Test
  void cpk109_absentFileIsAWarning() throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    JavaFileObject p = vendored("p.whl", "");
    Compilation c = compile(sourcesOption(sources), runtime(), p);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[CPK109] sources/p.whl is not there yet")
        .inFile(p).onLineContaining("file = \"p.whl\"");
  }

  @Test
  void cpk109_dotIsNotAFile() throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    JavaFileObject p = vendored(".", "0".repeat(64));
    Compilation c = compile(sourcesOption(sources), runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] '.' does not name a file inside sources/: give the file's path")
        .inFile(p).onLineContaining("file = \".\"");
  }

  @Test
  void cpk109_directoryIsNotAFile() throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Files.createDirectories(sources.resolve("wheels"));
    JavaFileObject p = vendored("wheels", "0".repeat(64));
    Compilation c = compile(sourcesOption(sources), runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] sources/wheels is a directory: a vendored source is one regular file")
        .inFile(p).onLineContaining("file = \"wheels\"");
  }

  @Test
  void cpk109_fifoIsNotAFile() throws IOException, InterruptedException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Process mkfifo = new ProcessBuilder("mkfifo", sources.resolve("p.whl").toString()).start();
    org.junit.jupiter.api.Assertions.assertEquals(0, mkfifo.waitFor(), "mkfifo");
    JavaFileObject p = vendored("p.whl", "0".repeat(64));
    Compilation c = compile(sourcesOption(sources), runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] sources/p.whl is not a regular file (a FIFO, socket or device)")
        .inFile(p).onLineContaining("file = \"p.whl\"");
  }

  @Test
  void cpk109_linkToNowhere() throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Files.createSymbolicLink(sources.resolve("p.whl"), tmp.resolve("gone/p.whl"));
    JavaFileObject p = vendored("p.whl", "");
    Compilation c = compile(sourcesOption(sources), runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] sources/p.whl is a symbolic link that leads nowhere")
        .inFile(p).onLineContaining("file = \"p.whl\"");
  }

  @Test
  void cpk109_absentFileBehindALinkOut() throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(sources.resolve("wheels"), outside);
    JavaFileObject p = vendored("wheels/p.whl", "");
    Compilation c = compile(sourcesOption(sources), runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] sources/wheels/p.whl would be reached through a link that leads out of sources/")
        .inFile(p).onLineContaining("file = \"wheels/p.whl\"");
  }

  @Test
  void cpk109_linkInsideSourcesIsRefusedBecauseNixCopiesTheLink() throws IOException {
    // Nix 2.8 turns a path literal naming a link into a store path holding that link, which
    // points at nothing there: the build would not see the wheel.
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Files.writeString(Files.createDirectories(sources.resolve("wheels")).resolve("p-1.whl"), "wheel");
    Files.createSymbolicLink(sources.resolve("p.whl"), sources.resolve("wheels/p-1.whl"));
    JavaFileObject linked = vendored("p.whl", "");
    Compilation c = compile(sourcesOption(sources), runtime(), linked);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] sources/p.whl is a link to "
            + sources.resolve("wheels/p-1.whl").toRealPath() + ", and Nix would copy the link, not"
            + " what it points to: copy the file in instead of linking it.")
        .inFile(linked).onLineContaining("file = \"p.whl\"");
  }

  // CPK110: identity

  @Test
  void cpk110_twoRecipesReplaceOneName() {
    JavaFileObject other = pkg("Other", "comfyui-other-timm",
        "@TorchAgnostic(remove = \"torch\")",
        "@Replaces({",
        "    \"TIMM\"",
        "})");
    JavaFileObject timm = timm();
    Compilation c = compile(runtime(), timm, other);
    assertThat(c).failed();
    // Declarations are checked in class-name order: Other claims the name first.
    assertThat(c).hadErrorContaining("[CPK110] 'timm' is already replaced by Other: one recipe provides"
            + " each requirement")
        .inFile(timm).onLineContaining("@Replaces(\"timm\")");
  }

  @Test
  void cpk110_requiresCycleIsPrinted() {
    JavaFileObject a = pkg("A", "a", "@Requires(B.class)");
    JavaFileObject b = pkg("B", "b", "@Requires(C.class)");
    JavaFileObject cc = pkg("C", "c", "@Requires(A.class)");
    Compilation c = compile(runtime(), a, b, cc);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK110] @Requires forms a cycle: a -> b -> c -> a. Break it")
        .inFile(a).onLineContaining("@Requires(B.class)");
  }

  @Test
  void cpk110_torchAgnosticNameStartsWithComfyui() {
    JavaFileObject p = pkg("P", "ultralytics", "@TorchAgnostic(remove = \"torch\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK110] a torch-agnostic rebuild's pname starts with comfyui-")
        .inFile(p).onLineContaining("pname = \"ultralytics\"");
    assertThat(c).hadErrorContaining("pname = \"comfyui-ultralytics\"");
  }

  // CPK111: removed and bundled

  @Test
  void cpk111_removedAndBundledSuggestsRelax() {
    JavaFileObject p = pkg("P", "comfyui-p",
        "@Bundle(\"numpy\")",
        "@Remove(reason = \"drop the <2 pin\", value = {",
        "    \"numpy\"",
        "})");
    Compilation c = compile(runtime(), p);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining(
            "[CPK111] 'numpy' is both removed and bundled: to drop its version pin, write @Relax(\"numpy\")")
        .inFile(p).onLineContaining("    \"numpy\"");
  }

  // CPK112: unknown nixpkgs names

  @Test
  void cpk112_unknownNameWithSuggestions() throws IOException {
    Path index = Files.writeString(tmp.resolve("index.json"),
        "[\"numpy\", \"pillow\", \"pillow-heif\", \"setuptools\", \"wheel\", \"opencv4\"]");
    JavaFileObject p = pkg("P", "p",
        "@BuildSystem(\"setuptools\")",
        "@Bundle({",
        "    \"numpy\",",
        "    \"pilow\"",
        "})");
    Compilation c = compile(List.of("-Acomfypkgs.nixpkgsIndex=" + index), runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(
            "[CPK112] 'pilow' is not a python3.pkgs attribute in the nixpkgs index; did you mean 'pillow'")
        .inFile(p).onLineContaining("\"pilow\"");
    // Off without the option.
    assertThat(compile(runtime(), p)).succeeded();
  }

  @Test
  void cpk112_theIndexCommandsFormatAlsoNamesTorchCarriers() throws IOException {
    Path index = Files.writeString(tmp.resolve("index.json"),
        "[{\"name\": \"numpy\", \"carriesTorch\": false},"
            + " {\"name\": \"setuptools\", \"carriesTorch\": false},"
            + " {\"name\": \"sneaky-helpers\", \"carriesTorch\": true}]");
    JavaFileObject p = pkg("P", "p",
        "@BuildSystem(\"setuptools\")",
        "@Bundle({",
        "    \"numpy\",",
        "    \"sneaky-helpers\"",
        "})");
    Compilation c = compile(List.of("-Acomfypkgs.nixpkgsIndex=" + index), runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK101] 'sneaky-helpers' carries torch at run time")
        .inFile(p).onLineContaining("\"sneaky-helpers\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void cpk112_unreadableIndexIsAnError() throws IOException {
    Path index = Files.writeString(tmp.resolve("index.json"), "{\"not\": \"a list\"}");
    Compilation c = compile(List.of("-Acomfypkgs.nixpkgsIndex=" + index), runtime(), pkg("P", "p"));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("comfypkgs.nixpkgsIndex could not be read");
  }

  // CPK113: a removal reaches further than meant

  @Test
  void cpk113_removalThatAlsoRemovesABundledName() {
    JavaFileObject p = pkg("P", "p",
        "@Bundle({\"numpy\", \"opencv-python\"})",
        "@Remove(reason = \"not needed\", value = {",
        "    \"opencv\"",
        "})");
    Compilation c = compile(runtime(), p);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[CPK113] @Remove(\"opencv\") also removes opencv-python, which this"
            + " recipe bundles: nixpkgs' hook matches Requires-Dist by regex prefix")
        .inFile(p).onLineContaining("    \"opencv\"");
    assertThat(c).hadWarningCount(1);
  }

  @Test
  void cpk113_torchRemovalThatAlsoRemovesARelaxedName() {
    JavaFileObject p = pkg("P", "comfyui-p",
        "@Relax(\"torchsde\")",
        "@TorchAgnostic(remove = {",
        "    \"torch\"",
        "})");
    Compilation c = compile(runtime(), p);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[CPK113] @TorchAgnostic(remove = \"torch\") also removes torchsde,"
            + " which this recipe relaxes")
        .inFile(p).onLineContaining("    \"torch\"");
  }

  @Test
  void cpk113_removalWithARegexMetacharacter() {
    JavaFileObject p = pkg("P", "p",
        "@Remove(reason = \"not needed\", value = {",
        "    \"ruamel.yaml\"",
        "})");
    Compilation c = compile(runtime(), p);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[CPK113] @Remove(\"ruamel.yaml\") contains the regex metacharacter"
            + " '.': nixpkgs' hook reads a removal as a regular expression, in which '.' matches any"
            + " character")
        .inFile(p).onLineContaining("    \"ruamel.yaml\"");
  }

  @Test
  void cpk113_removalsThatReachOnlyOtherRemovalsOrNothingKeptAreFine() {
    // torch also removes torchvision, which is removed anyway; opencv-python is no prefix of opencv4.
    JavaFileObject p = pkg("P", "comfyui-p",
        "@Bundle({\"opencv4\", \"numpy\"})",
        "@Relax(\"numpy\")",
        "@TorchAgnostic(remove = {\"torch\", \"torchvision\"})",
        "@Remove(value = \"opencv-python\", reason = \"opencv4 is bundled\")");
    Compilation c = compile(runtime(), p);
    assertThat(c).succeeded();
    assertNoFinding(c, "CPK113");
  }

  // CPK114: a skip reason names a requirement nixpkgs provides by name

  @Test
  void cpk114_skipReasonNamesARemovalInTheIndex() throws IOException {
    Path index = Files.writeString(tmp.resolve("index.json"),
        "[\"numpy\", \"opencv4\", \"opencv-python\"]");
    JavaFileObject p = pkg("P", "p",
        "@Bundle({\"numpy\", \"opencv4\"})",
        "@Remove(value = \"opencv-python\", reason = \"opencv4 is bundled instead.\")",
        "@SkipRuntimeDepsCheck(",
        "    reason = \"opencv4 does not satisfy the Opencv_Python requirement by name.\")");
    Compilation c = compile(List.of("-Acomfypkgs.nixpkgsIndex=" + index), runtime(), p);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[CPK114] reason names opencv-python, which python3.pkgs.opencv-python"
            + " provides by name (in the nixpkgs index): bundle it instead of removing it, and drop"
            + " @SkipRuntimeDepsCheck if that was its only reason")
        .inFile(p).onLineContaining("reason = \"opencv4 does not satisfy");
    assertThat(c).hadWarningCount(1);
  }

  @Test
  void cpk114_skipReasonNamesARemovalAnotherRecipeBundles() {
    JavaFileObject q = pkg("Q", "q", "@Bundle(\"opencv-python\")");
    JavaFileObject p = pkg("P", "p",
        "@Remove(value = \"opencv-python\", reason = \"opencv4 is bundled instead.\")",
        "@SkipRuntimeDepsCheck(",
        "    reason = \"opencv-python is not found by name.\")");
    Compilation c = compile(runtime(), q, p);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[CPK114] reason names opencv-python, which python3.pkgs.opencv-python"
            + " provides by name (Q bundles it)")
        .inFile(p).onLineContaining("reason = \"opencv-python is not found");
  }

  @Test
  void cpk114_skipReasonNamingNothingProvidableIsFine() throws IOException {
    Path index = Files.writeString(tmp.resolve("index.json"), "[\"opencv-python\"]");
    JavaFileObject p = pkg("P", "p",
        "@Remove(value = \"opencv-python\", reason = \"a fork is vendored instead.\")",
        "@Remove(value = \"pyvirtualcam\", reason = \"only the webcam mode needs it.\")",
        // opencv-python only inside a longer word; pyvirtualcam named but nowhere provided.
        "@SkipRuntimeDepsCheck(",
        "    reason = \"opencv-python-headless and pyvirtualcam are spelled differently.\")");
    Compilation c = compile(List.of("-Acomfypkgs.nixpkgsIndex=" + index), runtime(), p);
    assertThat(c).succeeded();
    assertNoFinding(c, "CPK114");
  }

  private static void assertNoFinding(Compilation c, String ruleId) {
    List<String> found = c.diagnostics().stream()
        .map(d -> d.getMessage(null))
        .filter(m -> m.contains("[" + ruleId + "]"))
        .toList();
    org.junit.jupiter.api.Assertions.assertEquals(List.of(), found);
  }

  // Every violation is reported, not just the first.

  @Test
  void everyViolationIsReported() {
    JavaFileObject p = pkg("P", "p",
        "@Bundle({",
        "    \"timm\",",
        "    \"accelerate\"",
        "})");
    Compilation c = compile(runtime(), p);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(2);
  }
}
