package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * import-requirements over a requirements file written to hold every syntax a custom node uses,
 * classified against the repository's real recipes (generated-nix/recipes.json).
 */
class ImportRequirementsTest {
  @TempDir static Path tmp;
  static Path requirements;
  static Path index;
  static Map<String, String> env = new LinkedHashMap<>();

  @BeforeAll
  static void setUp() throws IOException {
    requirements = Path.of("src/test/resources/requirements/requirements.txt").toAbsolutePath();
    env.put("COMFYPKGS_DIR", CliHarness.repoRoot().resolve("generated-nix").toString());
    index = tmp.resolve("index.json");
    Files.writeString(index, """
        [{"name": "numpy", "carriesTorch": false}, {"name": "opencv-python-headless", "carriesTorch": false},
         {"name": "pyyaml", "carriesTorch": false}, {"name": "scikit-image", "carriesTorch": false},
         {"name": "sneaky-helpers", "carriesTorch": true}, {"name": "diffusers", "carriesTorch": true},
         {"name": "mystery-pakage", "carriesTorch": false}]
        """);
  }

  private static Map<String, JsonNode> byName(String... extra) throws IOException {
    String[] args = new String[extra.length + 3];
    args[0] = "import-requirements";
    args[1] = requirements.toString();
    args[2] = "--json";
    System.arraycopy(extra, 0, args, 3, extra.length);
    CliHarness.Run run = CliHarness.run(tmp, env, args);
    assertEquals(0, run.exitCode(), run.all());
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode row : new ObjectMapper().readTree(run.out())) {
      out.putIfAbsent(row.get("normalized").asText(), row);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"[{\"name\": 3}]", "[{\"name\": \"timm\", \"carriesTorch\": \"yes\"}]",
      "{\"not\": \"a list\"}", "[{\"name\": "})
  void aMalformedIndexIsRefusedInOneLine(String text, @TempDir Path dir) throws IOException {
    // A name that is not a string, or a carriesTorch that is not a boolean, was once taken as
    // "3" or as false: a torch carrier would have been classified as harmless.
    Path bad = Files.writeString(dir.resolve("index.json"), text);
    assertRefused(importing(requirements.toString(), "--index", bad.toString()),
        "index.json is not a nixpkgs index (", "): write it with comfypkgs index.");
  }

  @Test
  void everySyntaxIsReadAndClassified() throws IOException {
    Map<String, JsonNode> rows = byName("--index", index.toString());
    assertEquals("runtime", rows.get("torch").get("kind").asText());
    assertEquals("runtime", rows.get("torchvision").get("kind").asText());
    assertEquals("runtime", rows.get("transformers").get("kind").asText(), "from the -r include");
    assertEquals("recipe", rows.get("timm").get("kind").asText());
    assertEquals("comfyui-timm", rows.get("timm").get("provider").asText());
    assertEquals("recipe", rows.get("open-clip-torch").get("kind").asText());
    assertEquals("recipe", rows.get("ultralytics").get("kind").asText());
    assertEquals("recipe", rows.get("segment-anything").get("kind").asText(), "#egg= of a git URL");
    assertEquals("recipe", rows.get("rembg").get("kind").asText(), "extras dropped");
    assertEquals("nixpkgs", rows.get("opencv-python-headless").get("kind").asText());
    assertEquals("opencv-python-headless", rows.get("opencv-python-headless").get("nixpkgsAttr").asText(),
        "nixpkgs has the name upstream requires, which keeps the runtime-deps check on");
    assertEquals("nixpkgs", rows.get("pyyaml").get("kind").asText(), "case folded");
    assertEquals("nixpkgs", rows.get("numpy").get("kind").asText(), "continued over three lines");
    assertEquals("nixpkgs", rows.get("scikit-image").get("kind").asText(), "scikit_image normalised");
    assertEquals("torch-bearing", rows.get("diffusers").get("kind").asText());
    assertTrue(rows.get("diffusers").get("action").asText()
        .contains("./comfypkgs new diffusers --github OWNER/REPO --tag TAG --torch-agnostic"));
    assertEquals("torch-bearing", rows.get("sneaky-helpers").get("kind").asText(), "the index says so");
    assertEquals("unknown", rows.get("fancy-node").get("kind").asText());
    assertTrue(rows.get("fancy-node").get("action").asText().contains("--github someone/fancy-node"));
    assertEquals("unknown", rows.get("fancy-helpers").get("kind").asText(), "name @ URL");
    assertEquals("unknown", rows.get("mystery-package").get("kind").asText());
    assertTrue(rows.get("mystery-package").get("action").asText().contains("did you mean python3.pkgs.mystery-pakage?"));
  }

  @Test
  void constraintsAreReadButAddNoRequirements(@TempDir Path dir) throws IOException {
    // constraints.txt pins torch and numpy, and includes more pins: only line 4's torch is required.
    List<JsonNode> rows = jsonRows(importing(requirements.toString(), "--json"));
    assertEquals(List.of(4), rows.stream().filter(r -> r.get("normalized").asText().equals("torch"))
        .map(r -> r.get("line").asInt()).toList());
    assertEquals(1, rows.stream().filter(r -> r.get("normalized").asText().equals("numpy")).count());
    // pip reads a constraints file as strictly as a requirements file.
    Path missing = write(dir, "requirements.txt", "numpy\n-c pins.txt\n");
    assertRefused(importing(missing.toString()), "requirements.txt:2: ", "pins.txt does not exist");
    write(dir, "pins.txt", ">=1.0\n");
    assertRefused(importing(missing.toString()), "pins.txt:1: invalid requirement '>=1.0'");
  }

  @Test
  void linesAndFilesAreReported() throws IOException {
    Map<String, JsonNode> rows = byName();
    assertEquals(4, rows.get("torch").get("line").asInt());
    assertEquals(12, rows.get("numpy").get("line").asInt());
    assertTrue(rows.get("transformers").get("file").asText().endsWith("more/extra.txt"));
    assertTrue(rows.get("numpy").get("action").asText().contains("(unverified: no --index)"));
  }

  @Test
  void theTableIsReadable() throws IOException {
    CliHarness.Run run = CliHarness.run(tmp, env, "import-requirements", requirements.toString(),
        "--index", index.toString());
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().startsWith("WHERE"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("requirements.txt:6") && l.contains("recipe")
        && l.contains("@Requires(Timm.class)")), run.out());
    assertTrue(run.out().contains(" requirements: "), run.out());
  }

  @Test
  void aMissingFileIsAUsageError() throws IOException {
    CliHarness.Run run = CliHarness.run(tmp, env, "import-requirements", tmp.resolve("nope.txt").toString());
    assertEquals(2, run.exitCode(), run.all());
    assertTrue(run.err().contains("nope.txt does not exist."), run.err());
  }

  // What pip reads differently from a naive reader, and what it refuses: each is read as pip
  // reads it or refused with one line naming the file and line, exit 2, and nothing raw echoed.

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstName(@TempDir Path dir) throws IOException {
    Path file = write(dir, "bom.txt", bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "torch\nnumpy\n"));
    Map<String, String> kinds = kinds(importing(file.toString(), "--json"));
    assertEquals(Map.of("torch", "runtime", "numpy", "nixpkgs"), kinds);
  }

  @Test
  void utf16AndUtf32WithAByteOrderMarkAreDecoded(@TempDir Path dir) throws IOException {
    for (String charset : List.of("UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE")) {
      Path file = write(dir, charset + ".txt", "\uFEFFtorch\nnumpy\n".getBytes(Charset.forName(charset)));
      assertEquals(Map.of("torch", "runtime", "numpy", "nixpkgs"), kinds(importing(file.toString(), "--json")), charset);
    }
  }

  @Test
  void aCodingLineDeclaresTheEncoding(@TempDir Path dir) throws IOException {
    Path file = write(dir, "latin.txt",
        "# -*- coding: latin-1 -*-\ntorch # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(Map.of("torch", "runtime"), kinds(importing(file.toString(), "--json")));
  }

  @Test
  void textThatIsNotUtf8IsRefused(@TempDir Path dir) throws IOException {
    Path latin1 = write(dir, "latin.txt", "numpy\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertRefused(importing(latin1.toString()), "latin.txt:2:", "0xE9", "not valid UTF-8", "coding");
    Path unknown = write(dir, "klingon.txt", "# coding: klingon\nnumpy\n".getBytes(StandardCharsets.UTF_8));
    assertRefused(importing(unknown.toString()), "klingon.txt", "'klingon'", "not a known encoding");
  }

  @Test
  void binaryAndUtf16WithoutAByteOrderMarkAreRefused(@TempDir Path dir) throws IOException {
    // UTF-16 without a mark is valid UTF-8 holding NULs; so is much of a binary file.
    Path utf16 = write(dir, "utf16.txt", "numpy\ntorch\n".getBytes(StandardCharsets.UTF_16LE));
    assertRefused(importing(utf16.toString()), "utf16.txt:1:", "NUL");
    Path binary = write(dir, "binary.txt", new byte[] {'n', 'u', 'm', 'p', 'y', 0, 1, 2, '\n', 't', 'o', 'r', 'c', 'h'});
    assertRefused(importing(binary.toString()), "binary.txt:1:", "NUL");
  }

  @Test
  void linesEndWherePythonEndsThem(@TempDir Path dir) throws IOException {
    // Python's splitlines also breaks at \u2028, \u0085, \f...: torch is a requirement of its own.
    for (String lineBreak : List.of("\u2028", "\u2029", "\u0085", "\u000c", "\u000b", "\u001c", "\r")) {
      Path file = write(dir, "breaks.txt", ("numpy" + lineBreak + "torch\n").getBytes(StandardCharsets.UTF_8));
      assertEquals(Map.of("numpy", "nixpkgs", "torch", "runtime"), kinds(importing(file.toString(), "--json")),
          Terminal.escape(lineBreak));
    }
  }

  @Test
  void aContinuationIsJoinedWithoutASpaceAndMayEndTheFile(@TempDir Path dir) throws IOException {
    Path joined = write(dir, "joined.txt", "tor\\\nch\n");
    assertEquals(Map.of("torch", "runtime"), kinds(importing(joined.toString(), "--json")));
    Path last = write(dir, "last.txt", "numpy\ntorch \\");
    List<JsonNode> rows = jsonRows(importing(last.toString(), "--json"));
    assertEquals(List.of("numpy", "torch"), rows.stream().map(r -> r.get("name").asText()).toList());
    assertEquals(2, rows.get(1).get("line").asInt());
  }

  @Test
  void includesAreReadInEverySpellingPipAccepts(@TempDir Path dir) throws IOException {
    write(dir, "a.txt", "torch\n");
    write(dir, "b.txt", "torchvision\n");
    write(dir, "c.txt", "transformers\n");
    write(dir, "d.txt", "kornia\n");
    write(dir, "pins.txt", "numpy<3\n");
    Path file = write(dir, "requirements.txt",
        "-ra.txt\n--requirement=b.txt\n--requirement\tc.txt\n--requirem d.txt\n-cpins.txt\n--constraint=pins.txt\n");
    assertEquals(Map.of("torch", "runtime", "torchvision", "runtime", "transformers", "runtime", "kornia", "runtime"),
        kinds(importing(file.toString(), "--json")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "; python_version < \"3\"",
    ">=1.0",
    "==2.0 ; sys_platform == \"linux\"",
    "[gpu]",
    "numpy ==",
    "numpy >=1.0 torch",
    "numpy ; python_version ~ \"3\"",
    "numpy ; ((python_version > \"3\")",
    "numpy[gpu",
    "num$py",
    "-e https://example.org/project.tar.gz",
    "-e git+https://github.com/someone/project.git",
    "--bogus numpy",
    "--req x.txt",
    "--pre=yes",
    "-x",
    "numpy --hash",
  })
  void linesPipRefusesAreRefused(String line, @TempDir Path dir) throws IOException {
    Path file = write(dir, "requirements.txt", "numpy\n" + line + "\n");
    assertRefused(importing(file.toString()), "requirements.txt:2: ");
  }

  @Test
  void aMarkerOnlyLineSaysWhatIsMissing(@TempDir Path dir) throws IOException {
    Path file = write(dir, "requirements.txt", "numpy\n\n; python_version < \"3\"\n");
    assertRefused(importing(file.toString()),
        "requirements.txt:3: invalid requirement '; python_version < \"3\"'", "package name");
  }

  @Test
  void referencesAreNamedAsPipNamesThem(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("vendor/my-helper"));
    Path file = write(dir, "requirements.txt", String.join("\n",
        "https://example.org/wheels/torch-2.5.1-cp311-cp311-linux_x86_64.whl",
        "./wheels/Pillow-10.0.0-py3-none-any.whl",
        "git+https://github.com/someone/fancy-node.git#egg=Fancy_Node[extra]",
        "-e git+https://github.com/someone/other.git#egg=other-node",
        "-e ./vendor/my-helper",
        ""));
    List<JsonNode> rows = jsonRows(importing(file.toString(), "--json"));
    assertEquals(List.of("torch", "Pillow", "Fancy_Node", "other-node", "my-helper"),
        rows.stream().map(r -> r.get("name").asText()).toList());
    assertEquals("runtime", rows.get(0).get("kind").asText(), "a torch wheel is torch");
    assertTrue(rows.stream().skip(1).allMatch(r -> r.get("kind").asText().equals("unknown")),
        "direct references are never bundles: " + rows);
  }

  @Test
  void aDirectoryIsRefused(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    assertRefused(importing(dir.resolve("sub").toString()), "sub is a directory");
    Path file = write(dir, "requirements.txt", "numpy\n-r sub\n");
    assertRefused(importing(file.toString()), "requirements.txt:2: ", "sub is a directory");
  }

  @Test
  void anIncludeWithoutAFileIsRefused(@TempDir Path dir) throws IOException {
    for (String line : List.of("-r", "--requirement", "-c", "--requirement=")) {
      Path file = write(dir, "requirements.txt", "numpy\n" + line + "\n");
      assertRefused(importing(file.toString()), "requirements.txt:2: ");
    }
    Path missing = write(dir, "missing.txt", "-r nope.txt\n");
    assertRefused(importing(missing.toString()), "missing.txt:1: ", "nope.txt does not exist");
    Path url = write(dir, "url.txt", "-r https://example.org/requirements.txt\n");
    assertRefused(importing(url.toString()), "url.txt:1: ", "local files only");
  }

  @Test
  void aFileThatCannotBeReadIsRefused(@TempDir Path dir) throws IOException {
    // Even root cannot read /proc/self/mem from its start: reading it fails with EIO.
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/mem")), "needs Linux's /proc");
    Path file = write(dir, "requirements.txt", "numpy\n-r /proc/self/mem\n");
    assertRefused(importing(file.toString()), "requirements.txt:2: ", "/proc/self/mem cannot be read");
  }

  @Test
  void aFileWithoutReadPermissionIsRefused(@TempDir Path dir) throws IOException {
    Path secret = write(dir, "secret.txt", "torch\n");
    Files.setPosixFilePermissions(secret, Set.of());
    if (Files.isReadable(secret)) {
      System.err.println("\n*** SKIPPED aFileWithoutReadPermissionIsRefused: running as root, who reads"
          + " mode-000 files (aFileThatCannotBeReadIsRefused covers the read failure) ***\n");
      Assumptions.abort("running as root");
    }
    assertRefused(importing(secret.toString()), "secret.txt cannot be read: permission denied");
  }

  @Test
  void aDeepIncludeChainIsFollowed(@TempDir Path dir) throws IOException {
    int depth = 3000;
    for (int i = 0; i < depth; i++) {
      write(dir, "r" + i + ".txt", "-r r" + (i + 1) + ".txt\n");
    }
    write(dir, "r" + depth + ".txt", "torch\n");
    List<JsonNode> rows = jsonRows(importing(dir.resolve("r0.txt").toString(), "--json"));
    assertEquals(1, rows.size());
    assertTrue(rows.get(0).get("file").asText().endsWith("r" + depth + ".txt"), rows.toString());
  }

  @Test
  void anIncludeCycleIsRefusedAndADiamondIsReadOnce(@TempDir Path dir) throws IOException {
    write(dir, "a.txt", "numpy\n-r b.txt\n");
    write(dir, "b.txt", "torch\n-c a.txt\n");
    assertRefused(importing(dir.resolve("a.txt").toString()), "b.txt:2: ", "a.txt is already being read", "cycle");

    write(dir, "top.txt", "-r left.txt\n-r right.txt\n");
    write(dir, "left.txt", "-r shared.txt\n");
    write(dir, "right.txt", "-r shared.txt\n");
    write(dir, "shared.txt", "torch\n");
    assertEquals(1, jsonRows(importing(dir.resolve("top.txt").toString(), "--json")).size());
  }

  @Test
  void aFifoIsRefusedWithoutBeingOpened(@TempDir Path dir) throws IOException, InterruptedException {
    Path fifo = dir.resolve("fifo.txt");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor(), "mkfifo");
    // In its own process: opening a FIFO with no writer blocks, and the harness ends a stuck run.
    assertRefused(CliHarness.run(dir, env, "import-requirements", fifo.toString()),
        "fifo.txt is not a regular file");
    Path file = write(dir, "requirements.txt", "numpy\n-r fifo.txt\n");
    assertRefused(CliHarness.run(dir, env, "import-requirements", file.toString()),
        "requirements.txt:2: ", "fifo.txt is not a regular file");
  }

  @Test
  void echoedInputCannotActOnTheTerminal(@TempDir Path dir) throws IOException {
    Path invalid = write(dir, "invalid.txt", "num\u001b]0;owned\u0007py\u202e\n");
    CliHarness.Run refused = importing(invalid.toString());
    assertRefused(refused, "invalid.txt:1: ", "\\x1b", "\\u202e");

    // A valid requirement may carry anything in a marker's quoted string.
    Path valid = write(dir, "valid.txt", "numpy ; platform_version == \"\u001b[2J\u009b\u202e\"\n");
    CliHarness.Run table = importing(valid.toString());
    assertEquals(0, table.exitCode(), table.all());
    assertTrue(table.out().contains("\\x1b[2J\\x9b\\u202e"), table.out());
    assertPrintable(table.out());
    CliHarness.Run json = importing(valid.toString(), "--json");
    assertEquals(0, json.exitCode(), json.all());
    assertTrue(json.out().chars().allMatch(c -> c == '\n' || (c >= ' ' && c < 0x7f)), json.out());
    assertEquals("numpy ; platform_version == \"\u001b[2J\u009b\u202e\"",
        jsonRows(json).get(0).get("requirement").asText(), "the JSON still carries the text");
  }

  /** import-requirements in this JVM against the repository's recipes: quick enough for many files. */
  private static CliHarness.Run importing(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(
        "--dir", CliHarness.repoRoot().resolve("generated-nix").toString(), "import-requirements"));
    all.addAll(List.of(args));
    int exit = Main.execute(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new CliHarness.Run(exit, out.toString(), err.toString());
  }

  /** Exit 2, nothing on stdout, and one printable line on stderr holding every fragment. */
  private static void assertRefused(CliHarness.Run run, String... fragments) {
    assertEquals(2, run.exitCode(), run.all());
    assertEquals("", run.out());
    List<String> lines = run.err().lines().toList();
    assertEquals(1, lines.size(), run.err());
    assertTrue(lines.get(0).startsWith("comfypkgs: "), run.err());
    for (String fragment : fragments) {
      assertTrue(lines.get(0).contains(fragment), "'" + fragment + "' in: " + run.err());
    }
    assertPrintable(run.err());
  }

  private static void assertPrintable(String text) {
    assertTrue(text.codePoints().allMatch(c -> c == '\n' || !(Character.isISOControl(c)
        || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE)),
        Terminal.escape(text));
  }

  private static List<JsonNode> jsonRows(CliHarness.Run run) throws IOException {
    assertEquals(0, run.exitCode(), run.all());
    List<JsonNode> rows = new ArrayList<>();
    new ObjectMapper().readTree(run.out()).forEach(rows::add);
    return rows;
  }

  /** Normalised name to class, for files that name each once. */
  private static Map<String, String> kinds(CliHarness.Run run) throws IOException {
    Map<String, String> kinds = new LinkedHashMap<>();
    for (JsonNode row : jsonRows(run)) {
      assertNull(kinds.put(row.get("normalized").asText(), row.get("kind").asText()), run.out());
    }
    return kinds;
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] bytes(byte[] prefix, String text) {
    byte[] rest = text.getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(prefix, prefix.length + rest.length);
    System.arraycopy(rest, 0, all, prefix.length, rest.length);
    return all;
  }
}
