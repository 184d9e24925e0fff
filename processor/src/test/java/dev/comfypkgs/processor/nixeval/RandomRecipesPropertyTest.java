package dev.comfypkgs.processor.nixeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.processor.RecipeProcessor;
import dev.comfypkgs.processor.testing.NixTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random recipe sets, nobody's hand-written ones: each either fails to compile with rule
 * diagnostics only, or generates files that Nix parses and evaluates, under the stand-in nixpkgs
 * loaded as Flox loads them, on all four systems, to exactly the Java values. The seed is fixed
 * and printed with every failure; {@code -Dcomfypkgs.propertySeed} and
 * {@code -Dcomfypkgs.propertySets} change it and the number of sets.
 */
class RandomRecipesPropertyTest {
  private static final long SEED = Long.getLong("comfypkgs.propertySeed", 20261126L);
  private static final int SETS = Integer.getInteger("comfypkgs.propertySets", 300);
  private static final List<String> SYSTEMS =
      List.of("x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin");
  private static final String[] CLEAN = {
    "numpy", "pillow", "scipy", "opencv4", "pyyaml", "requests", "tqdm", "psutil", "einops",
    "rich", "click", "filetype", "pooch", "huggingface-hub", "safetensors", "regex"
  };
  private static final String FAKE_HASH = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** The platforms a recipe may name, and the systems each stands for. */
  enum P {
    X86_64_LINUX("x86_64-linux"), AARCH64_LINUX("aarch64-linux"), X86_64_DARWIN("x86_64-darwin"),
    AARCH64_DARWIN("aarch64-darwin"), LINUX("x86_64-linux", "aarch64-linux"),
    DARWIN("x86_64-darwin", "aarch64-darwin"),
    UNIX("x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin");

    final List<String> systems;

    P(String... systems) {
      this.systems = List.of(systems);
    }
  }

  /** One random package recipe, kept as the values the Nix must evaluate to. */
  static final class Pkg {
    int index;
    String cls;
    String pname;
    String version;
    String description;
    String homepage;
    String tag;
    String rev;
    String hash;
    List<String> bundles = new ArrayList<>();
    List<Integer> requires = new ArrayList<>();
    List<String> removes = new ArrayList<>();
    List<P> platforms = new ArrayList<>();
    boolean torchAgnostic;

    Set<String> systems() {
      Set<String> out = new TreeSet<>();
      (platforms.isEmpty() ? List.of(P.UNIX) : platforms).forEach(p -> out.addAll(p.systems));
      return out;
    }

    String attr() {
      return "r" + index;
    }
  }

  static final class Meta {
    List<Integer> members = new ArrayList<>();
    List<P> platforms = new ArrayList<>();

    Set<String> systems() {
      Set<String> out = new TreeSet<>();
      (platforms.isEmpty() ? List.of(P.UNIX) : platforms).forEach(p -> out.addAll(p.systems));
      return out;
    }
  }

  // Random values

  private static String text(Random r) {
    String[] alphabet = {"a", "b", "Z", "0", " ", "\"", "\\", "$", "{", "}", "${", "''", "'", "\n", "\t",
        "é", "漢", "\uD83D\uDE00", "#", ";", "*/", "-", ".", "\\u0041"};
    StringBuilder out = new StringBuilder();
    int n = r.nextInt(14);
    for (int i = 0; i < n; i++) {
      out.append(alphabet[r.nextInt(alphabet.length)]);
    }
    if (r.nextInt(80) == 0) {
      out.append('\0'); // Nix strings cannot hold it: CPK005
    }
    return out.toString();
  }

  private static String hash(Random r) {
    int roll = r.nextInt(30);
    if (roll == 0) {
      return "";
    }
    if (roll == 1) {
      return "sha256:not-sri";
    }
    byte[] b = new byte[32];
    r.nextBytes(b);
    return "sha256-" + Base64.getEncoder().encodeToString(b);
  }

  private static List<P> platforms(Random r) {
    List<P> out = new ArrayList<>();
    if (r.nextBoolean()) {
      return out;
    }
    int n = 1 + r.nextInt(2);
    for (int i = 0; i < n; i++) {
      P p = P.values()[r.nextInt(P.values().length)];
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  static List<Pkg> packages(Random r) {
    List<Pkg> out = new ArrayList<>();
    int n = 1 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      Pkg p = new Pkg();
      p.index = i;
      p.cls = "R" + i;
      p.torchAgnostic = r.nextBoolean();
      p.pname = (p.torchAgnostic || r.nextBoolean() ? "comfyui-" : "") + "pkg" + i
          + (r.nextInt(40) == 0 ? " bad" : "");
      p.version = "1." + r.nextInt(30) + "." + r.nextInt(5);
      p.description = text(r);
      p.homepage = r.nextInt(4) == 0 ? "" : "https://example.org/" + text(r).replace("\0", "");
      if (r.nextInt(4) == 0) {
        byte[] commit = new byte[20];
        r.nextBytes(commit);
        p.rev = java.util.HexFormat.of().formatHex(commit);
        p.version = "1.0-unstable-2025-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10);
      } else {
        p.tag = (r.nextBoolean() ? "v" : "") + p.version + (r.nextInt(40) == 0 ? ".post1" : "");
      }
      p.hash = hash(r);
      int bundles = r.nextInt(4);
      for (int k = 0; k < bundles; k++) {
        String b = CLEAN[r.nextInt(CLEAN.length)];
        if (!p.bundles.contains(b)) {
          p.bundles.add(b);
        }
      }
      if (r.nextInt(30) == 0) {
        p.bundles.add("timm"); // carries torch: CPK101
      }
      for (int j = 0; j < i; j++) {
        if (r.nextInt(3) == 0) {
          p.requires.add(j);
        }
      }
      if (p.torchAgnostic) {
        p.removes.add("torch");
        if (r.nextBoolean()) {
          p.removes.add(r.nextBoolean() ? "torchvision" : "TorchVision"); // one name to PEP 503
        }
        for (int j : p.requires) {
          if (r.nextBoolean()) {
            p.removes.add("lib-" + j);
          }
        }
        if (r.nextInt(30) == 0) {
          p.removes.add("nobody-provides-this"); // CPK102
        }
      }
      p.platforms = platforms(r);
      if (!p.requires.isEmpty() && r.nextInt(4) > 0) {
        // Mostly stay within what the required recipes support (else CPK105 rejects the set).
        Set<String> common = new TreeSet<>(List.of("x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin"));
        p.requires.forEach(j -> common.retainAll(out.get(j).systems()));
        List<P> fitting = new ArrayList<>();
        for (P candidate : P.values()) {
          if (common.containsAll(candidate.systems)) {
            fitting.add(candidate);
          }
        }
        if (!fitting.isEmpty()) {
          p.platforms = new ArrayList<>(List.of(fitting.get(r.nextInt(fitting.size()))));
        }
      }
      out.add(p);
    }
    return out;
  }

  static Meta meta(Random r, int packages) {
    if (r.nextBoolean()) {
      return null;
    }
    Meta m = new Meta();
    for (int i = 0; i < packages; i++) {
      if (r.nextInt(3) > 0) {
        m.members.add(i);
      }
    }
    m.platforms = platforms(r);
    return m;
  }

  // Java sources

  static String java(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\0' -> out.append("\\0");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String list(List<String> values) {
    return "{" + String.join(", ", values.stream().map(RandomRecipesPropertyTest::java).toList()) + "}";
  }

  private static String platformsAnnotation(List<P> platforms) {
    return platforms.isEmpty() ? "" : "@Platforms({" + String.join(", ",
        platforms.stream().map(p -> "Platform." + p.name()).toList()) + "})\n";
  }

  static List<JavaFileObject> sources(List<Pkg> pkgs, Meta meta) {
    List<JavaFileObject> out = new ArrayList<>();
    String head = "package prop;\n\nimport dev.comfypkgs.annotations.*;\nimport dev.comfypkgs.annotations.Runtime;\n\n";
    out.add(JavaFileObjects.forSourceString("prop.TheRuntime",
        head + "@Runtime(provides = {\"torch\", \"torchvision\", \"kornia\"})\npublic final class TheRuntime {}\n"));
    for (Pkg p : pkgs) {
      StringBuilder s = new StringBuilder(head);
      s.append("@PythonPackage(\n    pname = ").append(java(p.pname)).append(",\n    attr = \"").append(p.attr())
          .append("\",\n    version = ").append(java(p.version)).append(",\n    description = ")
          .append(java(p.description)).append(",\n    homepage = ").append(java(p.homepage))
          .append(",\n    license = License.MIT)\n");
      s.append("@GitHub(owner = \"prop\", repo = \"r").append(p.index).append('"')
          .append(p.tag != null ? ", tag = " + java(p.tag) : ", rev = " + java(p.rev))
          .append(", hash = ").append(java(p.hash)).append(")\n");
      s.append("@BuildSystem(\"setuptools\")\n");
      if (!p.bundles.isEmpty()) {
        s.append("@Bundle(").append(list(p.bundles)).append(")\n");
      }
      if (!p.requires.isEmpty()) {
        s.append("@Requires({").append(String.join(", ", p.requires.stream().map(j -> "R" + j + ".class").toList()))
            .append("})\n");
      }
      if (p.torchAgnostic) {
        s.append("@TorchAgnostic(remove = ").append(list(p.removes)).append(")\n");
      }
      s.append("@Replaces(\"lib-").append(p.index).append("\")\n");
      s.append(platformsAnnotation(p.platforms));
      s.append("public final class ").append(p.cls).append(" {}\n");
      out.add(JavaFileObjects.forSourceString("prop." + p.cls, s.toString()));
    }
    if (meta != null) {
      out.add(JavaFileObjects.forSourceString("prop.Meta", head
          + "@MetaPackage(pname = \"meta\", version = \"1.0.0\", description = \"all\",\n    members = {"
          + String.join(", ", meta.members.stream().map(j -> "R" + j + ".class").toList())
          + "},\n    nixpkgs = {\"rich\"})\n" + platformsAnnotation(meta.platforms) + "public final class Meta {}\n"));
    }
    return out;
  }

  // The property

  @Test
  void everyCompilingSetYieldsNixThatEvaluatesToTheJavaValues() throws IOException {
    NixTool.requireNix();
    Random master = new Random(SEED);
    int generated = 0;
    int rejected = 0;
    java.util.Map<String, Integer> byRule = new java.util.TreeMap<>();
    for (int k = 0; k < SETS; k++) {
      long seed = master.nextLong();
      Random r = new Random(seed);
      List<Pkg> pkgs = packages(r);
      Meta meta = meta(r, pkgs.size());
      Path out = tmp.resolve("set-" + k);
      Compilation c = Compiler.javac().withProcessors(new RecipeProcessor())
          .withOptions("-Acomfypkgs.out=" + out).compile(sources(pkgs, meta));
      String where = "set " + k + " (property seed " + SEED + ", set seed " + seed + ")";
      if (c.status() == Compilation.Status.FAILURE) {
        for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
          String message = d.getMessage(null);
          if (message.startsWith("[CPK")) {
            byRule.merge(message.substring(1, 7), 1, Integer::sum);
          }
          if (!message.startsWith("[CPK")) {
            fail(where + ": an error that is not a rule's diagnostic: " + message + "\n" + sources(pkgs, meta)
                .stream().map(f -> { try { return f.getCharContent(true).toString(); } catch (IOException e) { return ""; } })
                .reduce("", String::concat));
          }
        }
        assertTrue(!Files.exists(out.resolve(".flox")), where + ": a failed set wrote files");
        rejected++;
        continue;
      }
      check(where, pkgs, meta, out);
      generated++;
    }
    System.err.println("property: " + SETS + " random sets (seed " + SEED + "): " + generated
        + " generated and verified in Nix on four systems, " + rejected + " rejected by rules "
        + byRule);
    assertTrue(generated >= SETS / 5, "too few sets compiled (" + generated + "): the generator is off");
    assertTrue(rejected >= SETS / 20, "too few sets were rejected (" + rejected + "): the generator is off");
  }

  private void check(String where, List<Pkg> pkgs, Meta meta, Path out) throws IOException {
    StringBuilder e = new StringBuilder("{\n");
    for (String system : SYSTEMS) {
      e.append("  ").append(NixTool.str(system)).append(" = let s = ")
          .append(NixTool.floxScope(out.resolve(".flox/pkgs"), system)).append("; in {\n");
      for (Pkg p : pkgs) {
        String a = "s." + p.attr();
        e.append("    ").append(p.attr()).append(" = { pname = ").append(a).append(".pname; version = ")
            .append(a).append(".version; description = ").append(a).append(".meta.description; homepage = ")
            .append(a).append(".meta.homepage or null; owner = ").append(a).append(".src.owner; tag = ")
            .append(a).append(".src.tag; rev = ").append(a).append(".src.rev; hash = ").append(a)
            .append(".src.hash; remove = ").append(a).append(".pythonRemoveDeps; deps = map (d: d.pname) ")
            .append(a).append(".dependencies; ok = (builtins.tryEval ").append(a).append(".drvPath).success; };\n");
      }
      if (meta != null) {
        e.append("    meta = { ok = (builtins.tryEval s.meta.drvPath).success; members = map (d: d.pname) s.meta.dependencies; };\n");
      }
      e.append("  };\n");
    }
    e.append("  defaultAttrs = builtins.attrNames ").append(NixTool.defaultNix(out, "x86_64-linux"))
        .append(";\n}\n");
    NixTool.Result result = NixTool.evalJsonResult(e.toString());
    if (!result.ok()) {
      fail(where + ": the generated files do not evaluate:\n" + result.stderr());
    }
    JsonNode json = JSON.readTree(result.stdout());
    for (String system : SYSTEMS) {
      JsonNode bySystem = json.get(system);
      for (Pkg p : pkgs) {
        JsonNode v = bySystem.get(p.attr());
        String at = where + ", " + p.attr() + " on " + system;
        assertEquals(p.pname, v.get("pname").asText(), at);
        assertEquals(p.version, v.get("version").asText(), at);
        assertEquals(p.description, v.get("description").asText(), at);
        assertEquals(p.homepage.isEmpty() ? null : p.homepage,
            v.get("homepage").isNull() ? null : v.get("homepage").asText(), at);
        assertEquals("prop", v.get("owner").asText(), at);
        assertEquals(p.tag, v.get("tag").isNull() ? null : v.get("tag").asText(), at);
        assertEquals(p.rev, v.get("rev").isNull() ? null : v.get("rev").asText(), at);
        assertEquals(p.hash.isEmpty() ? FAKE_HASH : p.hash, v.get("hash").asText(), at);
        List<String> removes = new ArrayList<>();
        v.get("remove").forEach(n -> removes.add(n.asText()));
        assertEquals(p.removes, removes, at);
        Set<String> deps = new LinkedHashSet<>();
        v.get("deps").forEach(n -> deps.add(n.asText()));
        Set<String> expected = new LinkedHashSet<>();
        p.bundles.forEach(expected::add);
        p.requires.forEach(j -> expected.add(pkgs.get(j).pname));
        assertEquals(new TreeSet<>(expected), new TreeSet<>(deps), at);
        assertEquals(p.systems().contains(system), v.get("ok").asBoolean(), at + ": evaluates where its platforms say");
      }
      if (meta != null) {
        JsonNode v = bySystem.get("meta");
        String at = where + ", meta on " + system;
        assertEquals(meta.systems().contains(system), v.get("ok").asBoolean(), at);
        Set<String> members = new TreeSet<>();
        v.get("members").forEach(n -> members.add(n.asText()));
        Set<String> expected = new TreeSet<>(Set.of("rich"));
        if (meta.systems().contains(system)) {
          for (int j : meta.members) {
            if (pkgs.get(j).systems().contains(system)) {
              expected.add(pkgs.get(j).pname);
            }
          }
          assertEquals(expected, members, at + ": members are the ones whose platforms allow them");
        }
      }
    }
    Set<String> attrs = new TreeSet<>();
    json.get("defaultAttrs").forEach(n -> attrs.add(n.asText()));
    Set<String> expectedAttrs = new TreeSet<>();
    pkgs.forEach(p -> expectedAttrs.add(p.attr()));
    if (meta != null) {
      expectedAttrs.add("meta");
    }
    assertEquals(expectedAttrs, attrs, where + ": default.nix");
  }

}
