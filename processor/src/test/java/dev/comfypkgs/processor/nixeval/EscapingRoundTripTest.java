package dev.comfypkgs.processor.nixeval;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.processor.RecipeProcessor;
import dev.comfypkgs.processor.nix.Nix;
import dev.comfypkgs.processor.nix.NixPrinter;
import dev.comfypkgs.processor.nix.NixStrings;
import dev.comfypkgs.processor.testing.NixTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strings survive the trip Java → generated Nix → Nix's evaluator: (a) the printer's two string
 * forms, on hard cases and on random strings, all evaluated in one {@code nix-instantiate} call;
 * (b) a recipe's description and {@code @Substitute} texts, through the processor, the stand-in's
 * Flox loader and, for {@code postPatch}, {@code /bin/sh}.
 */
class EscapingRoundTripTest {
  /** Override with {@code -Dcomfypkgs.escapingSeed=N} to reproduce another run. */
  static final long SEED = Long.getLong("comfypkgs.escapingSeed", 0x5EED_C0FFEEL);

  static final ObjectMapper JSON = new ObjectMapper();

  /** Code points to draw from, weighted towards what Nix or the shell treat specially. */
  static final List<String> ALPHABET =
      List.of(
          "\"", "\"", "\\", "\\", "\\", "$", "$", "$", "$", "{", "{", "{", "}", "}", "'", "'", "'",
          "'", "\n", "\n", "\t", "\r", " ", " ", " ", " ", "a", "b", "x", "é", "漢", "😀");

  // -----------------------------------------------------------------------------------------------
  // (a) The printer

  static final List<String> HARD_STRINGS =
      List.of(
          "", "${x}", "$${x}", "$$${x}", "''", "'''", "''${", "''${x}", "\\", "\\\\", "$", "a$",
          "$$", "${", "$${", "${}", "'", "a'", "'a", "  leading", "\\${x}", "\\$", "$\\", "$\"",
          "\"", "\"${x}\"", "'${x}'", "}", "{", "{$", "$\n{", "\n", "\r\n", "\t", "\r", "a\nb",
          "é漢😀", "${x}${y}", "$\\{x}", "''\\n", "\\n");

  static final List<List<String>> HARD_LINES =
      List.of(
          List.of("${x}"), List.of("$${x}"), List.of("$$${x}"), List.of("''"), List.of("'''"),
          List.of("''''"), List.of("'''''"), List.of("''${"), List.of("''${x}"), List.of("\\"),
          List.of("$"), List.of("a$"), List.of("$$"), List.of("'"), List.of("a'"), List.of("'a"),
          List.of("'$"), List.of("$'"), List.of("a'", "'b"), List.of("x", "a'"), List.of("''\\n"),
          List.of("\\n"), List.of("\\t"), List.of("\t"), List.of("\tx"), List.of("x\t"),
          List.of("é漢😀"), List.of("${x}''${y}"), List.of(""), List.of("", "x"), List.of("x", ""),
          List.of("x", "", "y"), List.of("x  "), List.of("x", "  leading"),
          List.of("x", "   "),
          // Leading spaces on every line, and whitespace-only content.
          List.of("  leading"), List.of("  a", "    b"), List.of("   "), List.of(" ", "  "),
          // An odd run of quotes right before an escape.
          List.of("'${x}"), List.of("'''${x}"), List.of("'\t"), List.of("a'${x}b"));

  @Test
  void doubleQuotedStringHardCases() {
    NixTool.requireNix();
    assertRoundTrip("hard cases", HARD_STRINGS, Nix.Str::new, s -> s);
  }

  @Test
  void doubleQuotedStringRandomCases() {
    NixTool.requireNix();
    Random random = new Random(SEED);
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      cases.add(randomText(random, true));
    }
    assertRoundTrip("random cases, seed " + SEED, cases, Nix.Str::new, s -> s);
  }

  @Test
  void indentedStringHardCases() {
    NixTool.requireNix();
    assertRoundTrip("hard cases", HARD_LINES, Nix.IndentedStr::new, EscapingRoundTripTest::joined);
  }

  @Test
  void indentedStringRandomCases() {
    NixTool.requireNix();
    Random random = new Random(SEED + 1);
    List<List<String>> cases = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      List<String> lines = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      for (int j = 0; j < n; j++) {
        lines.add(randomText(random, false));
      }
      cases.add(lines);
    }
    assertRoundTrip("random cases, seed " + (SEED + 1), cases, Nix.IndentedStr::new,
        EscapingRoundTripTest::joined);
  }

  /**
   * A template line: text on both sides of a splice is the text, and only the splice
   * interpolates, whatever the text ends or starts with ({@code $}, {@code ''}, {@code '}, a
   * space).
   */
  @Test
  void indentedTemplateSplicesOnlyTheSplices() {
    NixTool.requireNix();
    List<String> texts = new ArrayList<>();
    HARD_STRINGS.stream().filter(s -> !s.contains("\n") && !s.contains("\r")).forEach(texts::add);
    HARD_LINES.stream().filter(l -> l.size() == 1).forEach(l -> texts.add(l.get(0)));
    assertRoundTrip("template cases", texts,
        text -> new Nix.Let(
            List.of(new Nix.Binding(List.of(), "spliced", new Nix.Str("<S>"))),
            new Nix.IndentedTemplate(List.of(
                List.of(new Nix.Text(text), new Nix.Splice(new Nix.Ref("spliced")), new Nix.Text(text)),
                List.of(new Nix.Splice(new Nix.Ref("spliced")), new Nix.Text(text))))),
        text -> text + "<S>" + text + "\n<S>" + text + "\n");
  }

  /** What Nix should make of an indented string: its lines, each ended by a newline. */
  static String joined(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  static String randomText(Random random, boolean lineBreaks) {
    int length = random.nextInt(25);
    StringBuilder b = new StringBuilder();
    while (b.codePointCount(0, b.length()) < length) {
      String c = ALPHABET.get(random.nextInt(ALPHABET.size()));
      if (!lineBreaks && (c.equals("\n") || c.equals("\r"))) {
        continue;
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * Prints every case with {@link NixPrinter#expression}, evaluates them all in one Nix list, and
   * compares with the expected Java strings. When the list does not evaluate (one case breaks the
   * parse), halves are tried until the failing cases are isolated.
   */
  <T> void assertRoundTrip(String what, List<T> cases, Function<T, Nix> node, Function<T, String> expected) {
    List<String> printed = new ArrayList<>();
    for (T c : cases) {
      printed.add(NixPrinter.expression(node.apply(c)));
    }
    List<String> failures = new ArrayList<>();
    check(cases, printed, expected, 0, cases.size(), failures);
    if (!failures.isEmpty()) {
      int shown = Math.min(failures.size(), 25);
      fail(failures.size() + " of " + cases.size() + " strings (" + what + ") do not round-trip"
          + " through NixPrinter and Nix" + (shown < failures.size() ? " (first " + shown + " shown)" : "")
          + ":\n\n" + String.join("\n\n", failures.subList(0, shown)));
    }
  }

  private <T> void check(List<T> cases, List<String> printed, Function<T, String> expected,
      int from, int to, List<String> failures) {
    StringBuilder list = new StringBuilder("[\n");
    for (int i = from; i < to; i++) {
      list.append("(").append(printed.get(i)).append(")\n");
    }
    list.append("]\n");
    NixTool.Result r = NixTool.evalJsonResult(list.toString());
    if (!r.ok()) {
      if (to - from == 1) {
        failures.add(describe(cases.get(from), printed.get(from), expected.apply(cases.get(from)),
            "Nix error: " + r.stderr().strip()));
        return;
      }
      int mid = (from + to) / 2;
      check(cases, printed, expected, from, mid, failures);
      check(cases, printed, expected, mid, to, failures);
      return;
    }
    JsonNode values;
    try {
      values = JSON.readTree(r.stdout());
    } catch (IOException e) {
      throw new AssertionError("Nix printed invalid JSON: " + r.stdout(), e);
    }
    assertEquals(to - from, values.size(), "Nix returned a list of the wrong length");
    for (int i = from; i < to; i++) {
      String want = expected.apply(cases.get(i));
      String got = values.get(i - from).asText();
      if (!want.equals(got)) {
        failures.add(describe(cases.get(i), printed.get(i), want, "Nix gives " + java(got)));
      }
    }
  }

  private static String describe(Object input, String printed, String expected, String outcome) {
    String in = input instanceof List<?> lines
        ? "IndentedStr " + lines.stream().map(l -> java((String) l)).toList()
        : "Str " + java((String) input);
    return "  input:    " + in + "\n  printed:  " + java(printed) + "\n  expected: " + java(expected)
        + "\n  " + outcome;
  }

  /** A Java string literal, for messages. */
  static String java(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** A Java string literal for generated source: everything outside printable ASCII as {@code \\u}. */
  static String javaSource(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  // -----------------------------------------------------------------------------------------------
  // (c) Comments

  /**
   * Texts that would end a {@code #} comment early (CR, CRLF, NUL ends the whole file for Nix 2.8)
   * or would look like a line break or code in an editor (U+2028, U+2029, NEL, a bidi override),
   * and the rest of the hostile set.
   */
  static final List<String> HOSTILE_COMMENTS =
      List.of(
          "ok\r]; propagatedBuildInputs = [ python3.pkgs.torch ]; x = [",
          "a\r\nb = 2; c = [", "\rb = 2;", "\nb = 2;", "x\u2028b = 2;", "x\u2029b = 2;",
          "x\u0085b = 2;", "x\0b = 2;", "\uD800 lone high", "lone low \uDC00", "\u202Eb = 2;",
          "\uFEFF\u200B", "*/ b = 2; /*", "''${b}''", "# b = 2;", "\u001B[2J", "\t tab", "");

  @Test
  void commentsHoldAnyTextAndNothingLeavesThem() {
    NixTool.requireNix();
    Random random = new Random(SEED + 2);
    List<String> texts = new ArrayList<>(HOSTILE_COMMENTS);
    List<String> hostile = List.of("\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "\0",
        "\uD800", "\uDFFF", "]", ";", "=", "b", " ", "\"", "''", "${", "*/", "#");
    for (int i = 0; i < 200; i++) {
      StringBuilder t = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        t.append(hostile.get(random.nextInt(hostile.size())));
      }
      texts.add(t.toString());
    }
    // One list item per text, each with the text as its comment and its index as its value: a
    // comment that ends early changes the list (or the parse), whatever the text.
    List<Nix.Item> items = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      items.add(new Nix.Item(List.of(texts.get(i)), Nix.str(Integer.toString(i))));
    }
    String file = NixPrinter.file(texts, new Nix.ListOf(items));

    for (String line : file.split("\n")) {
      assertTrue(line.strip().startsWith("#") || line.strip().matches("\\[|\\]|\"\\d+\""),
          "a line that is neither a comment nor an item: " + java(line));
    }
    assertEquals("", file.chars()
            .filter(c -> c == '\r' || c == 0 || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0x202E).distinct()
            .mapToObj(c -> String.format("U+%04X ", c)).collect(java.util.stream.Collectors.joining()),
        "printed comments hold characters Nix or an editor would act on");
    assertTrue(StandardCharsets.UTF_8.newEncoder().canEncode(file),
        "printed comments hold an unpaired surrogate, which UTF-8 cannot encode");
    JsonNode values;
    try {
      values = JSON.readTree(NixTool.evalJson(file));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(texts.size(), values.size(), "seed " + (SEED + 2) + ":\n" + file);
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(Integer.toString(i), values.get(i).asText(), "seed " + (SEED + 2));
    }
  }

  @Test
  void commentsShowHiddenCharactersAsCodePoints() {
    assertEquals(List.of("ok", "]; x = [", "", "y<U+2028>z<U+0000><U+D800>\tend"),
        NixStrings.commentLines("ok\r]; x = [\r\n\ny\u2028z\0\uD800\tend"));
  }

  // -----------------------------------------------------------------------------------------------
  // (b) Through the processor

  record Substitution(String file, String replace, String with) {}

  static final String DESCRIPTION =
      "Say \"hi\" \\ ${HOME} and $${HOME} '' it's $ \\n\nsecond line: é 漢 😀 ''${x}'' $";
  static final String HOMEPAGE = "https://example.org/a?b=\"c\"&d=${e}\\";

  /** Texts with quotes, {@code $}, backslashes; each quoting form of the shell quoter. */
  static final List<Substitution> SUBSTITUTIONS =
      List.of(
          new Substitution("setup.py", "os.path.expanduser('~')", "\"/tmp\""),
          new Substitution("src/it's.py", "it's $HOME and ${HOME} \\ \"q\" `id` !x",
              "x = '${y}' + \"\\\\n\" + '$z'\nsecond  line\n  indented ''quoted''"),
          new Substitution("a b/c.py", "back\\slash \"dq\" $1 $$", "a''b'''c \\$ \\\\"));

  /** Texts that start with {@code ${} or a tab: the shell quoter puts a {@code '} right before them. */
  static final List<Substitution> SUBSTITUTIONS_AFTER_QUOTE =
      List.of(
          new Substitution("setup.py", "${HOME}/.cache", "/tmp/cache"),
          new Substitution("Makefile", "\tinstall", "\techo skipped"));

  @TempDir static Path tmp;
  static Path pkgsDir;

  @BeforeAll
  static void compileRecipes() {
    Path out = tmp.resolve("generated-nix");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new RecipeProcessor())
            .withOptions("-Acomfypkgs.out=" + out, "-Acomfypkgs.sources=" + tmp.resolve("sources"))
            .compile(
                recipe("Escapes", "escapes", DESCRIPTION, HOMEPAGE, SUBSTITUTIONS),
                recipe("AfterQuote", "after-quote", "Plain", "https://example.org", SUBSTITUTIONS_AFTER_QUOTE));
    assertThat(compilation).succeeded();
    pkgsDir = out.resolve(".flox/pkgs");
  }

  static javax.tools.JavaFileObject recipe(
      String className, String pname, String description, String homepage, List<Substitution> subs) {
    List<String> lines = new ArrayList<>();
    lines.add("package test.escaping;");
    lines.add("import dev.comfypkgs.annotations.*;");
    lines.add("@PythonPackage(pname = " + javaSource(pname) + ", version = \"1.0\",");
    lines.add("    description = " + javaSource(description) + ",");
    lines.add("    homepage = " + javaSource(homepage) + ",");
    lines.add("    license = License.MIT)");
    lines.add("@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.0\","
        + " hash = \"sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\")");
    lines.add("@BuildSystem(\"setuptools\")");
    for (Substitution s : subs) {
      lines.add("@Substitute(file = " + javaSource(s.file()) + ", replace = " + javaSource(s.replace())
          + ", with = " + javaSource(s.with()) + ")");
    }
    lines.add("public final class " + className + " {}");
    return JavaFileObjects.forSourceLines("test.escaping." + className, lines.toArray(String[]::new));
  }

  @Test
  void descriptionAndHomepageRoundTripThroughTheProcessor() throws IOException {
    NixTool.requireNix();
    JsonNode v = JSON.readTree(NixTool.evalJson(
        "let p = " + NixTool.floxScope(pkgsDir, "x86_64-linux") + ".escapes; in"
            + " { inherit (p.meta) description homepage; }"));
    assertEquals(java(DESCRIPTION), java(v.get("description").asText()), "meta.description");
    assertEquals(java(HOMEPAGE), java(v.get("homepage").asText()), "meta.homepage");
  }

  @Test
  void substituteTextsRoundTripThroughPostPatchAndTheShell() throws IOException {
    NixTool.requireNix();
    assertPostPatchArguments("escapes", SUBSTITUTIONS);
  }

  @Test
  void substituteTextsStartingWithInterpolationOrTabRoundTrip() throws IOException {
    NixTool.requireNix();
    assertPostPatchArguments("after-quote", SUBSTITUTIONS_AFTER_QUOTE);
  }

  private static void assertPostPatchArguments(String attr, List<Substitution> subs) throws IOException {
    Path file = pkgsDir.resolve(attr + ".nix");
    NixTool.Result r = NixTool.evalJsonResult(
        NixTool.floxScope(pkgsDir, "x86_64-linux") + "." + NixTool.str(attr) + ".postPatch");
    if (!r.ok()) {
      fail("postPatch of " + attr + " does not evaluate; generated file:\n" + Files.readString(file)
          + "\n" + r.describe());
    }
    String postPatch = JSON.readTree(r.stdout()).asText();

    List<String> expected = new ArrayList<>();
    for (Substitution s : subs) {
      expected.addAll(List.of(s.file(), "--replace-fail", s.replace(), s.with()));
    }
    String shim = "set -e\nsubstituteInPlace() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }\n";
    List<String> shells = new ArrayList<>(List.of("/bin/sh"));
    if (Files.isExecutable(Path.of("/bin/bash"))) {
      shells.add("/bin/bash"); // what stdenv runs postPatch with
    }
    for (String shell : shells) {
      NixTool.Result sh = NixTool.run(List.of(shell, "-c", shim + postPatch), Duration.ofSeconds(30));
      assertTrue(sh.ok(), shell + " rejects postPatch of " + attr + ":\n" + postPatch + "\n" + sh.describe());
      List<String> got = Arrays.asList(sh.stdout().split("\0", -1));
      got = got.subList(0, Math.max(0, got.size() - 1)); // after the last NUL
      assertEquals(expected.stream().map(EscapingRoundTripTest::java).toList(),
          got.stream().map(EscapingRoundTripTest::java).toList(),
          "substituteInPlace arguments of " + attr + " as " + shell + " parses postPatch:\n" + postPatch
              + "\ngenerated file:\n" + Files.readString(file));
    }
  }

  @Test
  void aCarriageReturnInARemoveReasonDoesNotEndItsComment(@TempDir Path dir) throws IOException {
    NixTool.requireNix();
    String reason = "ok\r]; propagatedBuildInputs = [ python3.pkgs.torch ]; x = [";
    List<String> lines = new ArrayList<>();
    lines.add("package test.escaping;");
    lines.add("import dev.comfypkgs.annotations.*;");
    lines.add("@PythonPackage(pname = \"sly\", version = \"1.0\", description = \"d\", homepage = \"\",");
    lines.add("    license = License.MIT)");
    lines.add("@GitHub(owner = \"o\", repo = \"r\", tag = \"v1.0\","
        + " hash = \"sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\")");
    lines.add("@BuildSystem(\"setuptools\")");
    lines.add("@Remove(value = \"foo\", reason = " + javaSource(reason) + ")");
    lines.add("@SkipRuntimeDepsCheck(reason = " + javaSource("r\rdoCheck = true; x = 1;") + ")");
    lines.add("public final class Sly {}");
    Path out = dir.resolve("generated-nix");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new RecipeProcessor())
            .withOptions("-Acomfypkgs.out=" + out)
            .compile(JavaFileObjects.forSourceLines("test.escaping.Sly", lines.toArray(String[]::new)));
    assertThat(compilation).succeeded();
    JsonNode v = JSON.readTree(NixTool.evalJson(
        "let p = " + NixTool.floxScope(out.resolve(".flox/pkgs"), "x86_64-linux") + ".sly; in"
            + " { inherit (p) propagatedBuildInputs pythonRemoveDeps doCheck dontCheckRuntimeDeps;"
            + " deps = map (d: d.pname) p.dependencies; }"));
    assertEquals("{\"deps\":[],\"doCheck\":false,\"dontCheckRuntimeDeps\":true,"
        + "\"propagatedBuildInputs\":[],\"pythonRemoveDeps\":[\"foo\"]}", v.toString(),
        Files.readString(out.resolve(".flox/pkgs/sly.nix")));
  }
}
