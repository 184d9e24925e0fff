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
 * A node bundle's {@code @Node} sources go through the rules of {@code @GitHub} (CPK002, CPK107,
 * the hash rule) and {@code @Vendored} (CPK109), its directories through CPK115 and CPK116, and
 * its edits through CPK118: for each, the id, the fix, and where it points.
 */
class NodeBundleRulesTest {
  private static final String HASH = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  /** A bundle {@code test.Nodes} holding a valid GitHub node "Alpha" and the given lines. */
  private static JavaFileObject bundle(String... extra) {
    String[] lines = new String[6 + extra.length];
    lines[0] = "@CustomNode(pname = \"comfyui-nodes\", version = \"1.0.0\",";
    lines[1] = "    description = \"d\", homepage = \"https://example.org/\", license = License.MIT)";
    lines[2] = "@GitHub(owner = \"example\", repo = \"ComfyUI-Nodes\", tag = \"v1.0.0\",";
    lines[3] = "    hash = \"" + HASH + "\")";
    lines[4] = "@Node(directory = \"Alpha\", owner = \"example\", repo = \"Alpha\",";
    lines[5] = "    rev = \"" + COMMIT + "\", hash = \"" + HASH + "\")";
    System.arraycopy(extra, 0, lines, 6, extra.length);
    return recipe("Nodes", lines);
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
    assertThat(c).hadErrorContaining("[CPK109] '../Beta' leaves sources/")
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
