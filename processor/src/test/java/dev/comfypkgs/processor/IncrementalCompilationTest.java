package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.processor.emit.OutputDirectory;
import dev.comfypkgs.processor.testing.GoldenFixtures;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IDE recompiles only the recipes that changed. The other recipes' files must survive that,
 * read from their class files; a recipe whose class is gone loses its file.
 */
class IncrementalCompilationTest {
  @TempDir Path tmp;

  /** A full build into real class output, as Maven's first compile. */
  private void fullBuild(Path classes, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
      List<JavaFileObject> sources = GoldenFixtures.allBut();
      JavaCompiler.CompilationTask task =
          javac.getTask(null, files, null, List.of("-Acomfypkgs.out=" + out), null, sources);
      task.setProcessors(List.of(new RecipeProcessor()));
      assertTrue(task.call(), "the full build compiles");
    }
  }

  private static Compilation partial(Path classes, Path out, JavaFileObject... changed) {
    List<File> classpath = new ArrayList<>();
    classpath.add(classes.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return Compiler.javac()
        .withProcessors(new RecipeProcessor())
        .withClasspath(classpath)
        .withOptions("-Acomfypkgs.out=" + out)
        .compile(changed);
  }

  @Test
  void recompilingOneRecipeKeepsTheOthers() throws IOException {
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    Path out = tmp.resolve("out");
    fullBuild(classes, out);
    String extrasBefore = Files.readString(out.resolve(".flox/pkgs/comfyui-extras.nix"));
    Map<Path, List<Object>> before = identities(out);

    // Tiny changes its version; nothing else is recompiled.
    Compilation c =
        partial(classes, out, JavaFileObjects.forSourceString("golden.Tiny",
            """
            package golden;
            import dev.comfypkgs.annotations.*;
            @PythonPackage(pname = "tiny", version = "2.0", description = "A package with nothing to bundle",
                homepage = "", license = License.BSD3, format = Format.SETUPTOOLS)
            @PyPI(name = "tiny", hash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
            public final class Tiny {}
            """));
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("4 recipes outside this compilation were read from their class files");
    assertTrue(Files.readString(out.resolve(".flox/pkgs/tiny.nix")).contains("version = \"2.0\";"));
    for (String attr : List.of("timm", "comfyui-detector", "color-matcher", "comfyui-extras")) {
      assertTrue(Files.exists(out.resolve(".flox/pkgs/" + attr + ".nix")), attr + " survived");
    }
    assertEquals(extrasBefore, Files.readString(out.resolve(".flox/pkgs/comfyui-extras.nix")));
    // Only what changed is written: tiny's file and recipes.json, which lists its version. Every
    // other file is the very same file (a rewrite, even of the same bytes, is a new inode).
    assertThat(c).hadNoteContaining(": 2 written, " + (before.size() - 2) + " unchanged, 0 deleted.");
    Map<Path, List<Object>> after = identities(out);
    assertEquals(before.keySet(), after.keySet());
    for (Path file : before.keySet()) {
      boolean changed = file.equals(Path.of(".flox/pkgs/tiny.nix")) || file.equals(Path.of("recipes.json"));
      assertEquals(!changed, before.get(file).equals(after.get(file)), file.toString());
    }
  }

  /** Each generated file's inode and modification time, by path within {@code out}. */
  private static Map<Path, List<Object>> identities(Path out) throws IOException {
    Map<Path, List<Object>> identities = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!file.getFileName().toString().equals(OutputDirectory.LOCK_FILE)) {
          identities.put(out.relativize(file),
              List.of(attributes.fileKey(), attributes.lastModifiedTime()));
        }
      }
    }
    return identities;
  }

  @Test
  void theRecipesOfEarlierCompilationsComeFromTheClassesNotFromRecipesJson() throws IOException {
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    Path out = tmp.resolve("out");
    fullBuild(classes, out);
    // recipes.json is the CLI's input: gone or changed, it must not decide what survives.
    Files.delete(out.resolve("recipes.json"));
    Compilation c = partial(classes, out, GoldenFixtures.extrasWithMembers("Timm", "Detector", "Tiny", "Matcher"));
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("4 recipes outside this compilation were read from their class files");
    for (String attr : List.of("tiny", "timm", "comfyui-detector", "color-matcher")) {
      assertTrue(Files.exists(out.resolve(".flox/pkgs/" + attr + ".nix")), attr + " survived");
    }
    assertTrue(Files.readString(out.resolve("recipes.json")).contains("\"golden.Tiny\""));
  }

  @Test
  void aDeletedRecipeClassLosesItsFile() throws IOException {
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    Path out = tmp.resolve("out");
    fullBuild(classes, out);
    Files.delete(classes.resolve("golden/Matcher.class"));
    // The meta-package is recompiled without Matcher.
    Compilation c = partial(classes, out, GoldenFixtures.extrasWithMembers("Timm", "Detector", "Tiny"));
    assertThat(c).succeeded();
    assertFalse(Files.exists(out.resolve(".flox/pkgs/color-matcher.nix")));
    assertTrue(Files.exists(out.resolve(".flox/pkgs/tiny.nix")));
    assertTrue(Files.exists(out.resolve(".flox/pkgs/timm.nix")));
  }
}
