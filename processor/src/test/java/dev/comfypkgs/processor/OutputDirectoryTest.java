package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.processor.emit.GeneratedFile;
import dev.comfypkgs.processor.emit.OutputDirectory;
import dev.comfypkgs.processor.testing.DirectorySnapshot;
import dev.comfypkgs.processor.testing.FailingFileOps;
import dev.comfypkgs.processor.testing.GoldenFixtures;
import dev.comfypkgs.processor.testing.Recipes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What reaches the output directory: deterministic, clean, and nothing at all on failure. */
class OutputDirectoryTest {
  @TempDir Path tmp;

  private static List<JavaFileObject> fixtures() {
    return GoldenFixtures.allBut();
  }

  private static Compilation compileInto(Path out, List<JavaFileObject> sources) {
    return Recipes.compile(List.of("-Acomfypkgs.out=" + out), sources.toArray(JavaFileObject[]::new));
  }

  @Test
  void identicalWhateverTheOrderOfTheRecipes() throws IOException {
    List<JavaFileObject> forward = fixtures();
    List<JavaFileObject> backward = new ArrayList<>(forward);
    Collections.reverse(backward);
    List<JavaFileObject> shuffled = new ArrayList<>(forward);
    Collections.shuffle(shuffled, new java.util.Random(7));

    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    assertThat(compileInto(a, forward)).succeeded();
    assertThat(compileInto(b, backward)).succeeded();
    assertThat(compileInto(c, shuffled)).succeeded();
    Map<String, String> first = DirectorySnapshot.of(a);
    assertEquals(
        List.of(".comfypkgs.lock", ".flox", ".flox/.gitignore", ".flox/env", ".flox/env.json",
            ".flox/env/manifest.toml", ".flox/pkgs", ".flox/pkgs/color-matcher.nix",
            ".flox/pkgs/comfyui-detector.nix", ".flox/pkgs/comfyui-extras.nix",
            ".flox/pkgs/timm.nix", ".flox/pkgs/tiny.nix", "default.nix", "overlay.nix",
            "recipes.json"),
        List.copyOf(first.keySet()));
    assertEquals(first, DirectorySnapshot.of(b));
    assertEquals(first, DirectorySnapshot.of(c));
  }

  @Test
  void floxsGitignoreIsWrittenAsFloxWritesIt() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(compileInto(out, fixtures())).succeeded();
    // flox/flox cli/flox-rust-sdk/src/models/environment/mod.rs, create_dot_flox_gitignore.
    assertEquals("run/\ncache/\nlib/\nlog/\n!env/\n", Files.readString(out.resolve(".flox/.gitignore")));
  }

  @Test
  void aSecondRunChangesNothing() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(compileInto(out, fixtures())).succeeded();
    Map<String, String> before = DirectorySnapshot.of(out);
    Compilation again = compileInto(out, fixtures());
    assertThat(again).succeeded();
    assertThat(again).hadNoteContaining("0 written, 11 unchanged, 0 deleted");
    assertEquals(before, DirectorySnapshot.of(out));
  }

  @Test
  void removedRecipeLeavesNoStaleFileAndHandWrittenFilesStay() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(compileInto(out, fixtures())).succeeded();
    Path pkgs = out.resolve(".flox/pkgs");
    Files.writeString(pkgs.resolve("hand-written.nix"), "{ }: { }\n");
    Files.writeString(pkgs.resolve("notes.txt"), "not nix\n");

    // Tiny is gone (and so from the meta-package's members).
    List<JavaFileObject> fewer = GoldenFixtures.allBut("Tiny", "Extras");
    fewer.add(GoldenFixtures.extrasWithMembers("Timm", "Detector", "Matcher"));
    Compilation c = compileInto(out, fewer);
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("1 deleted [.flox/pkgs/tiny.nix]");

    assertFalse(Files.exists(pkgs.resolve("tiny.nix")));
    assertTrue(Files.exists(pkgs.resolve("timm.nix")));
    assertEquals("{ }: { }\n", Files.readString(pkgs.resolve("hand-written.nix")));
    assertEquals("not nix\n", Files.readString(pkgs.resolve("notes.txt")));
    String extras = Files.readString(pkgs.resolve("comfyui-extras.nix"));
    assertFalse(extras.contains("tiny"), extras);
    try (Stream<Path> left = Files.list(out)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".comfypkgs-")),
          "staging directories are cleaned up");
    }
  }

  @Test
  void aRecipeErrorLeavesThePreviousOutputUntouched() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(compileInto(out, fixtures())).succeeded();
    Map<String, String> before = DirectorySnapshot.of(out);

    List<JavaFileObject> broken = fixtures();
    broken.add(Recipes.recipe("Broken",
        "@PythonPackage(pname = \"broken\", version = \"1\", description = \"d\", homepage = \"\",",
        "    license = License.MIT)"));
    Compilation c = compileInto(out, broken);
    assertThat(c).failed();
    assertThat(c).hadNoteContaining("recipes have errors, so no Nix was generated");
    assertEquals(before, DirectorySnapshot.of(out));
  }

  @Test
  void aJavaErrorElsewhereLeavesThePreviousOutputUntouched() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(compileInto(out, fixtures())).succeeded();
    Map<String, String> before = DirectorySnapshot.of(out);
    List<JavaFileObject> withTypo = fixtures();
    withTypo.add(JavaFileObjects.forSourceString("golden.Typo", "package golden; class Typo { int x = ; }"));
    assertThat(compileInto(out, withTypo)).failed();
    assertEquals(before, DirectorySnapshot.of(out));
  }

  @Test
  void aFailureAtAnyWriteOrMoveLeavesTheDirectoryAsItWas() throws IOException {
    Path out = tmp.resolve("out");
    List<GeneratedFile> old =
        List.of(
            new GeneratedFile(".flox/pkgs/a.nix", "# Generated by comfypkgs from A.\nold a\n"),
            new GeneratedFile(".flox/pkgs/gone.nix", "# Generated by comfypkgs from Gone.\nold\n"),
            new GeneratedFile("default.nix", "old default\n"));
    new OutputDirectory(out).replace(old);
    Files.writeString(out.resolve(".flox/pkgs/mine.nix"), "hand-written\n");
    Map<String, String> before = DirectorySnapshot.of(out);

    List<GeneratedFile> next =
        List.of(
            new GeneratedFile(".flox/pkgs/a.nix", "# Generated by comfypkgs from A.\nnew a\n"),
            new GeneratedFile(".flox/pkgs/b.nix", "# Generated by comfypkgs from B.\nnew b\n"),
            new GeneratedFile("default.nix", "new default\n"),
            new GeneratedFile("recipes.json", "{}\n"));
    // 4 staged writes, then moves: 3 replacements or additions (a aside + in, b in, default
    // aside + in, recipes in) and the orphan aside. Fail at each in turn.
    int operations = 0;
    for (int failAt = 1; ; failAt++) {
      OutputDirectory.FileOps failing = new FailingFileOps(failAt);
      try {
        new OutputDirectory(out, failing).replace(next);
        operations = failAt - 1;
        break; // no failure was reached: every operation has been tried
      } catch (IOException expected) {
        assertEquals(before, DirectorySnapshot.of(out), "after a failure at operation " + failAt);
      }
    }
    assertTrue(operations >= 10, "failures were injected at " + operations + " operations");
    Map<String, String> after = DirectorySnapshot.of(out);
    assertEquals("# Generated by comfypkgs from B.\nnew b\n", after.get(".flox/pkgs/b.nix"));
    assertFalse(after.containsKey(".flox/pkgs/gone.nix"));
    assertEquals("hand-written\n", after.get(".flox/pkgs/mine.nix"));
  }

  @Test
  void unreadableOutputIsReportedAsAnErrorNotAnException() throws IOException {
    Path out = tmp.resolve("file-not-dir");
    Files.writeString(out, "I am a file");
    Compilation c = compileInto(out, fixtures());
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("comfypkgs: could not write " + out);
    assertThrows(IOException.class, () -> new OutputDirectory(out).replace(List.of()));
  }

  @Test
  void aPathThatHoldsWhatComfypkgsDidNotWriteIsAnErrorOnTheRecipeThatClaimsIt() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(compileInto(out, fixtures())).succeeded();
    Path pkgs = out.resolve(".flox/pkgs");
    Files.writeString(pkgs.resolve("timm.nix"), "{ }: { } # mine now\n");
    Files.delete(pkgs.resolve("comfyui-extras.nix"));
    Files.createDirectories(pkgs.resolve("comfyui-extras.nix/kept"));
    Files.writeString(pkgs.resolve("comfyui-extras.nix/kept/notes"), "notes\n");
    Files.delete(out.resolve("default.nix"));
    Files.createSymbolicLink(out.resolve("default.nix"), tmp.resolve("nowhere"));
    Map<String, String> before = DirectorySnapshot.of(out);

    Compilation c = compileInto(out, fixtures());
    assertThat(c).failed();
    String never = "; comfypkgs never replaces what it did not write, so nothing was written: ";
    assertThat(c)
        .hadErrorContaining("[CPK003] the attr 'timm' names .flox/pkgs/timm.nix, which holds a"
            + " hand-written file (it lacks the '# Generated by comfypkgs' header)" + never
            + "give the recipe another attr, or move that away.")
        .inFile(GoldenFixtures.named("Timm"))
        .onLineContaining("attr = \"timm\",");
    assertThat(c)
        .hadErrorContaining("[CPK003] the attr 'comfyui-extras' names .flox/pkgs/comfyui-extras.nix,"
            + " which holds a directory" + never)
        .inFile(GoldenFixtures.named("Extras"))
        .onLineContaining("pname = \"comfyui-extras\",");
    assertThat(c).hadErrorContaining(
        "comfypkgs: " + out + "/default.nix, which holds a symbolic link" + never + "move it away.");
    assertEquals(before, DirectorySnapshot.of(out));
  }

  @Test
  void aSecondGenerationIntoTheSameDirectoryFailsWithOneClearError() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(compileInto(out, fixtures())).succeeded();
    Map<String, String> before = DirectorySnapshot.of(out);
    List<JavaFileObject> fewer = GoldenFixtures.allBut("Tiny", "Extras");
    fewer.add(GoldenFixtures.extrasWithMembers("Timm", "Detector", "Matcher"));
    try (FileChannel first = FileChannel.open(out.resolve(OutputDirectory.LOCK_FILE), StandardOpenOption.WRITE)) {
      first.lock();
      Compilation c = compileInto(out, fewer);
      assertThat(c).failed();
      assertThat(c).hadErrorContaining("comfypkgs: another comfypkgs generation is writing " + out
          + " (it holds " + out.resolve(OutputDirectory.LOCK_FILE) + "); nothing was written: run"
          + " again when it has finished.");
      assertEquals(before, DirectorySnapshot.of(out));
    }
  }

  /** Many generated files, so that the staging runs on several writers at once. */
  private static List<GeneratedFile> manyPackages(int count, String version) {
    List<GeneratedFile> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files.add(new GeneratedFile(".flox/pkgs/p" + i + ".nix",
          "# Generated by comfypkgs from P" + i + ".\n" + version + " " + i + "\n"));
    }
    return files;
  }

  @Test
  void manyFilesAreStagedBySeveralWritersAtOnceAndAllLand() throws IOException {
    Path out = tmp.resolve("out");
    AtomicInteger writing = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch secondWriter = new CountDownLatch(2);
    OutputDirectory.FileOps overlapping = new OutputDirectory.FileOps() {
      @Override
      public void write(Path path, byte[] content) throws IOException {
        mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
        secondWriter.countDown();
        try {
          // Held until a second writer has started, so that overlap is seen, not hoped for.
          secondWriter.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        OutputDirectory.FileOps.REAL.write(path, content);
        writing.decrementAndGet();
      }

      @Override
      public void move(Path from, Path to) throws IOException {
        OutputDirectory.FileOps.REAL.move(from, to);
      }
    };
    List<GeneratedFile> files = manyPackages(200, "v1");
    OutputDirectory.Result result = new OutputDirectory(out, overlapping).replace(files);

    assertEquals(200, result.written().size());
    assertTrue(mostAtOnce.get() >= 2, "at most " + mostAtOnce.get() + " writer at once");
    Map<String, String> after = DirectorySnapshot.of(out);
    for (GeneratedFile f : files) {
      assertEquals(f.content(), after.get(f.path()), f.path());
    }
    assertFalse(Files.exists(out.resolve(OutputDirectory.TRANSACTION_DIR)));
  }

  @Test
  void aFailureAmongConcurrentStagedWritesLeavesTheDirectoryAsItWasAndNoWriterRunning()
      throws IOException {
    Path out = tmp.resolve("out");
    new OutputDirectory(out).replace(manyPackages(200, "v1"));
    Map<String, String> before = DirectorySnapshot.of(out);

    for (int failAt : new int[] {1, 100, 200}) {
      IOException e = assertThrows(IOException.class,
          () -> new OutputDirectory(out, new FailingFileOps(failAt)).replace(manyPackages(200, "v2")));
      assertEquals("injected failure at operation " + failAt, e.getMessage());
      assertEquals(before, DirectorySnapshot.of(out), "after a failure at staged write " + failAt);
      assertFalse(Files.exists(out.resolve(OutputDirectory.TRANSACTION_DIR)));
      assertTrue(Thread.getAllStackTraces().keySet().stream()
              .noneMatch(t -> t.getName().startsWith("comfypkgs-stage-")),
          "a staging writer outlived the failure");
    }
    assertThrows(FailingFileOps.Crash.class,
        () -> new OutputDirectory(out, FailingFileOps.crashingAt(50)).replace(manyPackages(200, "v2")));
    new OutputDirectory(out).recover();
    assertEquals(before, DirectorySnapshot.of(out), "a crash while staging leaves the old generation");
  }
}
