package dev.comfypkgs.processor;

import dev.comfypkgs.processor.model.PackageFiles;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.processor.emit.GeneratedFile;
import dev.comfypkgs.processor.emit.OutputDirectory;
import dev.comfypkgs.processor.testing.DirectorySnapshot;
import dev.comfypkgs.processor.testing.FailingFileOps;
import dev.comfypkgs.processor.testing.Recipes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe edited between two compilations (renamed, deleted, moved to other platforms) leaves no
 * stale file and no stale meta-package member; and a generation of the real recipe set that fails
 * at any write leaves the previous output byte-identical.
 */
class EditCycleTest {
  @TempDir Path tmp;

  private static JavaFileObject pkg(String cls, String attr, String platforms) {
    return JavaFileObjects.forSourceString("edit." + cls, String.join("\n",
        "package edit;",
        "import dev.comfypkgs.annotations.*;",
        "@PythonPackage(pname = \"" + attr + "\", version = \"1.0.0\", description = \"d\", homepage = \"\",",
        "    license = License.MIT)",
        "@PyPI(name = \"" + attr + "\", hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
        platforms.isEmpty() ? "" : "@Platforms(" + platforms + ")",
        "public final class " + cls + " {}"));
  }

  private static JavaFileObject meta(String... members) {
    return JavaFileObjects.forSourceString("edit.All", String.join("\n",
        "package edit;",
        "import dev.comfypkgs.annotations.*;",
        "@MetaPackage(pname = \"all\", version = \"1.0.0\", description = \"d\", members = {"
            + String.join(", ", List.of(members).stream().map(m -> m + ".class").toList()) + "})",
        "@Platforms(Platform.LINUX)",
        "public final class All {}"));
  }

  private Compilation compile(Path out, JavaFileObject... sources) {
    return Recipes.compile(List.of("-Acomfypkgs.out=" + out), sources);
  }

  private static List<String> pkgFiles(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out.resolve(".flox/pkgs"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * The benchmarks read the phases from this note: each is named once, in order, so that the
   * processor's time between rendering and writing (checking the output) is counted too.
   */
  @Test
  void theTimingNoteNamesEveryPhaseInOrder() {
    Path out = tmp.resolve("out");
    Compilation c = Recipes.compile(List.of("-Acomfypkgs.out=" + out, "-Acomfypkgs.timing=true"),
        pkg("A", "alpha", ""), meta("A"));
    assertThat(c).succeeded();
    List<String> timings = c.notes().stream()
        .map(note -> note.getMessage(null))
        .filter(message -> message.startsWith("comfypkgs: timing for "))
        .toList();
    assertEquals(1, timings.size(), timings.toString());
    assertTrue(timings.get(0).matches("comfypkgs: timing for 2 recipes: read \\d+ ms, model \\d+ ms,"
            + " rules \\d+ ms, render \\d+ ms, claim \\d+ ms, class output \\d+ ms, write \\d+ ms\\."),
        timings.get(0));
  }

  @Test
  void renameDeleteAndPlatformChange() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(compile(out, pkg("A", "alpha", ""), pkg("B", "beta", ""), pkg("C", "gamma", ""),
        meta("A", "B", "C"))).succeeded();
    assertEquals(List.of("all.nix", "alpha.nix", "beta.nix", "gamma.nix"), pkgFiles(out));

    // alpha is renamed alpha2, gamma is deleted, beta moves to x86_64-linux only.
    assertThat(compile(out, pkg("A", "alpha2", ""), pkg("B", "beta", "Platform.X86_64_LINUX"),
        meta("A", "B"))).succeeded();
    assertEquals(List.of("all.nix", "alpha2.nix", "beta.nix"), pkgFiles(out));
    String all = Files.readString(out.resolve(".flox/pkgs/all.nix"));
    assertFalse(all.contains("gamma") || all.contains("  alpha,"), all);
    assertTrue(all.contains("  alpha2,"), all);
    assertTrue(all.contains("++ lib.optionals (stdenv.hostPlatform.system == \"x86_64-linux\") [ beta ]"), all);
    String json = Files.readString(out.resolve("recipes.json"));
    assertFalse(json.contains("gamma") || json.contains("\"alpha\""), json);

    // And back: beta everywhere again is no longer conditional.
    assertThat(compile(out, pkg("A", "alpha2", ""), pkg("B", "beta", ""), meta("A", "B"))).succeeded();
    assertFalse(Files.readString(out.resolve(".flox/pkgs/all.nix")).contains("lib.optionals"));
  }

  @Test
  void theRealRecipeSetSurvivesAFailureAtEveryWrite() throws IOException {
    Path out = tmp.resolve("generated-nix");
    Path root = Path.of(System.getProperty("comfypkgs.repoRoot", ".."));
    List<JavaFileObject> sources = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root.resolve("recipes-java/src/main/java"))) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        sources.add(JavaFileObjects.forResource(p.toUri().toURL()));
      }
    }
    assertThat(Recipes.compile(List.of("-Acomfypkgs.out=" + out), sources.toArray(JavaFileObject[]::new)))
        .succeeded();
    Map<String, String> before = DirectorySnapshot.of(out);

    // The next generation: every file different, one recipe gone, one new.
    List<GeneratedFile> next = new ArrayList<>();
    for (Map.Entry<String, String> e : before.entrySet()) {
      if (e.getKey().equals(".flox/pkgs/ffmpy.nix") || e.getKey().equals(OutputDirectory.LOCK_FILE)
          || e.getValue().equals("directory")) {
        continue;
      }
      next.add(new GeneratedFile(e.getKey(), e.getValue().replace("Do not edit", "Still do not edit")));
    }
    next.add(new GeneratedFile(PackageFiles.of("newcomer"), GeneratedFile.NIX_MARKER + " from X.\n{ }: { }\n"));

    int tried = 0;
    for (int failAt = 1; ; failAt++) {
      OutputDirectory.FileOps failing = new FailingFileOps(failAt);
      try {
        new OutputDirectory(out, failing).replace(next);
        break;
      } catch (IOException expected) {
        tried++;
        assertEquals(before, DirectorySnapshot.of(out), "after a failure at operation " + failAt);
      }
    }
    assertTrue(tried > 2 * before.size(), "failures injected at " + tried + " operations");
    Map<String, String> after = DirectorySnapshot.of(out);
    assertFalse(after.containsKey(".flox/pkgs/ffmpy.nix"));
    assertTrue(after.containsKey(".flox/pkgs/newcomer.nix"));
  }

}
