package dev.comfypkgs.processor.nixeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.processor.RecipeProcessor;
import dev.comfypkgs.processor.testing.NixTool;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile text in every text attribute of a recipe set: random strings made of what ends a Nix
 * comment or string, a shell word or a line (CR, LF, U+2028, NEL, NUL, unpaired surrogates,
 * {@code ''}, {@code ${}, {@code #}, {@code *}{@code /}, quotes, huge strings...) go into one to
 * three attributes at a time, the others keeping valid values. Each compilation is either refused
 * with rule diagnostics only, every one on the line of a hostile attribute (or of one whose value
 * derives from it), with nothing written; or it generates files that evaluate, under the stand-in
 * nixpkgs with the builder and fetchers replaced by spies, to exactly the Java values: the same
 * arguments (no extra attribute), the same dependencies, the same texts; and a recipes.json that
 * holds every value as written. The seed is fixed and printed with every failure;
 * {@code -Dcomfypkgs.hostileSeed} and {@code -Dcomfypkgs.hostileCases} change it and the count.
 */
class HostileTextPropertyTest {
  private static final long SEED = Long.getLong("comfypkgs.hostileSeed", 0x4057_11E5L);
  private static final int CASES = Integer.getInteger("comfypkgs.hostileCases", 170);
  /** lib.platforms.unix of the stand-in, in its order. */
  private static final List<String> SYSTEMS =
      List.of("x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin");
  private static final String HASH = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
  private static final String FAKE_HASH = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What ends or escapes a comment, a string, a shell word or a line, and what hides text. What
   * no file can hold (NUL, unpaired surrogates) is in {@link #UNWRITABLE}, added to one string in
   * six: in every string it would get every case refused, and little else tested.
   */
  private static final List<String> HOSTILE =
      List.of(
          "\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "''", "'", "''${", "${", "${x}", "$", "#", "*/", "/*", "\"", "\\", "\\\"", " ", "\t", ";",
          "]", "}", "=", "..", "/", ":", "@{", "%", "~", "é", "漢", "\uD83D\uDE00", "\u202E",
          "\uFEFF", "\u001B[2J", "\u007F", "\u009F", "`id`", "$(id)", "!");
  private static final List<String> UNWRITABLE = List.of("\0", "\uD800", "\uDFFF", "\uDC00x");
  private static final List<String> LINE_BREAKS =
      List.of("\r", "\r\n", "\n\r", "\n", "\u2028", "\u2029", "\u0085", "\r]; x = [");
  /** What names are made of, so that many random names are valid ones. */
  private static final List<String> NAME_PARTS =
      List.of("a", "b", "z", "Q", "0", "7", "-", "_", ".", "lib", "v1", "x2");
  /** Names the stand-in's python3.pkgs has, and a few a file binds itself. */
  private static final List<String> NIXPKGS_NAMES =
      List.of("numpy", "pillow", "scipy", "rich", "tqdm", "requests", "setuptools", "wheel",
          "hatchling", "torch", "torchvision", "timm", "lib", "true", "python3", "stdenv", "import",
          "thing");

  enum Kind { FREE, NAME, NIXPKGS, HASH, REV }

  /** The {@code @Vendored} attributes only the workflows recipe writes. */
  private static final Set<String> FLOWS_SOURCE = Set.of("Vendored.directory", "Vendored.gitTree");

  /** One text attribute, its kind of random value, and its value when it is not hostile. */
  record Slot(String key, Kind kind, String fallback) {}

  private static final List<Slot> SLOTS =
      List.of(
          new Slot("PythonPackage.pname", Kind.NAME, "thing"),
          new Slot("PythonPackage.attr", Kind.NAME, "thing"),
          new Slot("PythonPackage.version", Kind.NAME, "1.0.0"),
          new Slot("PythonPackage.description", Kind.FREE, "A thing"),
          new Slot("PythonPackage.homepage", Kind.FREE, "https://example.org/thing"),
          new Slot("GitHub.owner", Kind.NAME, "owner"),
          new Slot("GitHub.repo", Kind.NAME, "thing"),
          new Slot("GitHub.tag", Kind.NAME, "v1.0.0"),
          new Slot("GitHub.rev", Kind.REV, "0123456789abcdef0123456789abcdef01234567"),
          new Slot("GitHub.hash", Kind.HASH, HASH),
          new Slot("GitHub.sourceRoot", Kind.NAME, "src"),
          new Slot("PyPI.name", Kind.NAME, "thing"),
          new Slot("PyPI.version", Kind.NAME, ""),
          new Slot("PyPI.hash", Kind.HASH, HASH),
          new Slot("Vendored.file", Kind.NAME, "thing-1.0.0.tar.gz"),
          new Slot("Vendored.sha256", Kind.HASH, ""),
          new Slot("BuildSystem.value", Kind.NIXPKGS, "setuptools"),
          new Slot("Bundle.value", Kind.NIXPKGS, "numpy"),
          new Slot("Relax.value", Kind.NAME, "numpy"),
          new Slot("Remove.value", Kind.NAME, "opencv-python"),
          new Slot("Remove.reason", Kind.FREE, "nixpkgs' opencv4 is bundled instead."),
          new Slot("SkipRuntimeDepsCheck.reason", Kind.FREE, "opencv4 is not opencv-python by name."),
          new Slot("ImportsCheck.value", Kind.NAME, "thing"),
          new Slot("SmokeImport.value", Kind.NAME, "thing"),
          new Slot("Substitute.file", Kind.FREE, "setup.py"),
          new Slot("Substitute.replace", Kind.FREE, "old"),
          new Slot("Substitute.with", Kind.FREE, "new"),
          new Slot("Replaces.value", Kind.NAME, "thing-upstream"),
          new Slot("TorchAgnostic.remove", Kind.NIXPKGS, "torchvision"),
          new Slot("FloxBuild.upstream", Kind.NAME, "1.0.0"),
          new Slot("FloxBuild.reason", Kind.FREE, "packaging fixes"),
          new Slot("MetaPackage.pname", Kind.NAME, "things"),
          new Slot("MetaPackage.attr", Kind.NAME, "things"),
          new Slot("MetaPackage.version", Kind.NAME, "1.0.0"),
          new Slot("MetaPackage.description", Kind.FREE, "All things"),
          new Slot("MetaPackage.homepage", Kind.FREE, "https://example.org/things"),
          new Slot("MetaPackage.nixpkgs", Kind.NIXPKGS, "rich"),
          new Slot("CustomNode.pname", Kind.NAME, "comfyui-widget"),
          new Slot("CustomNode.attr", Kind.NAME, "widget"),
          new Slot("CustomNode.version", Kind.NAME, "1.0.0"),
          new Slot("CustomNode.description", Kind.FREE, "A widget node"),
          new Slot("CustomNode.homepage", Kind.FREE, "https://example.org/widget"),
          new Slot("CustomNode.directory", Kind.NAME, "Widget"),
          new Slot("Workflows.pname", Kind.NAME, "comfyui-flows"),
          new Slot("Workflows.attr", Kind.NAME, "flows"),
          new Slot("Workflows.version", Kind.NAME, "1.0.1"),
          new Slot("Workflows.description", Kind.FREE, "Example flows"),
          new Slot("Workflows.homepage", Kind.FREE, ""),
          new Slot("Workflows.converter", Kind.NAME, "convert_to_webui.py"),
          new Slot("Vendored.directory", Kind.NAME, "flows"),
          new Slot("Vendored.gitTree", Kind.REV, ""),
          new Slot("NodeBundle.pname", Kind.NAME, "comfyui-gadgets"),
          new Slot("NodeBundle.attr", Kind.NAME, "gadgets"),
          new Slot("NodeBundle.version", Kind.NAME, "1.0.0"),
          new Slot("NodeBundle.description", Kind.FREE, "Gadget nodes"),
          new Slot("NodeBundle.homepage", Kind.FREE, "https://example.org/gadgets"),
          new Slot("Node.directory", Kind.NAME, "WidgetExtra"),
          new Slot("Node.owner", Kind.NAME, "example"),
          new Slot("Node.repo", Kind.NAME, "extra"),
          new Slot("Node.tag", Kind.NAME, "v2.0.0"),
          new Slot("Node.rev", Kind.REV, ""),
          new Slot("Node.hash", Kind.HASH, HASH),
          new Slot("Node.file", Kind.NAME, ""),
          new Slot("Substitute.node", Kind.NAME, "WidgetExtra"),
          new Slot("Wrapper.pname", Kind.NAME, "onnxruntime-noexec"),
          new Slot("Wrapper.attr", Kind.NAME, "noexec"),
          new Slot("Wrapper.description", Kind.FREE, "ONNX Runtime, fixed"),
          new Slot("Wrapper.wraps", Kind.NIXPKGS, "onnxruntime"),
          new Slot("Wrapper.fix", Kind.NAME, "noexec/fix.py"),
          new Slot("Runtime.provides", Kind.NAME, "torchvision"),
          new Slot("ComfyUIRelease.value", Kind.FREE, "0.10.0"),
          new Slot("TorchBearing.value", Kind.NAME, "basicsr"),
          new Slot("FloxEnvironment.name", Kind.FREE, "hostile"),
          new Slot("FloxEnvironment.python", Kind.NAME, "python313"));

  /**
   * Values derive from others as the rules require (a tag is "v" and the version...): when the
   * first is hostile the second is too, and a diagnostic on either line is anchored where it
   * should be. "@X" stands for the line that opens annotation X.
   */
  private static final Map<String, List<String>> COUPLED =
      Map.of(
          "PythonPackage.version", List.of("GitHub.tag", "FloxBuild.@", "FloxBuild.upstream"),
          "GitHub.tag", List.of("PythonPackage.version", "GitHub.@", "FloxBuild.upstream"),
          "GitHub.rev", List.of("PythonPackage.version", "GitHub.@"),
          "FloxBuild.upstream", List.of("PythonPackage.version", "GitHub.tag"),
          "CustomNode.version", List.of("NodeSource.tag"),
          "Node.directory", List.of("Substitute.node"));

  @TempDir static Path tmp;
  static Path index;

  /** The stand-in's package names, so CPK112 refuses a name that would not evaluate. */
  @BeforeAll
  static void writeIndex() throws IOException {
    NixTool.requireNix();
    String names = NixTool.evalJson("let p = " + NixTool.standinPkgs("x86_64-linux") + "; in"
        + " builtins.attrNames (p.lib.filterAttrs (n: v: builtins.isAttrs v && v ? drvPath)"
        + " p.python3.pkgs)");
    index = Files.writeString(tmp.resolve("index.json"), names);
  }

  // -----------------------------------------------------------------------------------------------
  // The slots are every text attribute there is

  @Test
  void slotsCoverEveryTextAttributeOfEveryAnnotation() throws IOException, URISyntaxException {
    Set<String> attributes = new TreeSet<>();
    for (Class<?> annotation : annotationTypes()) {
      for (Method m : annotation.getDeclaredMethods()) {
        if (m.getReturnType() == String.class || m.getReturnType() == String[].class) {
          attributes.add(annotation.getSimpleName() + "." + m.getName());
        }
      }
    }
    Set<String> slots = new TreeSet<>();
    SLOTS.forEach(s -> slots.add(s.key()));
    assertEquals(attributes, slots, "a text attribute that the property does not exercise, or a"
        + " slot that names none");
  }

  private static List<Class<?>> annotationTypes() throws IOException, URISyntaxException {
    Path location = Path.of(PythonPackage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String dir = PythonPackage.class.getPackageName().replace('.', '/');
    List<Class<?>> out = new ArrayList<>();
    try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
        Stream<Path> files = Files.list(jar == null ? location.resolve(dir) : jar.getPath(dir))) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".class") && !name.equals("package-info.class")) {
          Class<?> c = Class.forName(PythonPackage.class.getPackageName() + "." + name.replace(".class", ""));
          if (c.isAnnotation()) {
            out.add(c);
          }
        }
      }
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
    assertTrue(out.size() > 20, "annotation types found: " + out);
    return out;
  }

  // -----------------------------------------------------------------------------------------------
  // Random values

  private static String hostile(Random r, Slot slot) {
    return switch (slot.kind()) {
      case FREE -> {
        // Line breaks in every other text: they are what ends a comment or a line early.
        String text = pieces(r, r.nextInt(30) == 0 ? 2000 + r.nextInt(2000) : r.nextInt(16), 0.3);
        int at = r.nextInt(text.length() + 1);
        yield r.nextBoolean() ? text
            : text.substring(0, at) + LINE_BREAKS.get(r.nextInt(LINE_BREAKS.size())) + text.substring(at);
      }
      case NAME -> pieces(r, r.nextInt(30) == 0 ? 80 + r.nextInt(200) : 1 + r.nextInt(8), 0.85);
      case NIXPKGS -> r.nextInt(3) > 0
          ? NIXPKGS_NAMES.get(r.nextInt(NIXPKGS_NAMES.size()))
          : pieces(r, 1 + r.nextInt(6), 0.85);
      case HASH -> {
        if (r.nextBoolean()) {
          byte[] b = new byte[32];
          r.nextBytes(b);
          yield "sha256-" + Base64.getEncoder().encodeToString(b);
        }
        yield pieces(r, r.nextInt(10), 0.5);
      }
      case REV -> {
        if (r.nextBoolean()) {
          byte[] b = new byte[20];
          r.nextBytes(b);
          yield HexFormat.of().formatHex(b);
        }
        yield pieces(r, 1 + r.nextInt(8), 0.7);
      }
    };
  }

  /**
   * {@code n} pieces, each a name part with probability {@code friendly}, else hostile; in one
   * string of six, one piece is unwritable.
   */
  private static String pieces(Random r, int n, double friendly) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> from = r.nextDouble() < friendly ? NAME_PARTS : HOSTILE;
      parts.add(from.get(r.nextInt(from.size())));
    }
    if (r.nextInt(6) == 0) {
      parts.add(r.nextInt(parts.size() + 1), UNWRITABLE.get(r.nextInt(UNWRITABLE.size())));
    }
    return String.join("", parts);
  }

  // -----------------------------------------------------------------------------------------------
  // One case: the values, the sources, and where each value is written

  /** The values of one case and the keys whose values are hostile (chosen or derived). */
  static final class Case {
    final Map<String, String> values = new LinkedHashMap<>();
    final Set<String> hostile = new LinkedHashSet<>();
    String source = "GitHub";
    boolean torchAgnostic;
    boolean floxBuild;
    boolean rev;
    /** file name → key → line number (1-based), for every value and annotation written. */
    final Map<String, Map<String, Integer>> lines = new TreeMap<>();

    String v(String key) {
      return values.get(key);
    }
  }

  static Case newCase(Random r, int k) {
    Case c = new Case();
    SLOTS.forEach(s -> c.values.put(s.key(), s.fallback()));
    // First each slot alone, three times over (so a refusal elsewhere cannot hide how it is
    // written), then two or three slots at a time.
    List<Slot> chosen = new ArrayList<>();
    chosen.add(SLOTS.get(k % SLOTS.size()));
    for (int n = k < 3 * SLOTS.size() ? 0 : 1 + r.nextInt(2); n > 0; n--) {
      chosen.add(SLOTS.get(r.nextInt(SLOTS.size())));
    }
    for (Slot s : chosen) {
      String family = s.key().substring(0, s.key().indexOf('.'));
      // The workflows recipe's @Vendored directory is its own, not the package's source.
      if (List.of("GitHub", "PyPI", "Vendored").contains(family) && !FLOWS_SOURCE.contains(s.key())) {
        if (!c.hostile.stream().anyMatch(h -> h.startsWith("GitHub.") || h.startsWith("PyPI.")
            || h.startsWith("Vendored."))) {
          c.source = family;
        } else if (!c.source.equals(family)) {
          continue; // one source per recipe: a second family's slot is dropped
        }
      }
      c.values.put(s.key(), hostile(r, s));
      c.hostile.add(s.key());
    }
    c.rev = c.hostile.contains("GitHub.rev") && !c.hostile.contains("GitHub.tag");
    c.torchAgnostic = c.hostile.contains("TorchAgnostic.remove");
    c.floxBuild = c.hostile.contains("FloxBuild.upstream") || c.hostile.contains("FloxBuild.reason");
    derive(c);
    return c;
  }

  /** The values other rules tie together, derived from the hostile one. */
  private static void derive(Case c) {
    String version = c.v("PythonPackage.version");
    if (c.floxBuild) {
      String upstream = c.v("FloxBuild.upstream");
      if (!c.hostile.contains("PythonPackage.version")) {
        version = upstream + "_flox_build";
        derived(c, "PythonPackage.version", version, c.hostile.contains("FloxBuild.upstream"));
      }
      if (!c.hostile.contains("GitHub.tag")) {
        derived(c, "GitHub.tag", "v" + upstream, c.hostile.contains("FloxBuild.upstream"));
      }
    } else if (c.rev) {
      if (!c.hostile.contains("PythonPackage.version")) {
        derived(c, "PythonPackage.version", "1.0.0-unstable-2025-01-01", false);
      }
    } else if (c.hostile.contains("GitHub.tag") && !c.hostile.contains("PythonPackage.version")) {
      String tag = c.v("GitHub.tag");
      derived(c, "PythonPackage.version", tag.startsWith("v") ? tag.substring(1) : tag, true);
    } else if (c.hostile.contains("PythonPackage.version") && !c.hostile.contains("GitHub.tag")) {
      derived(c, "GitHub.tag", "v" + version, true);
    }
    if (c.torchAgnostic && !c.hostile.contains("PythonPackage.pname")) {
      derived(c, "PythonPackage.pname", "comfyui-thing", false);
      if (!c.hostile.contains("PythonPackage.attr")) {
        derived(c, "PythonPackage.attr", "thing", false);
      }
    } else if (c.torchAgnostic) {
      derived(c, "PythonPackage.pname", "comfyui-" + c.v("PythonPackage.pname"), true);
    }
    derived(c, "NodeSource.tag", "v" + c.v("CustomNode.version"), c.hostile.contains("CustomNode.version"));
    if (c.hostile.contains("Node.file")) {
      // A vendored node names no GitHub archive (CPK119).
      for (String key : List.of("Node.owner", "Node.repo", "Node.tag", "Node.rev", "Node.hash")) {
        if (!c.hostile.contains(key)) {
          derived(c, key, "", false);
        }
      }
    }
    if (c.hostile.contains("Node.directory") && !c.hostile.contains("Substitute.node")) {
      derived(c, "Substitute.node", c.v("Node.directory"), true);
    }
  }

  private static void derived(Case c, String key, String value, boolean hostile) {
    c.values.put(key, value);
    if (hostile) {
      c.hostile.add(key);
    }
  }

  /** Writes the case's sources, recording the line of every value. */
  static List<JavaFileObject> sources(Case c) {
    Source thing = new Source(c, "Thing");
    thing.open("PythonPackage");
    thing.attribute("PythonPackage.pname");
    thing.attribute("PythonPackage.attr");
    thing.attribute("PythonPackage.version");
    thing.attribute("PythonPackage.description");
    thing.attribute("PythonPackage.homepage");
    thing.line("    license = License.MIT)");
    switch (c.source) {
      case "GitHub" -> {
        thing.open("GitHub");
        thing.attribute("GitHub.owner");
        thing.attribute("GitHub.repo");
        thing.attribute(c.rev ? "GitHub.rev" : "GitHub.tag");
        thing.attribute("GitHub.hash");
        thing.last("GitHub.sourceRoot");
      }
      case "PyPI" -> {
        thing.open("PyPI");
        thing.attribute("PyPI.name");
        thing.attribute("PyPI.version");
        thing.last("PyPI.hash");
      }
      default -> {
        thing.open("Vendored");
        thing.attribute("Vendored.file");
        thing.last("Vendored.sha256");
      }
    }
    thing.array("BuildSystem", "value", List.of());
    thing.array("Bundle", "value", List.of());
    thing.array("Relax", "value", List.of());
    thing.open("Remove");
    thing.items("Remove.value", List.of(), ",");
    thing.last("Remove.reason");
    thing.open("SkipRuntimeDepsCheck");
    thing.last("SkipRuntimeDepsCheck.reason");
    thing.array("ImportsCheck", "value", List.of());
    thing.array("SmokeImport", "value", List.of());
    thing.open("Substitute");
    thing.attribute("Substitute.file");
    thing.attribute("Substitute.replace");
    thing.last("Substitute.with");
    thing.array("Replaces", "value", List.of());
    if (c.torchAgnostic) {
      thing.open("TorchAgnostic");
      thing.items("TorchAgnostic.remove", List.of("torch"), ")");
    }
    if (c.floxBuild) {
      thing.open("FloxBuild");
      thing.attribute("FloxBuild.upstream");
      thing.last("FloxBuild.reason");
    }
    thing.line("public final class Thing {}");

    Source meta = new Source(c, "Meta");
    meta.open("MetaPackage");
    meta.attribute("MetaPackage.pname");
    meta.attribute("MetaPackage.attr");
    meta.attribute("MetaPackage.version");
    meta.attribute("MetaPackage.description");
    meta.attribute("MetaPackage.homepage");
    meta.line("    members = { Thing.class },");
    meta.items("MetaPackage.nixpkgs", List.of(), ")");
    meta.line("public final class Meta {}");

    Source widget = new Source(c, "Widget");
    widget.open("CustomNode");
    widget.attribute("CustomNode.pname");
    widget.attribute("CustomNode.attr");
    widget.attribute("CustomNode.version");
    widget.attribute("CustomNode.description");
    widget.attribute("CustomNode.homepage");
    widget.attribute("CustomNode.directory");
    widget.line("    license = License.MIT)");
    widget.line("@GitHub(owner = \"example\", repo = \"widget\", hash = " + java(HASH) + ",");
    widget.last("NodeSource.tag");
    widget.line("public final class Widget {}");

    Source flows = new Source(c, "Flows");
    flows.open("Workflows");
    flows.attribute("Workflows.pname");
    flows.attribute("Workflows.attr");
    flows.attribute("Workflows.version");
    flows.attribute("Workflows.description");
    flows.attribute("Workflows.homepage");
    flows.attribute("Workflows.converter");
    flows.line("    license = License.MIT)");
    flows.open("Vendored");
    flows.attribute("Vendored.directory");
    flows.last("Vendored.gitTree");
    flows.line("public final class Flows {}");
    Source gadgets = new Source(c, "Gadgets");
    gadgets.open("NodeBundle");
    gadgets.attribute("NodeBundle.pname");
    gadgets.attribute("NodeBundle.attr");
    gadgets.attribute("NodeBundle.version");
    gadgets.attribute("NodeBundle.description");
    gadgets.attribute("NodeBundle.homepage");
    gadgets.line("    license = License.MIT)");
    gadgets.open("Node");
    gadgets.attribute("Node.directory");
    gadgets.attribute("Node.owner");
    gadgets.attribute("Node.repo");
    gadgets.attribute("Node.tag");
    gadgets.attribute("Node.rev");
    gadgets.attribute("Node.hash");
    gadgets.last("Node.file");
    gadgets.line("@Substitute(file = \"__init__.py\", replace = \"old\", with = \"new\",");
    gadgets.last("Substitute.node");
    gadgets.line("public final class Gadgets {}");
    Source wrapped = new Source(c, "Wrapped");
    wrapped.open("Wrapper");
    wrapped.attribute("Wrapper.pname");
    wrapped.attribute("Wrapper.attr");
    wrapped.attribute("Wrapper.description");
    wrapped.attribute("Wrapper.wraps");
    wrapped.last("Wrapper.fix");
    wrapped.line("public final class Wrapped {}");

    Source set = new Source(c, "SetWide");
    set.open("Runtime");
    set.items("Runtime.provides", List.of("torch"), ")");
    set.open("ComfyUIRelease");
    set.last("ComfyUIRelease.value");
    set.array("TorchBearing", "value", List.of());
    set.open("FloxEnvironment");
    set.attribute("FloxEnvironment.name");
    set.last("FloxEnvironment.python");
    set.line("public final class SetWide {}");
    return List.of(thing.file(), meta.file(), widget.file(), flows.file(), gadgets.file(),
        wrapped.file(), set.file());
  }

  /** One source file being written, one value per line. */
  static final class Source {
    final Case c;
    final String name;
    final List<String> lines = new ArrayList<>();
    final Map<String, Integer> at = new LinkedHashMap<>();

    Source(Case c, String name) {
      this.c = c;
      this.name = name;
      lines.add("package hostile;");
      lines.add("import dev.comfypkgs.annotations.*;");
      lines.add("import dev.comfypkgs.annotations.Runtime;");
      c.lines.put(name, at);
    }

    void line(String text) {
      lines.add(text);
    }

    void open(String annotation) {
      lines.add("@" + annotation + "(");
      at.put(annotation + ".@", lines.size());
    }

    void attribute(String key) {
      lines.add("    " + key.substring(key.indexOf('.') + 1) + " = " + java(c.v(key)) + ",");
      at.put(key, lines.size());
    }

    void last(String key) {
      lines.add("    " + key.substring(key.indexOf('.') + 1) + " = " + java(c.v(key)) + ")");
      at.put(key, lines.size());
    }

    /** {@code attribute = { fixed..., value }} followed by {@code end}. */
    void items(String key, List<String> fixed, String end) {
      lines.add("    " + key.substring(key.indexOf('.') + 1) + " = {");
      for (String f : fixed) {
        lines.add("        " + java(f) + ",");
      }
      lines.add("        " + java(c.v(key)));
      at.put(key, lines.size());
      lines.add("    }" + end);
    }

    /** {@code @Annotation({ value })}. */
    void array(String annotation, String attribute, List<String> fixed) {
      lines.add("@" + annotation + "({");
      at.put(annotation + ".@", lines.size());
      for (String f : fixed) {
        lines.add("    " + java(f) + ",");
      }
      lines.add("    " + java(c.v(annotation + "." + attribute)));
      at.put(annotation + "." + attribute, lines.size());
      lines.add("})");
    }

    JavaFileObject file() {
      return JavaFileObjects.forSourceLines("hostile." + name, lines.toArray(String[]::new));
    }
  }

  /**
   * A Java string literal that holds any text: CR and LF as {@code \r} and {@code \n} (a
   * {@code \}{@code u000a} would end the line before javac reads the literal), NUL as the octal
   * {@code \000} (a digit after it cannot extend it), everything else outside printable ASCII as
   * a Unicode escape, unpaired surrogates included. javac 17 misreads a backslash right after an
   * escaped unpaired high surrogate, so the literal is split there ({@code "\}{@code uD800" + "\\"}).
   */
  static String java(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (i > 0 && Character.isHighSurrogate(s.charAt(i - 1)) && !Character.isLowSurrogate(ch)) {
        b.append("\" + \"");
      }
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\0' -> b.append("\\000");
        default -> {
          if (ch < 0x20 || ch >= 0x7f) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  // -----------------------------------------------------------------------------------------------
  // The property

  @Test
  void hostileTextIsRefusedWhereItIsOrWrittenExactly() throws IOException {
    NixTool.requireNix();
    Random master = new Random(SEED);
    int refused = 0;
    int generated = 0;
    Map<String, Integer> byRule = new TreeMap<>();
    Set<String> writtenHostile = new TreeSet<>();
    long started = System.nanoTime();
    for (int k = 0; k < CASES; k++) {
      long seed = master.nextLong();
      Case c = newCase(new Random(seed), k);
      List<JavaFileObject> files = sources(c);
      Path out = tmp.resolve("case-" + k).resolve("generated-nix");
      Compilation compilation = Compiler.javac()
          .withProcessors(new RecipeProcessor())
          .withOptions("-Acomfypkgs.out=" + out, "-Acomfypkgs.nixpkgsIndex=" + index)
          .compile(files);
      String where = "case " + k + " (property seed " + SEED + ", case seed " + seed + "), hostile "
          + c.hostile + ":\n" + describe(c);
      if (compilation.status() == Compilation.Status.FAILURE) {
        checkRefusal(where, c, compilation, out, byRule);
        refused++;
      } else {
        checkGenerated(where, c, out);
        writtenHostile.addAll(c.hostile);
        generated++;
      }
    }
    System.err.printf("hostile text: %d cases (seed %d) in %d s: %d refused %s, %d generated and"
            + " evaluated to the Java values, with hostile values in %d of %d slots%n", CASES, SEED,
        (System.nanoTime() - started) / 1_000_000_000, refused, byRule, generated,
        writtenHostile.size(), SLOTS.size());
    assertTrue(writtenHostile.size() >= SLOTS.size() * 3 / 4,
        "hostile values were written in too few slots (" + writtenHostile + "): the generator is off");
    assertTrue(generated >= CASES / 6, "too few cases compiled (" + generated + "): the generator is off");
    assertTrue(refused >= CASES / 4, "too few cases were refused (" + refused + "): the generator is off");
  }

  /** Found by the property (case seed -2542458208762073339): the file line was not split. */
  @Test
  void aSubstitutedFileNameWithALineBreakIsOneShellWord() throws IOException {
    NixTool.requireNix();
    Path out = tmp.resolve("line-break").resolve("generated-nix");
    Compilation compilation = Compiler.javac()
        .withProcessors(new RecipeProcessor())
        .withOptions("-Acomfypkgs.out=" + out)
        .compile(JavaFileObjects.forSourceLines("hostile.Broken",
            "package hostile;",
            "import dev.comfypkgs.annotations.*;",
            "@PythonPackage(pname = \"broken\", version = \"1.0.0\", description = \"d\",",
            "    homepage = \"h\", license = License.MIT)",
            "@PyPI(name = \"broken\", hash = " + java(HASH) + ")",
            "@BuildSystem(\"setuptools\")",
            "@Substitute(file = \"a\\nb.py\", replace = \"x\", with = \"y\")",
            "public final class Broken {}"));
    assertEquals(Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics().toString());
    String postPatch = JSON.readTree(NixTool.evalJson("(" + NixTool.floxScope(out.resolve(".flox/pkgs"),
        "x86_64-linux") + ").broken.postPatch")).asText();
    assertEquals(List.of("a\nb.py", "--replace-fail", "x", "y"), shellWords(postPatch));
  }

  private static String describe(Case c) {
    StringBuilder out = new StringBuilder();
    for (String key : c.hostile) {
      out.append("  ").append(key).append(" = ").append(java(shorten(c.v(key)))).append('\n');
    }
    return out.toString();
  }

  private static String shorten(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + " chars)" : s;
  }

  /** Every error is a rule's, on a hostile line; nothing is written. */
  private static void checkRefusal(
      String where, Case c, Compilation compilation, Path out, Map<String, Integer> byRule) {
    Map<String, Set<Long>> allowed = new TreeMap<>();
    for (String key : c.hostile) {
      List<String> keys = new ArrayList<>(List.of(key));
      keys.addAll(COUPLED.getOrDefault(key, List.of()));
      for (String k : keys) {
        c.lines.forEach((file, at) -> {
          if (at.containsKey(k)) {
            allowed.computeIfAbsent(file, f -> new TreeSet<>()).add((long) at.get(k));
          }
        });
      }
    }
    assertFalse(compilation.errors().isEmpty(), where);
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      String message = d.getMessage(null);
      if (!message.startsWith("[CPK")) {
        fail(where + "an error that is not a rule's diagnostic: " + shorten(message)
            + (d.getSource() == null ? " (without a place)" : " at " + d.getSource().getName() + ":"
                + d.getLineNumber() + ":" + d.getColumnNumber() + "\n" + shorten(sourceLine(d))));
      }
      byRule.merge(message.substring(1, 7), 1, Integer::sum);
      assertTrue(d.getSource() != null, where + "an error without a place: " + shorten(message));
      String file = d.getSource().getName().replaceAll(".*/", "").replace(".java", "");
      assertTrue(allowed.getOrDefault(file, Set.of()).contains(d.getLineNumber()),
          where + "an error on " + file + ".java line " + d.getLineNumber() + ", not on a hostile"
              + " attribute's line " + allowed + ": " + shorten(message));
    }
    assertFalse(Files.exists(out), where + "a refused compilation wrote " + out);
  }

  private static String sourceLine(Diagnostic<? extends JavaFileObject> d) {
    try {
      String line = d.getSource().getCharContent(true).toString().split("\n")[(int) d.getLineNumber() - 1];
      int col = (int) d.getColumnNumber();
      return line.substring(Math.max(0, col - 40), Math.min(line.length(), col + 20));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** The generated files say exactly what the Java values say. */
  private static void checkGenerated(String where, Case c, Path out) throws IOException {
    String thingAttr = c.v("PythonPackage.attr");
    String metaAttr = c.v("MetaPackage.attr");
    String widgetAttr = c.v("CustomNode.attr");
    String flowsAttr = c.v("Workflows.attr");
    String gadgetsAttr = c.v("NodeBundle.attr");
    String wrappedAttr = c.v("Wrapper.attr");
    Path pkgs = out.resolve(".flox/pkgs");
    // The fix is a path literal, which Nix reads: it must be there to evaluate the wrapper.
    Path fix = out.getParent().resolve("sources").resolve(c.v("Wrapper.fix"));
    Files.createDirectories(fix.getParent());
    Files.writeString(fix, "print('fixed')\n");
    for (Path file : List.of(pkgs.resolve(thingAttr + ".nix"), pkgs.resolve(metaAttr + ".nix"),
        pkgs.resolve(widgetAttr + ".nix"), pkgs.resolve(flowsAttr + ".nix"),
        pkgs.resolve(gadgetsAttr + ".nix"), pkgs.resolve(wrappedAttr + ".nix"))) {
      // Strings write CR as \r, and comments and indented strings cannot hold one: a CR in a
      // generated file ends a comment or a line where the printer did not.
      assertFalse(Files.readString(file).contains("\r"), where + file + " holds a carriage return");
    }
    String standin = NixTool.standinPkgs("x86_64-linux");
    String e = "let\n"
        + "  pkgs = " + standin + ";\n"
        + "  lib = pkgs.lib;\n"
        + "  spy = fetcher: args: { inherit fetcher args; };\n"
        + "  python3 = pkgs.python3 // { pkgs = pkgs.python3.pkgs // {\n"
        + "    buildPythonPackage = args: args; fetchPypi = spy \"fetchPypi\"; }; };\n"
        + "  stdenv = pkgs.stdenv // { mkDerivation = args: args; };\n"
        + "  scope = pkgs // { inherit python3 stdenv; fetchFromGitHub = spy \"fetchFromGitHub\"; };\n"
        + "  show = v:\n"
        + "    if builtins.isAttrs v then\n"
        + "      (if v ? sibling then \"sibling:\" + v.sibling\n"
        + "       else if v ? drvPath then \"pkg:\" + v.pname\n"
        + "       else if v ? spdxId then \"license:\" + v.spdxId\n"
        + "       else builtins.mapAttrs (n: show) v)\n"
        + "    else if builtins.isList v then map show v\n"
        + "    else if builtins.isPath v then \"path:\" + toString v\n"
        + "    else if builtins.isFunction v then \"<function>\"\n"
        + "    else v;\n"
        + "  thingFile = " + NixTool.path(pkgs.resolve(thingAttr + ".nix")) + ";\n"
        + "  metaFile = " + NixTool.path(pkgs.resolve(metaAttr + ".nix")) + ";\n"
        + "  widgetFile = " + NixTool.path(pkgs.resolve(widgetAttr + ".nix")) + ";\n"
        + "  flowsFile = " + NixTool.path(pkgs.resolve(flowsAttr + ".nix")) + ";\n"
        + "  flowsArgs = lib.callPackageWith scope flowsFile { };\n"
        + "  gadgetsFile = " + NixTool.path(pkgs.resolve(gadgetsAttr + ".nix")) + ";\n"
        + "  wrappedFile = " + NixTool.path(pkgs.resolve(wrappedAttr + ".nix")) + ";\n"
        + "in {\n"
        + "  thingFormals = builtins.attrNames (builtins.functionArgs (import thingFile));\n"
        + "  thing = show (lib.callPackageWith scope thingFile { });\n"
        + "  metaFormals = builtins.attrNames (builtins.functionArgs (import metaFile));\n"
        + "  meta = show (lib.callPackageWith (scope // { " + NixTool.str(thingAttr)
        + " = { sibling = " + NixTool.str(thingAttr) + "; }; }) metaFile { });\n"
        + "  widgetFormals = builtins.attrNames (builtins.functionArgs (import widgetFile));\n"
        + "  widget = show (lib.callPackageWith scope widgetFile { });\n"
        + "  flowsFormals = builtins.attrNames (builtins.functionArgs (import flowsFile));\n"
        // python3 itself holds its package set, which refers back to it: named, not shown.
        + "  flows = show (removeAttrs flowsArgs [ \"nativeBuildInputs\" ]);\n"
        + "  flowsTools = map (p: p.pname) flowsArgs.nativeBuildInputs;\n"
        + "  gadgetsFormals = builtins.attrNames (builtins.functionArgs (import gadgetsFile));\n"
        + "  gadgets = show (lib.callPackageWith scope gadgetsFile { });\n"
        + "  wrappedFormals = builtins.attrNames (builtins.functionArgs (import wrappedFile));\n"
        + "  wrapped = let w = lib.callPackageWith scope wrappedFile { }; in {\n"
        + "    inherit (w) pname version installPhase dontUnpack dontBuild;\n"
        + "    nativeBuildInputs = map (d: d.name) w.nativeBuildInputs;\n"
        + "    description = w.meta.description;\n"
        + "  };\n"
        + "  original = let o = pkgs.python3.pkgs.${" + NixTool.str(c.v("Wrapper.wraps")) + "}; in\n"
        + "    { inherit (o) version; out = o.outPath; };\n"
        + "  defaultAttrs = builtins.attrNames " + NixTool.defaultNix(out, "x86_64-linux") + ";\n"
        + "}\n";
    NixTool.Result result = NixTool.evalJsonResult(e);
    if (!result.ok()) {
      fail(where + "the generated files do not evaluate:\n" + result.stderr() + "\n"
          + Files.readString(pkgs.resolve(thingAttr + ".nix")));
    }
    JsonNode v = JSON.readTree(result.stdout());

    // The package: its arguments, and every argument of buildPythonPackage and the fetcher.
    List<String> formals = new ArrayList<>(List.of("lib", "python3"));
    if (c.source.equals("GitHub")) {
      formals.add("fetchFromGitHub");
    }
    assertEquals(sorted(formals), strings(v.get("thingFormals")), where + "the package's arguments");
    JsonNode thing = v.get("thing");
    Map<String, Object> expected = new TreeMap<>();
    expected.put("pname", c.v("PythonPackage.pname"));
    expected.put("version", c.v("PythonPackage.version"));
    expected.put("pyproject", true);
    expected.put("src", source(c, out));
    expected.put("build-system", List.of("pkg:" + c.v("BuildSystem.value")));
    expected.put("dependencies", List.of("pkg:" + c.v("Bundle.value")));
    expected.put("pythonRelaxDeps", List.of(c.v("Relax.value")));
    expected.put("pythonRemoveDeps", c.torchAgnostic
        ? List.of("torch", c.v("TorchAgnostic.remove"), c.v("Remove.value"))
        : List.of(c.v("Remove.value")));
    expected.put("dontCheckRuntimeDeps", true);
    expected.put("doCheck", false);
    expected.put("pythonImportsCheck", List.of(c.v("ImportsCheck.value")));
    expected.put("postPatch", thing.path("postPatch").asText()); // its words are checked below
    if (c.source.equals("GitHub") && !c.v("GitHub.sourceRoot").isEmpty()) {
      expected.put("sourceRoot", "source/" + c.v("GitHub.sourceRoot"));
    }
    expected.put("meta", meta(c.v("PythonPackage.description"), c.v("PythonPackage.homepage")));
    assertEquals(JSON.valueToTree(expected), thing, where + "buildPythonPackage's arguments");
    assertEquals(List.of(c.v("Substitute.file"), "--replace-fail", c.v("Substitute.replace"),
            c.v("Substitute.with")),
        shellWords(thing.get("postPatch").asText()), where + "postPatch's substituteInPlace words");

    // The meta-package.
    assertEquals(sorted(List.of("lib", "python3", thingAttr)), strings(v.get("metaFormals")),
        where + "the meta-package's arguments");
    JsonNode meta = v.get("meta");
    Map<String, Object> expectedMeta = new TreeMap<>();
    expectedMeta.put("pname", c.v("MetaPackage.pname"));
    expectedMeta.put("version", c.v("MetaPackage.version"));
    expectedMeta.put("pyproject", false);
    expectedMeta.put("dontUnpack", true);
    expectedMeta.put("dontBuild", true);
    expectedMeta.put("installPhase", meta.path("installPhase").asText()); // checked below
    expectedMeta.put("dependencies", sorted(List.of("pkg:" + c.v("MetaPackage.nixpkgs"), "sibling:" + thingAttr)));
    expectedMeta.put("doCheck", false);
    expectedMeta.put("meta", meta(c.v("MetaPackage.description"), c.v("MetaPackage.homepage")));
    ((com.fasterxml.jackson.databind.node.ObjectNode) meta).set("dependencies",
        JSON.valueToTree(strings(meta.get("dependencies"))));
    assertEquals(JSON.valueToTree(expectedMeta), meta, where + "the meta-package's arguments");
    assertTrue(meta.get("installPhase").asText().contains("echo '" + c.v("MetaPackage.version") + "' >"),
        where + "installPhase writes the version");
    // The custom node: mkDerivation's arguments, and where its install phase puts the source.
    assertEquals(sorted(List.of("lib", "stdenv", "fetchFromGitHub")), strings(v.get("widgetFormals")),
        where + "the custom node's arguments");
    JsonNode widget = v.get("widget");
    Map<String, Object> expectedWidget = new TreeMap<>();
    expectedWidget.put("pname", c.v("CustomNode.pname"));
    expectedWidget.put("version", c.v("CustomNode.version"));
    expectedWidget.put("src", Map.of("fetcher", "fetchFromGitHub", "args", Map.of(
        "owner", "example", "repo", "widget", "tag", c.v("NodeSource.tag"), "hash", HASH)));
    expectedWidget.put("dontConfigure", true);
    expectedWidget.put("dontBuild", true);
    expectedWidget.put("installPhase", widget.path("installPhase").asText()); // run below
    expectedWidget.put("meta", meta(c.v("CustomNode.description"), c.v("CustomNode.homepage")));
    assertEquals(JSON.valueToTree(expectedWidget), widget, where + "mkDerivation's arguments");
    assertEquals(List.of("source-file"), installed(widget.get("installPhase").asText(),
        c.v("CustomNode.directory")), where + "installPhase installs into custom_nodes/<directory>");

    // The workflows: mkDerivation's arguments, the converter's words, and what the install copies.
    assertEquals(sorted(List.of("lib", "stdenv", "python3")), strings(v.get("flowsFormals")),
        where + "the workflows' arguments");
    assertEquals(List.of("python3"), strings(v.get("flowsTools")), where + "nativeBuildInputs");
    JsonNode flows = v.get("flows");
    Map<String, Object> expectedFlows = new TreeMap<>();
    expectedFlows.put("pname", c.v("Workflows.pname"));
    expectedFlows.put("version", c.v("Workflows.version"));
    expectedFlows.put("src",
        "path:" + out.getParent().resolve("sources").resolve(c.v("Vendored.directory")).normalize());
    expectedFlows.put("dontConfigure", true);
    expectedFlows.put("buildPhase", flows.path("buildPhase").asText()); // run below
    expectedFlows.put("installPhase", flows.path("installPhase").asText()); // run below
    expectedFlows.put("meta", meta(c.v("Workflows.description"), c.v("Workflows.homepage")));
    assertEquals(JSON.valueToTree(expectedFlows), flows, where + "the workflows' mkDerivation arguments");
    assertEquals(List.of(c.v("Workflows.converter"), ".", "webui-output"),
        converterWords(flows.get("buildPhase").asText()), where + "buildPhase runs the converter");
    assertEquals(List.of("workflows-api/SDXL/a.json", "workflows-api/top.json",
            "workflows/SDXL/a.json"),
        installedWorkflows(flows.get("installPhase").asText()),
        where + "installPhase installs the converted and the API-format workflows apart");

    checkBundle(where, c, out, v.get("gadgetsFormals"), v.get("gadgets"));

    // The wrapper: a copy of the wrapped package, its version, and the fix run on the copy.
    assertEquals(sorted(List.of("lib", "stdenv", "python3", "removeReferencesTo")),
        strings(v.get("wrappedFormals")), where + "the wrapper's arguments");
    JsonNode wrapped = v.get("wrapped");
    JsonNode original = v.get("original");
    assertEquals(c.v("Wrapper.pname"), wrapped.get("pname").asText(), where + "the wrapper's pname");
    assertEquals(original.get("version"), wrapped.get("version"), where + "the wrapped version");
    assertEquals(c.v("Wrapper.description"), wrapped.get("description").asText(),
        where + "the wrapper's description");
    assertEquals(List.of("python3-3.13.2", "remove-references-to"),
        strings(wrapped.get("nativeBuildInputs")), where + "the wrapper's tools");
    String copy = wrapped.get("installPhase").asText();
    String originalOut = original.get("out").asText();
    assertTrue(copy.contains("cp -r \"" + originalOut + "\" \"$out\"\n"), where + "copies " + originalOut
        + ":\n" + copy);
    assertTrue(copy.contains("remove-references-to -t \"" + originalOut + "\" {} +\n"),
        where + "strips " + originalOut + ":\n" + copy);
    assertTrue(copy.matches("(?s).*\npython3 \"/nix/store/[a-z0-9]{32}-"
            + java.util.regex.Pattern.quote(fix.getFileName().toString()) + "\" \"\\$out\"\n.*"),
        where + "runs the fix from the store:\n" + copy);

    assertEquals(sorted(List.of(thingAttr, metaAttr, widgetAttr, flowsAttr, gadgetsAttr, wrappedAttr)),
        strings(v.get("defaultAttrs")), where + "default.nix");

    checkRecipesJson(where, c, out);
  }

  /**
   * The node bundle: mkDerivation's arguments, its node's source, and what its install phase does
   * with them: the node's tree under custom_nodes/<directory>, and the edit of a file in it.
   */
  private static void checkBundle(String where, Case c, Path out, JsonNode formals, JsonNode gadgets)
      throws IOException {
    boolean vendored = !c.v("Node.file").isEmpty();
    assertEquals(sorted(vendored ? List.of("lib", "stdenv") : List.of("lib", "stdenv", "fetchFromGitHub")),
        strings(formals), where + "the bundle's arguments");
    Object source;
    if (vendored) {
      source = "path:" + out.getParent().resolve("sources").resolve(c.v("Node.file")).normalize();
    } else {
      Map<String, Object> args = new TreeMap<>();
      args.put("owner", c.v("Node.owner"));
      args.put("repo", c.v("Node.repo"));
      args.put(c.v("Node.tag").isEmpty() ? "rev" : "tag",
          c.v("Node.tag").isEmpty() ? c.v("Node.rev") : c.v("Node.tag"));
      args.put("hash", c.v("Node.hash").isEmpty() ? FAKE_HASH : c.v("Node.hash"));
      source = Map.of("fetcher", "fetchFromGitHub", "args", args);
    }
    Map<String, Object> expected = new TreeMap<>();
    expected.put("pname", c.v("NodeBundle.pname"));
    expected.put("version", c.v("NodeBundle.version"));
    expected.put("dontUnpack", true);
    expected.put("nodeDirectories", List.of(c.v("Node.directory")));
    expected.put("nodeSources", List.of(source));
    expected.put("dontConfigure", true);
    expected.put("dontBuild", true);
    expected.put("installPhase", gadgets.path("installPhase").asText()); // run below
    expected.put("meta", meta(c.v("NodeBundle.description"), c.v("NodeBundle.homepage")));
    assertEquals(JSON.valueToTree(expected), gadgets, where + "the bundle's mkDerivation arguments");

    Path build = Files.createTempDirectory(tmp, "bundle");
    Path tree = Files.createDirectories(build.resolve("tree"));
    Files.writeString(tree.resolve("source-file"), "");
    Path edits = build.resolve("edits");
    String script = "set -e\nrunHook() { :; }\n"
        + "substituteInPlace() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done >> \"$EDITS\"; }\n"
        + gadgets.get("installPhase").asText();
    NixTool.Result sh = NixTool.run(List.of("/usr/bin/env", "out=" + build.resolve("out"),
        "EDITS=" + edits, "nodeDirectories=" + c.v("Node.directory"), "nodeSources=" + tree,
        "/bin/sh", "-c", script), Duration.ofSeconds(30));
    assertTrue(sh.ok(), where + "/bin/sh rejects the bundle's installPhase:\n" + sh.describe());
    Path node = build.resolve("out/share/comfyui/custom_nodes").resolve(c.v("Node.directory"));
    try (Stream<Path> files = Files.list(node)) {
      assertEquals(List.of("source-file"), files.map(f -> f.getFileName().toString()).toList(),
          where + "the node's tree is installed as custom_nodes/<directory>");
    }
    List<String> words = new ArrayList<>(Arrays.asList(Files.readString(edits).split("\0", -1)));
    words.remove(words.size() - 1); // after the last NUL
    assertEquals(List.of(build.resolve("out/share/comfyui/custom_nodes") + "/" + c.v("Substitute.node")
            + "/__init__.py", "--replace-fail", "old", "new"), words,
        where + "the edit's substituteInPlace words");
  }

  private static Object source(Case c, Path out) {
    String hash;
    Map<String, Object> args = new TreeMap<>();
    switch (c.source) {
      case "GitHub" -> {
        args.put("owner", c.v("GitHub.owner"));
        args.put("repo", c.v("GitHub.repo"));
        if (c.rev) {
          args.put("rev", c.v("GitHub.rev"));
        } else {
          args.put("tag", c.v("GitHub.tag"));
        }
        hash = c.v("GitHub.hash");
      }
      case "PyPI" -> {
        args.put("pname", c.v("PyPI.name"));
        args.put("version", c.v("PyPI.version").isEmpty() ? c.v("PythonPackage.version") : c.v("PyPI.version"));
        hash = c.v("PyPI.hash");
      }
      default -> {
        // ../../../sources from .flox/pkgs: the directory beside generated-nix.
        return "path:" + out.getParent().resolve("sources").resolve(c.v("Vendored.file")).normalize();
      }
    }
    args.put("hash", hash.isEmpty() ? FAKE_HASH : hash);
    return Map.of("fetcher", c.source.equals("GitHub") ? "fetchFromGitHub" : "fetchPypi", "args", args);
  }

  private static Map<String, Object> meta(String description, String homepage) {
    Map<String, Object> m = new TreeMap<>();
    m.put("description", description);
    if (!homepage.isEmpty()) {
      m.put("homepage", homepage);
    }
    m.put("license", "license:MIT");
    m.put("platforms", SYSTEMS);
    return m;
  }

  /** recipes.json and the Flox files hold every value as written. */
  private static void checkRecipesJson(String where, Case c, Path out) throws IOException {
    JsonNode json = JSON.readTree(out.resolve("recipes.json").toFile());
    JsonNode p = recipe(json, "hostile.Thing");
    JsonNode m = json.get("metaPackages").get(0);
    Map<String, JsonNode> at = new LinkedHashMap<>();
    at.put("PythonPackage.pname", p.get("pname"));
    at.put("PythonPackage.attr", p.get("attr"));
    at.put("PythonPackage.version", p.get("version"));
    at.put("PythonPackage.description", p.get("description"));
    at.put("PythonPackage.homepage", p.get("homepage"));
    at.put(c.source + "." + switch (c.source) {
      case "GitHub" -> "owner";
      case "PyPI" -> "name";
      default -> "file";
    }, p.get("source").get(switch (c.source) {
      case "GitHub" -> "owner";
      case "PyPI" -> "name";
      default -> "file";
    }));
    if (c.source.equals("GitHub")) {
      at.put("GitHub.repo", p.get("source").get("repo"));
      at.put(c.rev ? "GitHub.rev" : "GitHub.tag", p.get("source").get(c.rev ? "rev" : "tag"));
      at.put("GitHub.hash", p.get("source").get("hash"));
      at.put("GitHub.sourceRoot", p.get("source").get("sourceRoot"));
    } else if (c.source.equals("PyPI")) {
      at.put("PyPI.version", p.get("source").get("version"));
      at.put("PyPI.hash", p.get("source").get("hash"));
    } else {
      at.put("Vendored.sha256", p.get("source").get("sha256"));
    }
    at.put("BuildSystem.value", p.get("buildSystem").get(0));
    at.put("Bundle.value", p.get("bundles").get(0).get("names").get(0));
    at.put("Relax.value", p.get("relax").get(0));
    JsonNode removals = p.get("removals");
    JsonNode removal = removals.get(removals.size() - 1);
    at.put("Remove.value", removal.get("name"));
    at.put("Remove.reason", removal.get("reason"));
    if (c.torchAgnostic) {
      at.put("TorchAgnostic.remove", removals.get(1).get("name"));
    }
    at.put("SkipRuntimeDepsCheck.reason", p.get("skipRuntimeDepsCheck"));
    at.put("ImportsCheck.value", p.get("importsCheck").get(0));
    at.put("SmokeImport.value", p.get("smokeImports").get(0));
    at.put("Substitute.file", p.get("substitutions").get(0).get("file"));
    at.put("Substitute.replace", p.get("substitutions").get(0).get("replace"));
    at.put("Substitute.with", p.get("substitutions").get(0).get("with"));
    at.put("Replaces.value", p.get("replaces").get(0));
    if (c.floxBuild) {
      at.put("FloxBuild.upstream", p.get("floxBuildUpstream"));
    }
    at.put("MetaPackage.pname", m.get("pname"));
    at.put("MetaPackage.attr", m.get("attr"));
    at.put("MetaPackage.version", m.get("version"));
    at.put("MetaPackage.description", m.get("description"));
    at.put("MetaPackage.homepage", m.get("homepage"));
    at.put("MetaPackage.nixpkgs", m.get("nixpkgs").get(0));
    JsonNode w = recipe(json, "hostile.Widget");
    at.put("CustomNode.pname", w.get("pname"));
    at.put("CustomNode.attr", w.get("attr"));
    at.put("CustomNode.version", w.get("version"));
    at.put("CustomNode.description", w.get("description"));
    at.put("CustomNode.homepage", w.get("homepage"));
    at.put("CustomNode.directory", w.get("customNodes").get(0));
    JsonNode f = recipe(json, "hostile.Flows");
    at.put("Workflows.pname", f.get("pname"));
    at.put("Workflows.attr", f.get("attr"));
    at.put("Workflows.version", f.get("version"));
    at.put("Workflows.description", f.get("description"));
    at.put("Workflows.homepage", f.get("homepage"));
    at.put("Workflows.converter", f.get("workflowsConverter"));
    at.put("Vendored.directory", f.get("source").get("directory"));
    at.put("Vendored.gitTree", f.get("source").get("gitTree"));
    JsonNode b = recipe(json, "hostile.Gadgets");
    at.put("NodeBundle.pname", b.get("pname"));
    at.put("NodeBundle.attr", b.get("attr"));
    at.put("NodeBundle.version", b.get("version"));
    at.put("NodeBundle.description", b.get("description"));
    at.put("NodeBundle.homepage", b.get("homepage"));
    at.put("Node.directory", b.get("source").get("nodes").get(0).get("directory"));
    at.put("Substitute.node", b.get("substitutions").get(0).get("node"));
    JsonNode wr = recipe(json, "hostile.Wrapped");
    at.put("Wrapper.pname", wr.get("pname"));
    at.put("Wrapper.attr", wr.get("attr"));
    at.put("Wrapper.description", wr.get("description"));
    at.put("Wrapper.wraps", wr.get("source").get("attr"));
    at.put("Wrapper.fix", wr.get("source").get("fix"));
    at.put("Runtime.provides", json.get("runtimeProvides").get(1));
    at.put("ComfyUIRelease.value", json.get("comfyuiRelease"));
    at.put("FloxEnvironment.name",
        JSON.readTree(out.resolve(".flox/env.json").toFile()).get("name"));
    at.forEach((key, node) -> assertEquals(c.v(key), node == null ? null : node.asText(),
        where + "recipes.json's value of " + key));
    assertTrue(strings(json.get("torchBearing")).contains(c.v("TorchBearing.value")),
        where + "recipes.json's torchBearing holds the @TorchBearing name");
    assertTrue(Files.readString(out.resolve(".flox/env/manifest.toml"))
            .contains("\npython.pkg-path = \"" + c.v("FloxEnvironment.python") + "\"\n"),
        where + "the manifest installs the environment's python");
  }

  /**
   * What a shell running {@code installPhase} in a source tree holding one file puts into {@code
   * $out/share/comfyui/custom_nodes/<directory>}.
   */
  private static List<String> installed(String installPhase, String directory) throws IOException {
    Path build = Files.createTempDirectory(tmp, "install");
    Files.writeString(Files.createDirectories(build.resolve("source")).resolve("source-file"), "");
    Path out = build.resolve("out");
    String script = "set -e\nrunHook() { :; }\ncd \"$1\"\nout=\"$2\"\n" + installPhase;
    NixTool.Result sh = NixTool.run(List.of("/bin/sh", "-c", script, "sh",
        build.resolve("source").toString(), out.toString()), Duration.ofSeconds(30));
    assertTrue(sh.ok(), "/bin/sh rejects installPhase:\n" + installPhase + "\n" + sh.describe());
    Path node = out.resolve("share/comfyui/custom_nodes").resolve(directory);
    try (Stream<Path> files = Files.list(node)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * What a shell running {@code installPhase}, in a tree the converter has run in, puts into
   * {@code $out/share/comfyui}: every file, by its path there.
   */
  private static List<String> installedWorkflows(String installPhase) throws IOException {
    Path build = Files.createTempDirectory(tmp, "workflows");
    Path source = Files.createDirectories(build.resolve("source"));
    Files.writeString(Files.createDirectories(source.resolve("SDXL")).resolve("a.json"), "{}");
    Files.writeString(Files.createDirectories(source.resolve("webui-output/SDXL")).resolve("a.json"), "{}");
    Files.writeString(source.resolve("top.json"), "{}");
    Files.writeString(source.resolve("convert.py"), "");
    Path out = build.resolve("out");
    String script = "set -e\nrunHook() { :; }\ncd \"$1\"\nout=\"$2\"\n" + installPhase;
    NixTool.Result sh = NixTool.run(List.of("/bin/sh", "-c", script, "sh", source.toString(),
        out.toString()), Duration.ofSeconds(30));
    assertTrue(sh.ok(), "/bin/sh rejects installPhase:\n" + installPhase + "\n" + sh.describe());
    Path share = out.resolve("share/comfyui");
    try (Stream<Path> files = Files.walk(share)) {
      return files.filter(Files::isRegularFile).map(p -> share.relativize(p).toString()).sorted().toList();
    }
  }

  private static JsonNode recipe(JsonNode json, String recipeClass) {
    for (JsonNode p : json.get("packages")) {
      if (p.get("recipeClass").asText().equals(recipeClass)) {
        return p;
      }
    }
    throw new AssertionError("recipes.json lacks " + recipeClass);
  }

  /** What {@code substituteInPlace} receives when a shell runs {@code postPatch}. */
  private static List<String> shellWords(String postPatch) {
    return wordsPassedTo("substituteInPlace", postPatch);
  }

  /** What {@code python3} receives when a shell runs {@code buildPhase}. */
  private static List<String> converterWords(String buildPhase) {
    return wordsPassedTo("python3", buildPhase);
  }

  /** The words a shell running {@code script} passes to {@code command}. */
  private static List<String> wordsPassedTo(String command, String script) {
    String shim = "set -e\nrunHook() { :; }\n" + command
        + "() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }\n";
    NixTool.Result sh = NixTool.run(List.of("/bin/sh", "-c", shim + script), Duration.ofSeconds(30));
    assertTrue(sh.ok(), "/bin/sh rejects the phase:\n" + script + "\n" + sh.describe());
    List<String> words = new ArrayList<>(Arrays.asList(sh.stdout().split("\0", -1)));
    words.remove(words.size() - 1); // after the last NUL
    return words;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return sorted(out);
  }

  private static List<String> sorted(List<String> values) {
    List<String> out = new ArrayList<>(values);
    out.sort(null);
    return out;
  }
}
