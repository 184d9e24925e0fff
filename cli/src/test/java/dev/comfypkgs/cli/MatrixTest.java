package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code matrix}: the README's platform table is the one the real recipes give; categories split
 * by platforms on the fixtures of {@code fixtures/matrix/}; hostile names stay inside their cell;
 * {@code --json}; and {@code --update}, which touches the marked section only.
 */
class MatrixTest {
  @TempDir static Path root;
  static Path generated;

  /** The fixtures' table, worked out by hand from their platforms. */
  private static final String FIXTURE_TABLE = String.join("\n",
      "| Category | x86_64-linux | aarch64-linux | x86_64-darwin | aarch64-darwin |",
      "|----------|:------------:|:-------------:|:-------------:|:--------------:|",
      "| Torch-agnostic rebuilds (`alpha`, `bravo`, etc.) | ✓ | ✓ | ✗ | ✗ |",
      "| `delta` (torch-agnostic rebuild) | ✓ | ✗ | ✓ | ✓ |",
      "| Clean packages (`echo`) | ✓ | ✓ | ✓ | ✓ |",
      "| `foxtrot` (clean package) | ✗ | ✗ | ✓ | ✓ |",
      "| nixpkgs packages bundled by `golf-extras` (`numpy`, `rich`) | ✓ | ✓ | ✗ | ✗ |",
      "| `albumentations` (from nixpkgs, bundled by `golf-extras`) | ✓ | ✗ | ✗ | ✗ |",
      "| Meta-packages (`golf-extras`) | ✓ | ✓ | ✗ | ✗ |",
      "");

  @BeforeAll
  static void generate() throws IOException {
    generated = CliHarness.generate(root.resolve("fixtures"), "matrix");
  }

  /**
   * Runs comfypkgs on {@code dir} under a UTF-8 locale, as the launcher does: the JVM writes
   * stdout in the locale's charset, and ✓ and ✗ are not ASCII.
   */
  private static CliHarness.Run comfypkgs(Path dir, String... args) throws IOException {
    return CliHarness.run(root, Map.of("COMFYPKGS_DIR", dir.toString(), "LC_ALL", "C.UTF-8"), args);
  }

  /** A copy of the fixtures' generated directory, to edit. */
  private static Path copyOfGenerated(String name) throws IOException {
    Path copy = Files.createDirectories(root.resolve(name).resolve("generated-nix"));
    Files.copy(generated.resolve("recipes.json"), copy.resolve("recipes.json"));
    return copy;
  }

  @Test
  void theReadmeTableIsTheOneTheRecipesGive() throws IOException {
    Path readme = CliHarness.repoRoot().resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    String begin = MatrixCommand.BEGIN + "\n";
    int start = text.indexOf(begin);
    int end = text.indexOf("\n" + MatrixCommand.END + "\n");
    assertTrue(start >= 0 && end > start, "README.md has the matrix markers");
    CliHarness.Run run = comfypkgs(CliHarness.repoRoot().resolve("generated-nix"), "matrix");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(run.out(), text.substring(start + begin.length(), end + 1),
        "README.md's platform table differs from the recipes': regenerate it with"
            + " `./comfypkgs matrix --update README.md`");
  }

  @Test
  void eachCategoryIsOneRowAndAMemberApartFromItsMajorityIsAnother() throws IOException {
    CliHarness.Run run = comfypkgs(generated, "matrix");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(FIXTURE_TABLE, run.out());
    assertEquals("", run.err());
  }

  @Test
  void jsonHasTheSystemsAndEveryRowWithAllItsMembers() throws IOException {
    CliHarness.Run run = comfypkgs(generated, "matrix", "--json");
    assertEquals(0, run.exitCode(), run.all());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(List.of("x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin"),
        strings(json.get("systems")));
    List<String> rows = new ArrayList<>();
    for (JsonNode row : json.get("rows")) {
      rows.add(row.get("category").asText() + " " + row.path("metaPackage").asText("-") + " "
          + row.get("outlier").asBoolean() + " " + strings(row.get("members")) + " "
          + strings(row.get("platforms")));
    }
    assertEquals(List.of(
        "torch-agnostic - false [alpha, bravo, charlie] [x86_64-linux, aarch64-linux]",
        "torch-agnostic - true [delta] [x86_64-linux, x86_64-darwin, aarch64-darwin]",
        "clean - false [echo] [x86_64-linux, aarch64-linux, x86_64-darwin, aarch64-darwin]",
        "clean - true [foxtrot] [x86_64-darwin, aarch64-darwin]",
        "nixpkgs golf-extras false [numpy, rich] [x86_64-linux, aarch64-linux]",
        "nixpkgs golf-extras true [albumentations] [x86_64-linux]",
        "meta-package - false [golf-extras] [x86_64-linux, aarch64-linux]"), rows);
    assertEquals("nixpkgs packages bundled by golf-extras", json.get("rows").get(4).get("title").asText());
  }

  @Test
  void aHostileNameOrSystemStaysInsideItsCell() throws IOException {
    Path dir = copyOfGenerated("hostile");
    List<String> hostile = List.of("pipe|name", "tick`name", "``fenced", "\u001b[31mred", "star*name*");
    CliHarness.editRecipesJson(dir, recipes -> {
      ObjectNode meta = (ObjectNode) recipes.get("metaPackages").get(0);
      ArrayNode onX86 = (ArrayNode) meta.get("membersBySystem").get("x86_64-linux");
      ArrayNode onArm = (ArrayNode) meta.get("membersBySystem").get("aarch64-linux");
      hostile.forEach(name -> {
        ((ArrayNode) meta.get("nixpkgs")).add(name);
        onX86.add(name);
      });
      // On both systems, so that the hostile names, on x86_64-linux only, stay rows of their own.
      for (int i = 0; i < hostile.size(); i++) {
        ((ArrayNode) meta.get("nixpkgs")).add("benign" + i);
        onX86.add("benign" + i);
        onArm.add("benign" + i);
      }
      ((ArrayNode) recipes.get("systems")).set(3, recipes.textNode("aarch64|dar`win"));
    });
    CliHarness.Run run = comfypkgs(dir, "matrix");
    assertEquals(0, run.exitCode(), run.all());
    assertFalse(run.out().contains("\u001b"), "no escape sequence reaches the terminal");
    List<String> lines = run.out().lines().toList();
    assertEquals(FIXTURE_TABLE.lines().count() + hostile.size(), lines.size(), run.out());
    for (String line : lines) {
      assertEquals(6, line.replace("\\|", "").chars().filter(c -> c == '|').count(),
          "five cells, whatever the names hold: " + line);
    }
    assertEquals("| Category | x86_64-linux | aarch64-linux | x86_64-darwin | aarch64\\|dar\\`win |",
        lines.get(0));
    assertEquals("|----------|:------------:|:-------------:|:-------------:|:-----------------:|",
        lines.get(1));
    String apart = " (from nixpkgs, bundled by `golf-extras`) | ✓ | ✗ | ✗ | ✗ |";
    assertTrue(lines.contains("| ``` ``fenced ```" + apart), run.out());
    assertTrue(lines.contains("| `pipe\\|name`" + apart), run.out());
    assertTrue(lines.contains("| ``tick`name``" + apart), run.out());
    assertTrue(lines.contains("| `\\x1b[31mred`" + apart), run.out());
    assertTrue(lines.contains("| `star*name*`" + apart), run.out());

    // JSON keeps the names as they are: its own escaping makes them safe.
    JsonNode json = new ObjectMapper().readTree(comfypkgs(dir, "matrix", "--json").out());
    List<String> members = new ArrayList<>();
    json.get("rows").forEach(row -> members.addAll(strings(row.get("members"))));
    assertTrue(members.containsAll(hostile), members.toString());
  }

  @Test
  void updateReplacesTheMarkedSectionOnly() throws IOException {
    Path readme = root.resolve("update/README.md");
    Files.createDirectories(readme.getParent());
    String before = "# Title\n\nText | with a pipe.\n\n" + MatrixCommand.BEGIN + "\n";
    String after = MatrixCommand.END + "\n\nMore text, ✓ kept.\n";
    Files.writeString(readme, before + "| an old table |\n| of two lines |\n" + after);
    CliHarness.Run run = comfypkgs(generated, "matrix", "--update", readme.toString());
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(before + FIXTURE_TABLE + after, Files.readString(readme));
    comfypkgs(generated, "matrix", "--update", readme.toString());
    assertEquals(before + FIXTURE_TABLE + after, Files.readString(readme), "the same again");
    try (var files = Files.list(readme.getParent())) {
      assertEquals(List.of(readme), files.toList(), "no temporary file left");
    }
  }

  @Test
  void updateRefusesAFileWithoutExactlyOnePairOfMarkersAndLeavesIt() throws IOException {
    Path dir = Files.createDirectories(root.resolve("refused"));
    Map<String, String> files = Map.of(
        "none.md", "# no markers\n",
        "two.md", MatrixCommand.BEGIN + "\n" + MatrixCommand.END + "\n" + MatrixCommand.BEGIN + "\n",
        "reversed.md", MatrixCommand.END + "\n" + MatrixCommand.BEGIN + "\n",
        "indented.md", "  " + MatrixCommand.BEGIN + "\n" + MatrixCommand.END + "\n");
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.writeString(file, e.getValue());
      CliHarness.Run run = comfypkgs(generated, "matrix", "--update", file.toString());
      CliHarness.assertOneLineError(run, ExitCode.USAGE, file.toString());
      assertEquals(e.getValue(), Files.readString(file), e.getKey() + " left as it was");
    }
    CliHarness.assertOneLineError(comfypkgs(generated, "matrix", "--update", dir.resolve("absent.md").toString()),
        ExitCode.USAGE, "absent.md does not exist");
    CliHarness.assertOneLineError(
        comfypkgs(generated, "matrix", "--json", "--update", dir.resolve("none.md").toString()),
        ExitCode.USAGE, "cannot be combined with --json");
    try (var listed = Files.list(dir)) {
      assertEquals(files.size(), listed.count(), "no file created");
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
