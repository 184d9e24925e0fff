package dev.comfypkgs.processor.nixeval;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.processor.RecipeProcessor;
import dev.comfypkgs.processor.emit.OutputDirectory;
import dev.comfypkgs.processor.testing.NixTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every recipe of {@code recipes-java} with the processor into a temporary
 * {@code generated-nix/}, checks that the committed {@code generated-nix/} is what the recipes
 * generate (drift), and evaluates the output with Nix against the stand-in nixpkgs on all four
 * systems.
 */
class GeneratedRecipesTest {
  static final List<String> SYSTEMS =
      List.of("x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin");

  /** Files the processor writes besides the package files. */
  static final List<String> TOP_FILES =
      List.of("default.nix", "overlay.nix", "recipes.json", ".flox/env.json",
          ".flox/env/manifest.toml", ".flox/.gitignore");

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  static Path out;
  static Path sources;
  static Path committed;
  static JsonNode recipes;
  /** attr → pname, for packages and meta-packages. */
  static Map<String, String> pnameByAttr;
  static JsonNode meta;

  @BeforeAll
  static void compileAllRecipes() throws IOException {
    Path root = NixTool.repoRoot();
    committed = root.resolve("generated-nix");
    out = tmp.resolve("generated-nix");
    sources = tmp.resolve("sources");
    Files.createDirectories(sources);
    // What sources/ holds in the repository: a wrapper's fix is committed, and CPK122 wants it.
    try (Stream<Path> committedSources = Files.walk(root.resolve("sources"))) {
      for (Path file : committedSources.filter(Files::isRegularFile).toList()) {
        Path copy = sources.resolve(root.resolve("sources").relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }

    List<JavaFileObject> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root.resolve("recipes-java/src/main/java"))) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        files.add(JavaFileObjects.forResource(p.toUri().toURL()));
      }
    }
    assertFalse(files.isEmpty(), "no recipe sources found under recipes-java/src/main/java");

    Compilation compilation =
        Compiler.javac()
            .withProcessors(new RecipeProcessor())
            .withOptions("-Acomfypkgs.out=" + out, "-Acomfypkgs.sources=" + sources)
            .compile(files);
    assertThat(compilation).succeeded();

    recipes = JSON.readTree(out.resolve("recipes.json").toFile());
    pnameByAttr = new LinkedHashMap<>();
    for (JsonNode p : recipes.get("packages")) {
      pnameByAttr.put(p.get("attr").asText(), p.get("pname").asText());
    }
    for (JsonNode m : recipes.get("metaPackages")) {
      pnameByAttr.put(m.get("attr").asText(), m.get("pname").asText());
    }
    assertEquals(1, recipes.get("metaPackages").size(), "expected exactly one meta-package");
    meta = recipes.get("metaPackages").get(0);
    assertEquals("comfyui-extras", meta.get("attr").asText());

    // Vendored sources are path literals: Nix copies them to the store when instantiating. A
    // bundle's vendored node is a directory: a dummy one holds an __init__.py.
    for (JsonNode p : recipes.get("packages")) {
      JsonNode source = p.get("source");
      if ("vendored".equals(source.get("kind").asText())) {
        Path dummy = sources.resolve(source.get("file").asText());
        Files.createDirectories(dummy.getParent());
        Files.writeString(dummy, "dummy vendored source for " + p.get("attr").asText() + "\n");
      } else if ("vendored-directory".equals(source.get("kind").asText())) {
        Path dummy = Files.createDirectories(sources.resolve(source.get("directory").asText()));
        Files.writeString(dummy.resolve(p.get("workflowsConverter").asText()),
            "# dummy converter for " + p.get("attr").asText() + "\n");
      }
      if ("nodes".equals(source.get("kind").asText())) {
        for (JsonNode node : source.get("nodes")) {
          if ("vendored".equals(node.get("source").get("kind").asText())) {
            Path dummy = sources.resolve(node.get("source").get("file").asText());
            Files.createDirectories(dummy);
            Files.writeString(dummy.resolve("__init__.py"),
                "dummy vendored node for " + p.get("attr").asText() + "\n");
          }
        }
      }

    }
  }

  // -----------------------------------------------------------------------------------------------
  // Drift: the committed generated-nix/ is what the recipes generate.

  @Test
  void generatedFilesAreByteIdenticalToTheCommittedOnes() throws IOException {
    List<String> generated = relativeFiles(out);
    for (String top : TOP_FILES) {
      assertTrue(generated.contains(top), "the processor did not write " + top + ": " + generated);
    }
    List<String> problems = new ArrayList<>();
    for (String rel : generated) {
      Path mine = out.resolve(rel);
      Path theirs = committed.resolve(rel);
      if (!Files.isRegularFile(theirs)) {
        problems.add("generated-nix/" + rel + " is generated but not committed");
        continue;
      }
      byte[] a = Files.readAllBytes(mine);
      byte[] b = Files.readAllBytes(theirs);
      if (!Arrays.equals(a, b)) {
        problems.add("generated-nix/" + rel + " differs from what the recipes generate: "
            + firstDifference(new String(b, StandardCharsets.UTF_8), new String(a, StandardCharsets.UTF_8)));
      }
    }
    if (!problems.isEmpty()) {
      fail("The committed generated-nix/ is out of date with recipes-java (a recipe changed and"
          + " nobody regenerated). Run `mvn compile` in the repository root and commit"
          + " generated-nix/.\n  " + String.join("\n  ", problems));
    }
  }

  @Test
  void packageDirectoryHoldsTheSameFilesAsTheCommittedOne() throws IOException {
    Set<String> mine = listing(out.resolve(".flox/pkgs"));
    Set<String> theirs = listing(committed.resolve(".flox/pkgs"));
    assertEquals(theirs, mine,
        "generated-nix/.flox/pkgs/ does not hold the files the recipes generate. Run `mvn compile`"
            + " in the repository root and commit generated-nix/ (delete stale files by hand if"
            + " they are not generated).");
    // One file per recipe attr, nothing else.
    Set<String> expected =
        pnameByAttr.keySet().stream().map(a -> a + ".nix").collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, mine, "one .flox/pkgs file per recipe attr in recipes.json");
  }

  // -----------------------------------------------------------------------------------------------
  // Parsing

  @Test
  void everyNixFileParses() throws IOException {
    NixTool.requireNix();
    List<String> nixFiles = relativeFiles(out).stream().filter(f -> f.endsWith(".nix")).toList();
    assertEquals(pnameByAttr.size() + 2, nixFiles.size(),
        "package files plus default.nix and overlay.nix: " + nixFiles);
    List<String> failures = new ArrayList<>();
    for (String rel : nixFiles) {
      NixTool.Result r = NixTool.parse(out.resolve(rel));
      if (!r.ok()) {
        failures.add(rel + ":\n" + r.stderr());
      }
    }
    if (!failures.isEmpty()) {
      fail("nix-instantiate --parse rejects generated files:\n" + String.join("\n", failures));
    }
  }

  /**
   * recipes.json's reservedAttrs covers every argument a package file takes besides its sibling
   * recipes: an attr equal to one of them would hide it (lib, stdenv...), so CPK003 refuses them
   * and {@code comfypkgs new} reads the list. Checked on what Nix sees, not on the Java constants.
   * (default.nix's arguments are no scope: the files are called in nixpkgs' overlaid top level.)
   */
  @Test
  void everyArgumentBesidesTheSiblingsIsAReservedAttr() throws IOException {
    NixTool.requireNix();
    List<String> listed = new ArrayList<>();
    recipes.get("reservedAttrs").forEach(n -> listed.add(n.asText()));
    Set<String> reserved = new TreeSet<>(listed);
    assertEquals(new ArrayList<>(reserved), listed, "reservedAttrs is sorted, without duplicates");
    StringBuilder e = new StringBuilder("{\n");
    for (String rel : relativeFiles(out).stream()
        .filter(f -> f.startsWith(".flox/pkgs/") && f.endsWith(".nix")).toList()) {
      e.append("  ").append(NixTool.str(rel)).append(" = builtins.attrNames (builtins.functionArgs (import ")
          .append(NixTool.path(out.resolve(rel))).append("));\n");
    }
    JsonNode arguments = JSON.readTree(NixTool.evalJson(e.append("}").toString()));
    Set<String> seen = new TreeSet<>();
    arguments.fields().forEachRemaining(f -> f.getValue().forEach(n -> {
      if (!pnameByAttr.containsKey(n.asText())) {
        seen.add(n.asText());
        assertTrue(reserved.contains(n.asText()),
            f.getKey() + " takes '" + n.asText() + "', which reservedAttrs " + reserved + " lacks");
      }
    }));
    assertTrue(seen.containsAll(List.of("lib", "python3", "stdenv", "fetchFromGitHub")),
        "the recipes exercise every kind of argument: " + seen);
  }

  // -----------------------------------------------------------------------------------------------
  // The meta-package's members, per system, through the Flox loader and through default.nix

  @Test
  void metaPackageMembersPerSystemMatchRecipesJson() throws IOException {
    NixTool.requireNix();
    String attr = meta.get("attr").asText();
    String expr =
        "let names = ps: map (d: d.pname) ps." + NixTool.str(attr) + ".dependencies;\n"
            + "in {\n"
            + "  loader = {\n" + perSystem(s -> "names " + NixTool.floxScope(pkgsDir(), s)) + "  };\n"
            + "  default = {\n" + perSystem(s -> "names " + defaultNixScope(s)) + "  };\n"
            + "}";
    JsonNode result = JSON.readTree(NixTool.evalJson(expr));

    // recipes.json itself: members are given for exactly the meta-package's platforms.
    JsonNode bySystem = meta.get("membersBySystem");
    assertEquals(new TreeSet<>(strings(meta.get("platforms"))), new TreeSet<>(fieldNames(bySystem)),
        "recipes.json membersBySystem must list exactly the meta-package's platforms");

    for (String system : SYSTEMS) {
      List<String> viaLoader = strings(result.get("loader").get(system));
      List<String> viaDefault = strings(result.get("default").get(system));
      assertEquals(viaLoader, viaDefault,
          "default.nix and the Flox loader disagree on the members of " + attr + " on " + system);

      if (bySystem.has(system)) {
        List<String> expected = new ArrayList<>();
        for (String name : strings(bySystem.get(system))) {
          // A recipe attr maps to the recipe's pname; a nixpkgs name is a stand-in fake whose
          // pname is its attribute name.
          expected.add(pnameByAttr.getOrDefault(name, name));
        }
        // Order is not meaningful (Nix puts conditional members last); duplicates would be.
        assertEquals(sorted(expected), sorted(viaLoader),
            "pnames of " + attr + ".dependencies on " + system + " (Flox loader) vs recipes.json");
        assertEquals(new TreeSet<>(viaLoader).size(), viaLoader.size(),
            "duplicate members on " + system + ": " + viaLoader);
      }
      assertFalse(viaLoader.contains("comfyui-spandrel"),
          "comfyui-spandrel is built on its own and must never be a member (" + system + "): " + viaLoader);
    }

    // The spec's facts, independent of recipes.json.
    List<String> x86 = strings(result.get("loader").get("x86_64-linux"));
    List<String> arm = strings(result.get("loader").get("aarch64-linux"));
    for (String pname : List.of("comfyui-pixeloe", "comfyui-transparent-background")) {
      assertTrue(x86.contains(pname), pname + " must be a member on x86_64-linux: " + x86);
      assertFalse(arm.contains(pname), pname + " must not be a member on aarch64-linux: " + arm);
    }
    for (JsonNode names : bySystem) {
      assertFalse(strings(names).contains("spandrel"),
          "recipes.json lists spandrel as a member: " + bySystem);
    }
    // A recipe sibling shadows the nixpkgs package of the same name ("timm").
    assertTrue(x86.contains("comfyui-timm") && !x86.contains("timm"),
        "the timm member must be the recipe (comfyui-timm), not nixpkgs' timm: " + x86);
  }

  /**
   * The real repository's facts (issue 12), independent of recipes.json: the video nodes' later
   * rebuilds and nixpkgs names are members on both Linux systems, while thop and sam2, which only
   * the Impact Subpack needs, never are.
   */
  @Test
  void metaPackageHoldsTheVideoNodesNeedsButNotTheSubpacksOwn() throws IOException {
    NixTool.requireNix();
    String expr = "let names = ps: map (d: d.pname) ps." + NixTool.str(meta.get("attr").asText())
        + ".dependencies;\nin {\n"
        + perSystem(s -> "names " + NixTool.floxScope(pkgsDir(), s)) + "}";
    JsonNode result = JSON.readTree(NixTool.evalJson(expr));
    for (String system : List.of("x86_64-linux", "aarch64-linux")) {
      List<String> members = strings(result.get(system));
      for (String pname : List.of("comfyui-peft", "comfyui-facexlib", "pyloudnorm",
          "imageio-ffmpeg", "gguf", "onnx")) {
        assertTrue(members.contains(pname),
            pname + " must be a member on " + system + ": " + members);
      }
      for (String pname : List.of("comfyui-thop", "comfyui-sam2")) {
        assertFalse(members.contains(pname), pname + " comes only with the Impact Subpack,"
            + " not as a member (" + system + "): " + members);
      }
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Instantiation (drvPath) per system

  @Test
  void drvPathInstantiatesExactlyWherePlatformsAllow() throws IOException {
    NixTool.requireNix();
    String expr =
        "let check = ps: builtins.mapAttrs (n: p: (builtins.tryEval p.drvPath).success) ps;\n"
            + "in {\n" + perSystem(s -> "check " + NixTool.floxScope(pkgsDir(), s)) + "}";
    JsonNode result = JSON.readTree(NixTool.evalJson(expr));

    Map<String, List<String>> platforms = new LinkedHashMap<>();
    for (JsonNode p : recipes.get("packages")) {
      platforms.put(p.get("attr").asText(), strings(p.get("platforms")));
    }
    platforms.put(meta.get("attr").asText(), strings(meta.get("platforms")));

    List<String> wrong = new ArrayList<>();
    for (String system : SYSTEMS) {
      JsonNode ok = result.get(system);
      assertEquals(new TreeSet<>(platforms.keySet()), new TreeSet<>(fieldNames(ok)),
          "the Flox loader's attributes on " + system + " vs recipes.json attrs");
      platforms.forEach(
          (attr, on) -> {
            boolean expected = on.contains(system);
            boolean actual = ok.get(attr).asBoolean();
            if (expected != actual) {
              wrong.add(attr + " on " + system + ": drvPath "
                  + (actual ? "instantiates" : "throws") + " but its platforms are " + on);
            }
          });
    }
    assertTrue(wrong.isEmpty(), "drvPath vs meta.platforms:\n  " + String.join("\n  ", wrong));

    // The spec's facts, independent of recipes.json.
    for (String system : List.of("x86_64-linux", "aarch64-linux")) {
      assertTrue(result.get(system).get("comfyui-extras").asBoolean(),
          "comfyui-extras must instantiate on " + system);
      assertTrue(result.get(system).get("spandrel").asBoolean(), "spandrel on " + system);
    }
    for (String system : SYSTEMS) {
      assertTrue(result.get(system).get("colour-science").asBoolean(),
          "colour-science runs everywhere; its drvPath must instantiate on " + system);
    }
    for (String system : List.of("x86_64-darwin", "aarch64-darwin")) {
      assertFalse(result.get(system).get("comfyui-extras").asBoolean(),
          "comfyui-extras is Linux-only; its drvPath must throw on " + system);
    }
    assertTrue(result.get("aarch64-darwin").get("comfyui-transparent-background").asBoolean(),
        "comfyui-transparent-background must instantiate on aarch64-darwin");
    assertFalse(result.get("aarch64-linux").get("comfyui-transparent-background").asBoolean(),
        "comfyui-transparent-background must not instantiate on aarch64-linux");
  }

  @Test
  void unavailablePackagesThrowNotAvailable() {
    NixTool.requireNix();
    record Case(String attr, String system) {}
    for (Case c :
        List.of(
            new Case("comfyui-extras", "x86_64-darwin"),
            new Case("comfyui-extras", "aarch64-darwin"),
            new Case("comfyui-transparent-background", "aarch64-linux"))) {
      NixTool.Result r =
          NixTool.evalJsonResult(
              NixTool.floxScope(pkgsDir(), c.system()) + "." + NixTool.str(c.attr()) + ".drvPath");
      assertFalse(r.ok(), c.attr() + ".drvPath must throw on " + c.system() + "\n" + r.describe());
      assertTrue(r.stderr().contains("not available"),
          c.attr() + ".drvPath on " + c.system() + " must fail with 'not available'\n" + r.describe());
    }
  }

  @Test
  void metaPackageInstantiatesOnLinux() {
    NixTool.requireNix();
    String attr = NixTool.str(meta.get("attr").asText());
    NixTool.Result r =
        NixTool.instantiate(
            "[ " + NixTool.floxScope(pkgsDir(), "x86_64-linux") + "." + attr + " "
                + NixTool.defaultNix(out, "aarch64-linux") + "." + attr + " ]")
            .orFail("nix-instantiate comfyui-extras (x86_64-linux via loader, aarch64-linux via default.nix)");
    List<String> drvs = r.stdout().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(2, drvs.size(), r.describe());
    for (String drv : drvs) {
      assertTrue(drv.startsWith("/nix/store/") && drv.endsWith("-python3.13-comfyui-extras-"
          + meta.get("version").asText() + ".drv"), "unexpected derivation " + drv);
    }
    assertFalse(drvs.get(0).equals(drvs.get(1)), "the two systems must give different derivations");
  }

  // -----------------------------------------------------------------------------------------------
  // String attributes round-trip from recipes.json through Nix

  @Test
  void stringAttributesRoundTrip() throws IOException {
    NixTool.requireNix();
    // A wrapper's version is the wrapped nixpkgs package's.
    StringBuilder wrapped = new StringBuilder();
    for (JsonNode p : recipes.get("packages")) {
      if (p.get("source").get("kind").asText().equals("wraps")) {
        wrapped.append(' ').append(NixTool.str(p.get("source").get("attr").asText()));
      }
    }
    String expr =
        "let ps = " + NixTool.floxScope(pkgsDir(), "x86_64-linux") + ";\n"
            + "  keys = [ \"owner\" \"repo\" \"tag\" \"rev\" \"hash\" \"pname\" \"version\" ];\n"
            + "  s = p: let src = p.src or null; in\n"
            + "    if builtins.isAttrs src\n"
            + "    then builtins.listToAttrs (map (k: { name = k; value = src.${k} or null; }) keys)\n"
            + "    else null;\n"
            + "in {\n"
            + "  fakeHash = " + NixTool.standinPkgs("x86_64-linux") + ".lib.fakeHash;\n"
            + "  wrappedVersions = builtins.listToAttrs (map (a: { name = a;"
            + " value = " + NixTool.standinPkgs("x86_64-linux") + ".python3.pkgs.${a}.version; }) ["
            + wrapped + " ]);\n"
            + "  packages = builtins.mapAttrs (n: p: {\n"
            + "    inherit (p) pname version;\n"
            // A custom node without dependencies is a stdenv.mkDerivation: neither is set.
            + "    pythonRemoveDeps = p.pythonRemoveDeps or [ ];\n"
            + "    sourceRoot = p.sourceRoot or null;\n"
            + "    description = p.meta.description;\n"
            + "    homepage = p.meta.homepage or null;\n"
            + "    src = s p;\n"
            + "    srcType = builtins.typeOf (p.src or null);\n"
            // A node bundle's sources: fetchFromGitHub values or paths, by position.
            + "    nodeDirectories = p.nodeDirectories or null;\n"
            + "    nodeSources = map (n: if builtins.isAttrs n then s { src = n; } else builtins.typeOf n)\n"
            + "      (p.nodeSources or [ ]);\n"
            + "  }) ps;\n"
            + "}";
    JsonNode result = JSON.readTree(NixTool.evalJson(expr));
    String fakeHash = result.get("fakeHash").asText();
    JsonNode evaluated = result.get("packages");

    List<String> wrong = new ArrayList<>();
    for (JsonNode p : recipes.get("packages")) {
      String attr = p.get("attr").asText();
      JsonNode e = evaluated.get(attr);
      if (e == null) {
        wrong.add(attr + ": not in the Flox scope");
        continue;
      }
      same(wrong, attr, "pname", p.get("pname").asText(), e.get("pname"));
      same(wrong, attr, "version", p.get("source").get("kind").asText().equals("wraps")
              ? result.get("wrappedVersions").get(p.get("source").get("attr").asText()).asText()
              : p.get("version").asText(),
          e.get("version"));
      same(wrong, attr, "meta.description", p.get("description").asText(), e.get("description"));
      same(wrong, attr, "meta.homepage", orNull(p.get("homepage").asText()), e.get("homepage"));
      List<String> removals = new ArrayList<>();
      p.get("removals").forEach(r -> removals.add(r.get("name").asText()));
      if (!removals.equals(strings(e.get("pythonRemoveDeps")))) {
        wrong.add(attr + ": pythonRemoveDeps " + e.get("pythonRemoveDeps") + " != " + removals);
      }
      JsonNode source = p.get("source");
      JsonNode src = e.get("src");
      switch (source.get("kind").asText()) {
        case "github" -> {
          if (src == null || !src.isObject()) {
            wrong.add(attr + ": src is not a fetchFromGitHub value: " + src);
            break;
          }
          for (String key : List.of("owner", "repo", "tag", "rev")) {
            same(wrong, attr, "src." + key, orNull(source.get(key).asText()), src.get(key));
          }
          String hash = source.get("hash").asText();
          same(wrong, attr, "src.hash", hash.isEmpty() ? fakeHash : hash, src.get("hash"));
          String root = source.get("sourceRoot").asText();
          same(wrong, attr, "sourceRoot", root.isEmpty() ? null : "source/" + root, e.get("sourceRoot"));
        }
        case "pypi" -> {
          if (src == null || !src.isObject()) {
            wrong.add(attr + ": src is not a fetchPypi value: " + src);
            break;
          }
          same(wrong, attr, "src.pname", source.get("name").asText(), src.get("pname"));
          String v = source.get("version").asText();
          same(wrong, attr, "src.version", v.isEmpty() ? p.get("version").asText() : v, src.get("version"));
          String hash = source.get("hash").asText();
          same(wrong, attr, "src.hash", hash.isEmpty() ? fakeHash : hash, src.get("hash"));
        }
        case "vendored", "vendored-directory" ->
            same(wrong, attr, "the type of src", "path", e.get("srcType"));
        case "wraps" -> same(wrong, attr, "src", null, e.get("src"));
        case "nodes" -> {
          List<String> directories = new ArrayList<>();
          source.get("nodes").forEach(n -> directories.add(n.get("directory").asText()));
          same(wrong, attr, "nodeDirectories", JSON.valueToTree(directories).toString(),
              e.get("nodeDirectories"));
          for (int i = 0; i < source.get("nodes").size(); i++) {
            JsonNode node = source.get("nodes").get(i).get("source");
            JsonNode evaluatedNode = e.get("nodeSources").get(i);
            if ("vendored".equals(node.get("kind").asText())) {
              same(wrong, attr, "the type of node source " + i, "path", evaluatedNode);
              continue;
            }
            for (String key : List.of("owner", "repo", "tag", "rev")) {
              same(wrong, attr, "nodeSources[" + i + "]." + key, orNull(node.get(key).asText()),
                  evaluatedNode == null ? null : evaluatedNode.get(key));
            }
            same(wrong, attr, "nodeSources[" + i + "].hash", node.get("hash").asText(),
                evaluatedNode == null ? null : evaluatedNode.get("hash"));
          }
        }
        default -> wrong.add(attr + ": unknown source kind " + source);
      }
    }
    for (JsonNode m : recipes.get("metaPackages")) {
      String attr = m.get("attr").asText();
      JsonNode e = evaluated.get(attr);
      same(wrong, attr, "pname", m.get("pname").asText(), e.get("pname"));
      same(wrong, attr, "version", m.get("version").asText(), e.get("version"));
      same(wrong, attr, "meta.description", m.get("description").asText(), e.get("description"));
      same(wrong, attr, "meta.homepage", orNull(m.get("homepage").asText()), e.get("homepage"));
    }
    assertTrue(wrong.isEmpty(), "Nix values differ from recipes.json:\n  " + String.join("\n  ", wrong));
  }

  // -----------------------------------------------------------------------------------------------
  // Helpers

  static Path pkgsDir() {
    return out.resolve(".flox/pkgs");
  }

  static String defaultNixScope(String system) {
    return NixTool.defaultNix(out, system);
  }

  /** {@code "system" = f system;} lines for the four systems. */
  static String perSystem(java.util.function.Function<String, String> f) {
    StringBuilder b = new StringBuilder();
    for (String s : SYSTEMS) {
      b.append("    ").append(NixTool.str(s)).append(" = ").append(f.apply(s)).append(";\n");
    }
    return b.toString();
  }

  static void same(List<String> wrong, String attr, String what, String expected, JsonNode actual) {
    String got = actual == null || actual.isNull() ? null : actual.isTextual() ? actual.asText() : actual.toString();
    if (!java.util.Objects.equals(expected, got)) {
      wrong.add(attr + ": " + what + " evaluates to " + (actual == null ? "(missing)" : actual)
          + ", recipes.json has " + (expected == null ? "none" : JSON.valueToTree(expected)));
    }
  }

  static List<String> sorted(List<String> list) {
    return list.stream().sorted().toList();
  }

  static String orNull(String s) {
    return s.isEmpty() ? null : s;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The files a generation left in {@code dir}; its lock file is no generated file. */
  static List<String> relativeFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .filter(rel -> !rel.equals(OutputDirectory.LOCK_FILE))
          .sorted()
          .toList();
    }
  }

  static Set<String> listing(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** Where two texts first differ, as line number and both lines. */
  static String firstDifference(String committedText, String generatedText) {
    List<String> a = committedText.lines().toList();
    List<String> b = generatedText.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "(end of file)";
      String y = i < b.size() ? b.get(i) : "(end of file)";
      if (!x.equals(y)) {
        return "line " + (i + 1) + "\n      committed: " + x + "\n      generated: " + y;
      }
    }
    return "line endings or the final newline differ";
  }
}
