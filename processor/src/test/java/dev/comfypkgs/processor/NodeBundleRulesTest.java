package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.comfypkgs.processor.testing.Recipes.compile;
import static dev.comfypkgs.processor.testing.Recipes.recipe;
import static dev.comfypkgs.processor.testing.Recipes.runtime;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code @NodeBundle}: no source of its own (CPK001), one kind per class (CPK006), no wheel
 * annotations (CPK117), at least one node and nodes only there (CPK119), edits that name a node
 * exactly there (CPK120). Its {@code @Node} sources go through the rules of {@code @GitHub}
 * (CPK002, CPK107, the hash rule) and {@code @Vendored} (CPK109), its directories through CPK115
 * and CPK116, and its edits through CPK118: for each, the id, the fix, and where it points.
 */
class NodeBundleRulesTest {
  private static final String HASH = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  /** A bundle {@code test.Nodes} holding a valid GitHub node "Alpha" and the given lines. */
  private static JavaFileObject bundle(String... extra) {
    String[] lines = new String[4 + extra.length];
    lines[0] = "@NodeBundle(pname = \"comfyui-nodes\", version = \"1.0.0\",";
    lines[1] = "    description = \"d\", homepage = \"https://example.org/\", license = License.MIT)";
    lines[2] = "@Node(directory = \"Alpha\", owner = \"example\", repo = \"Alpha\",";
    lines[3] = "    rev = \"" + COMMIT + "\", hash = \"" + HASH + "\")";
    System.arraycopy(extra, 0, lines, 4, extra.length);
    return recipe("Nodes", lines);
  }

  @Test
  void aBundleOfTwoNodesWithAnEditCompiles() {
    JavaFileObject nodes = bundle(
        "@Node(directory = \"Beta\", owner = \"example\", repo = \"Beta\", tag = \"v2\",",
        "    hash = \"" + HASH + "\")",
        "@Substitute(file = \"a.py\", replace = \"a\", with = \"b\", node = \"Beta\")");
    assertThat(compile(nodes, runtime())).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "@GitHub(owner = \"example\", repo = \"Nodes\", tag = \"v1.0.0\", hash = \"" + HASH + "\")",
      "@PyPI(name = \"nodes\", hash = \"" + HASH + "\")",
      "@Vendored(file = \"nodes.whl\")"})
  void cpk001_aBundleWithASourceOfItsOwn(String source) {
    JavaFileObject nodes = bundle(source);
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK001] " + source.substring(0, source.indexOf('('))
            + " on a @NodeBundle: a bundle has no source of its own")
        .inFile(nodes).onLineContaining(source.substring(0, source.indexOf('(')));
  }

  @Test
  void cpk006_aClassThatIsBothACustomNodeAndABundle() {
    JavaFileObject nodes = bundle(
        "@CustomNode(pname = \"comfyui-nodes\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"https://example.org/\", license = License.MIT)");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK006] Nodes is both a @CustomNode and a @NodeBundle")
        .inFile(nodes).onLineContaining("@NodeBundle(");
  }

  @ParameterizedTest
  @ValueSource(strings = {"@BuildSystem(\"setuptools\")", "@Relax(\"numpy\")", "@ImportsCheck(\"nodes\")"})
  void cpk117_aWheelAnnotationOnABundle(String annotation) {
    JavaFileObject nodes = bundle(annotation);
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    String name = annotation.replaceAll("\\(.*", "");
    assertThat(c).hadErrorContaining("[CPK117] " + name + " on a @NodeBundle: it ")
        .inFile(nodes).onLineContaining(annotation);
  }

  @Test
  void cpk119_aBundleWithoutNodes() {
    JavaFileObject empty = recipe("Empty",
        "@NodeBundle(pname = \"comfyui-empty\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"https://example.org/\", license = License.MIT)");
    Compilation c = compile(empty, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK119] Empty installs no node: add a @Node(directory,")
        .inFile(empty).onLineContaining("@NodeBundle(");
  }

  @Test
  void cpk119_aNodeOnACustomNode() {
    JavaFileObject single = recipe("Single",
        "@CustomNode(pname = \"comfyui-single\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"https://example.org/\", license = License.MIT)",
        "@GitHub(owner = \"example\", repo = \"Single\", tag = \"v1.0.0\", hash = \"" + HASH + "\")",
        "@Node(directory = \"Extra\", owner = \"example\", repo = \"Extra\", tag = \"v1\",",
        "    hash = \"" + HASH + "\")");
    Compilation c = compile(single, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK119] @Node on Single, which is not a @NodeBundle")
        .inFile(single).onLineContaining("directory = \"Extra\"");
  }

  @Test
  void cpk119_aNodeWithBothAFileAndAGitHubArchive() {
    JavaFileObject nodes = bundle(
        "@Node(directory = \"Beta\", owner = \"example\", repo = \"Beta\", tag = \"v2\",",
        "    hash = \"" + HASH + "\", file = \"Beta\")");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK119] @Node \"Beta\" names both a file under sources/"
            + " and a GitHub archive")
        .inFile(nodes).onLineContaining("file = \"Beta\"");
  }

  @Test
  void cpk120_aBundleEditWithoutANode() {
    JavaFileObject nodes = bundle(
        "@Substitute(file = \"__init__.py\", replace = \"a\", with = \"b\")");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK120] @Substitute on the @NodeBundle Nodes names no node")
        .inFile(nodes).onLineContaining("@Substitute(");
  }

  @Test
  void cpk120_aNodeNamedByAPackageEdit() {
    JavaFileObject pkg = recipe("Lib",
        "@PythonPackage(pname = \"lib\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"https://example.org/\", license = License.MIT)",
        "@GitHub(owner = \"example\", repo = \"lib\", tag = \"v1.0.0\", hash = \"" + HASH + "\")",
        "@Substitute(file = \"setup.py\", replace = \"a\", with = \"b\",",
        "    node = \"Alpha\")");
    Compilation c = compile(pkg, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK120] @Substitute names node \"Alpha\", but Lib is a"
            + " @PythonPackage, which edits its own source")
        .inFile(pkg).onLineContaining("node = \"Alpha\"");
  }

  @Test
  void cpk002_aNodeWithBothTagAndRev() {
    JavaFileObject nodes = bundle(
        "@Node(directory = \"Beta\", owner = \"example\", repo = \"Beta\", tag = \"v2\",",
        "    hash = \"" + HASH + "\", rev = \"" + COMMIT + "\")");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK002] @Node gives both tag and rev")
        .inFile(nodes).onLineContaining("\", rev = \"");
  }

  @Test
  void cpk002_aGitHubNodeWithNeitherTagNorRev() {
    JavaFileObject nodes = bundle(
        "@Node(directory = \"Beta\", owner = \"example\", repo = \"Beta\", hash = \"" + HASH + "\")");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK002] @Node gives neither tag nor rev")
        .inFile(nodes).onLineContaining("directory = \"Beta\"");
  }

  @Test
  void cpk107_aNodeOnABranch() {
    JavaFileObject nodes = bundle(
        "@Node(directory = \"Beta\", owner = \"example\", repo = \"Beta\",",
        "    rev = \"main\", hash = \"" + HASH + "\")");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK107] rev \"main\" is a branch")
        .inFile(nodes).onLineContaining("rev = \"main\"");
  }

  @Test
  void hashRule_aNodeHashThatIsNotSri() {
    JavaFileObject nodes = bundle(
        "@Node(directory = \"Beta\", owner = \"example\", repo = \"Beta\", tag = \"v2\",",
        "    hash = \"abc\")");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK108] hash \"abc\" is not an SRI SHA-256 hash")
        .inFile(nodes).onLineContaining("hash = \"abc\"");
  }

  @Test
  void cpk109_aVendoredNodeOutsideSources() {
    JavaFileObject nodes = bundle(
        "@Node(directory = \"Beta\",",
        "    file = \"../Beta\")");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] '../Beta' leaves sources/: vendored sources live"
            + " inside it; copy the directory there.")
        .inFile(nodes).onLineContaining("file = \"../Beta\"");
  }

  @Test
  void cpk109_aVendoredNodeIsADirectoryNotAFile(@TempDir Path tmp) throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Files.writeString(sources.resolve("Beta.py"), "");
    JavaFileObject nodes = bundle(
        "@Node(directory = \"Beta\",",
        "    file = \"Beta.py\")");
    Compilation c = compile(List.of("-Acomfypkgs.sources=" + sources), nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK109] sources/Beta.py is not a directory: a vendored @Node"
            + " is the directory of the node's files, installed whole.")
        .inFile(nodes).onLineContaining("file = \"Beta.py\"");
  }

  @Test
  void aVendoredNodeDirectoryInsideSourcesCompiles(@TempDir Path tmp) throws IOException {
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Files.writeString(Files.createDirectories(sources.resolve("Beta")).resolve("__init__.py"), "");
    JavaFileObject nodes = bundle(
        "@Node(directory = \"Beta\", file = \"Beta\")",
        "@Substitute(file = \"__init__.py\", replace = \"a\", with = \"b\", node = \"Beta\")");
    Compilation c = compile(List.of("-Acomfypkgs.sources=" + sources), nodes, runtime());
    assertThat(c).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "a/b", "Beta.disabled"})
  void cpk115_aNodeDirectoryThatIsNotOneSegment(String directory) {
    JavaFileObject nodes = bundle(
        "@Node(",
        "    directory = \"" + directory + "\", owner = \"example\", repo = \"Beta\", tag = \"v2\",",
        "    hash = \"" + HASH + "\")");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK115] directory \"" + directory + "\" is not a single"
            + " directory name ComfyUI loads")
        .inFile(nodes).onLineContaining("directory = \"" + directory);
  }

  @Test
  void cpk116_twoNodesOfOneBundleInOneDirectory() {
    JavaFileObject nodes = bundle(
        "@Node(",
        "    directory = \"alpha\", owner = \"example\", repo = \"Other\", tag = \"v2\",",
        "    hash = \"" + HASH + "\")");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK116] custom_nodes/alpha is installed twice by Nodes")
        .inFile(nodes).onLineContaining("directory = \"alpha\"");
  }

  @Test
  void cpk116_aBundleNodeAndACustomNodeInOneDirectory() {
    JavaFileObject alpha = recipe("Zed",
        "@CustomNode(pname = \"comfyui-zed\", version = \"1.0.0\", description = \"d\",",
        "    homepage = \"https://example.org/\", license = License.MIT,",
        "    directory = \"Alpha\")",
        "@GitHub(owner = \"example\", repo = \"Alpha\", tag = \"v1.0.0\", hash = \"" + HASH + "\")");
    Compilation c = compile(bundle(), alpha, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK116] custom_nodes/Alpha is installed by both Nodes and Zed")
        .inFile(alpha).onLineContaining("directory = \"Alpha\"");
  }

  @Test
  void cpk118_anEditOfANodeTheBundleLacks() {
    JavaFileObject nodes = bundle(
        "@Substitute(file = \"__init__.py\", replace = \"a\", with = \"b\",",
        "    node = \"Gamma\")");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK118] @Substitute edits node \"Gamma\", which Nodes does"
            + " not install: name the directory of one of its @Node annotations (Alpha).")
        .inFile(nodes).onLineContaining("node = \"Gamma\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../Beta/__init__.py", "/etc/passwd", "./x.py", "a//b.py"})
  void cpk118_anEditFileOutsideItsNode(String file) {
    JavaFileObject nodes = bundle(
        "@Substitute(",
        "    file = \"" + file + "\", replace = \"a\", with = \"b\",",
        "    node = \"Alpha\")");
    Compilation c = compile(nodes, runtime());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[CPK118] @Substitute file \"" + file + "\" is not a file"
            + " inside node Alpha")
        .inFile(nodes).onLineContaining("file = \"" + file);
  }
}
