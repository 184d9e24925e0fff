package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipes.json the processor would not write (hand-edited, truncated, from another tool) is
 * refused on read with one line naming the file and the field, whatever the command.
 */
class RecipesFileTest {
  @TempDir static Path root;
  static String generated;

  @BeforeAll
  static void generate() throws IOException {
    generated = Files.readString(CliHarness.generate(root.resolve("good"), "verify").resolve("recipes.json"));
  }

  /** A generated-nix directory whose recipes.json is {@code text}. */
  private static Path workspace(String name, String text) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name).resolve("generated-nix"));
    Files.writeString(dir.resolve("recipes.json"), text);
    return dir;
  }

  private static Path edited(String name, Consumer<ObjectNode> edit) throws IOException {
    Path dir = workspace(name, generated);
    CliHarness.editRecipesJson(dir, edit);
    return dir;
  }

  /** Each command line (split at spaces) fails on the file with one line holding the fragment. */
  private static void refused(Path dir, String fragment, String... commandLines) throws IOException {
    for (String commandLine : commandLines) {
      CliHarness.Run run = CliHarness.run(root, Map.of("COMFYPKGS_DIR", dir.toString()), commandLine.split(" "));
      String line = CliHarness.assertOneLineError(run, 2, dir.resolve("recipes.json") + fragment);
      assertFalse(line.contains("\u001b"), line);
    }
  }

  @Test
  void nullIsRefused() throws IOException {
    refused(workspace("null", "null\n"), " is null", "list", "build timm", "verify timm", "smoke");
  }

  @Test
  void aGenerationThatIsNotFinishedIsRefused() throws IOException {
    // What the processor's OutputDirectory leaves when it is killed after its commit: the files
    // are part old, part new until the next generation rolls the journal forward.
    Path dir = workspace("interrupted", generated);
    Files.writeString(Files.createDirectories(dir.resolve(".comfypkgs-transaction")).resolve("journal"),
        "comfypkgs transaction 1\n");
    refused(dir, " may be part old, part new", "list", "build timm", "verify timm", "smoke");
  }

  @Test
  void aFileThatIsNotJsonIsRefused() throws IOException {
    refused(workspace("truncated", generated.substring(0, generated.length() / 2)), " is not valid JSON", "list");
    refused(workspace("empty", ""), " is not the JSON object the processor writes", "list");
    refused(workspace("array", "[]"), " is not the JSON object the processor writes", "list");
  }

  @Test
  void aFieldGivenTwiceIsRefusedNotReadAsTheLastOne() throws IOException {
    refused(workspace("twice", generated.replaceFirst("\"attr\" : ", "\"attr\" : \"other\", \"attr\" : ")),
        ": metaPackages[0].attr is given twice", "list");
    refused(workspace("twice-system", generated.replaceFirst("\"membersBySystem\" : \\{",
            "\"membersBySystem\" : { \"x86_64-linux\" : [ ],")),
        ": metaPackages[0].membersBySystem.x86_64-linux is given twice", "list");
  }

  @Test
  void contentAfterTheObjectIsRefused() throws IOException {
    refused(workspace("second-object", generated + "{}\n"), " has content after the JSON object", "list");
    refused(workspace("garbage", generated + "x\n"), " is not valid JSON", "list");
  }

  @Test
  void deepNestingIsOneLine() throws IOException {
    String deep = "[".repeat(100_000);
    refused(workspace("deep-field", generated.replaceFirst("\"description\" : \"[^\"]*\"", "\"description\" : " + deep)),
        " is larger or deeper than a recipes.json the processor writes", "list");
    refused(workspace("deep-unknown", "{\"formatVersion\" : 2, \"x\" : " + deep), " is larger or deeper", "list");
    refused(workspace("deep-root", deep), " is not the JSON object the processor writes", "list");
  }

  @Test
  void aHugeStringIsOneLine() throws IOException {
    String huge = "x".repeat(20_000_001);
    refused(workspace("huge", generated.replaceFirst("\"description\" : \"[^\"]*\"", "\"description\" : \"" + huge + "\"")),
        " is larger or deeper than a recipes.json the processor writes", "list");
  }

  @Test
  void nulAndLoneSurrogatesAreRefusedInNamesAndKeptInText() throws IOException {
    refused(workspace("raw-nul", generated.replaceFirst("\"description\" : \"", "\"description\" : \"\0")),
        " is not valid JSON (Illegal unquoted character", "list");
    refused(workspace("escaped-nul", generated.replaceFirst("\"attr\" : \"", "\"attr\" : \"\\\\u0000")),
        ": metaPackages[0].attr '", "list");
    refused(workspace("lone-surrogate", generated.replaceFirst("\"attr\" : \"", "\"attr\" : \"\\\\ud800")),
        ": metaPackages[0].attr '", "list");
    Path dir = workspace("invalid-utf8", "");
    byte[] text = generated.getBytes(StandardCharsets.UTF_8);
    int at = generated.indexOf("\"description\" : \"") + "\"description\" : \"".length();
    text[at] = (byte) 0xff;
    Files.write(dir.resolve("recipes.json"), text);
    refused(dir, " is not valid JSON (Invalid UTF-8 start byte 0xff", "list");

    // In a description the processor's own escapes are text, which the table escapes in turn.
    Path surrogate = workspace("surrogate-description",
        generated.replaceFirst("\"description\" : \"", "\"description\" : \"\\\\ud800\\\\u0000"));
    CliHarness.Run run = CliHarness.run(root, Map.of("COMFYPKGS_DIR", surrogate.toString()), "list");
    assertEquals(0, run.exitCode(), run.all());
  }

  @Test
  void missingListsAreRefused() throws IOException {
    refused(edited("no-packages", r -> r.remove("packages")), ": packages is missing or null", "list", "build timm");
    refused(edited("no-metas", r -> r.remove("metaPackages")), ": metaPackages is missing or null", "list", "build timm");
    refused(edited("null-packages", r -> r.putNull("packages")), ": packages is missing or null", "list");
  }

  @Test
  void anEntryWithoutARequiredFieldIsRefused() throws IOException {
    refused(edited("no-attr", r -> ((ObjectNode) r.get("packages").get(2)).remove("attr")),
        ": packages[2].attr is missing or null", "list", "build timm");
    refused(edited("no-source", r -> ((ObjectNode) r.get("packages").get(0)).remove("source")),
        ": packages[0].source is missing or null", "list");
    refused(edited("null-member", r -> ((ArrayNode) r.get("metaPackages").get(0).get("membersBySystem")
            .get("x86_64-linux")).insertNull(0)),
        ": metaPackages[0].membersBySystem.x86_64-linux[0] is missing or null", "list");
    refused(edited("null-package", r -> ((ArrayNode) r.get("packages")).insertNull(1)),
        ": packages[1] is missing or null", "list");
  }

  @Test
  void aFieldOfTheWrongTypeIsRefused() throws IOException {
    refused(edited("platforms-text", r -> ((ObjectNode) r.get("packages").get(1)).put("platforms", "linux")),
        ": packages[1].platforms is not a list", "list");
    refused(edited("agnostic-text", r -> ((ObjectNode) r.get("packages").get(0)).put("torchAgnostic", "yes")),
        ": packages[0].torchAgnostic is not true or false", "list");
    refused(edited("packages-object", r -> r.putObject("packages")),
        ": packages is not a list", "list");
  }

  @Test
  void namesThatWouldLeaveTheirPlaceAreRefused() throws IOException {
    // An attr becomes a file name (result-<attr>, build-<attr>.log) and is echoed to the terminal.
    refused(edited("attr-path", r -> ((ObjectNode) r.get("packages").get(0)).put("attr", "../../x\u001b[2J")),
        ": packages[0].attr '../../x\\x1b[2J' is not a Nix identifier", "list", "build timm");
    refused(edited("pname-quote", r -> ((ObjectNode) r.get("metaPackages").get(0)).put("pname", "a\"b")),
        ": metaPackages[0].pname 'a\"b' is not a package name", "list");
    refused(edited("class-path", r -> ((ObjectNode) r.get("packages").get(0)).put("recipeClass", "../../Evil")),
        ": packages[0].recipeClass '../../Evil' is not a Java class name", "list");
  }
}
