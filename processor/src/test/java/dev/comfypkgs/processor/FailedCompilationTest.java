package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.processor.testing.DirectorySnapshot;
import dev.comfypkgs.processor.testing.GoldenFixtures;
import dev.comfypkgs.processor.testing.Recipes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compilation that fails writes nothing to the output directory, whatever fails it: errors javac
 * reports after the last processing round included. Each case deletes Tiny, which a successful
 * generation would answer by deleting tiny.nix.
 */
class FailedCompilationTest {
  @TempDir Path tmp;
  private Path out;
  private Map<String, String> before;

  @BeforeEach
  void generateOnce() throws IOException {
    out = tmp.resolve("generated-nix");
    assertThat(compile(GoldenFixtures.allBut())).succeeded();
    before = DirectorySnapshot.of(out);
    assertTrue(before.containsKey(".flox/pkgs/tiny.nix"));
  }

  private Compilation compile(List<JavaFileObject> sources, String... options) {
    List<String> all = new ArrayList<>(List.of("-Acomfypkgs.out=" + out));
    all.addAll(List.of(options));
    return Recipes.compile(all, sources.toArray(JavaFileObject[]::new));
  }

  /** Every fixture but Tiny, with the meta-package no longer naming it, and {@code more}. */
  private static List<JavaFileObject> withoutTiny(JavaFileObject... more) {
    List<JavaFileObject> sources = GoldenFixtures.allBut("Tiny", "Extras");
    sources.add(GoldenFixtures.extrasWithMembers("Timm", "Detector", "Matcher"));
    sources.addAll(List.of(more));
    return sources;
  }

  private void assertOutputAsItWas() throws IOException {
    assertEquals(before, DirectorySnapshot.of(out));
  }

  @Test
  void theSameEditWithoutAnErrorDeletesTinysFile() throws IOException {
    assertThat(compile(withoutTiny())).succeeded();
    assertTrue(Files.notExists(out.resolve(".flox/pkgs/tiny.nix")));
  }

  @Test
  void aDeletedRecipeThatTheMetaPackageStillNamesDeletesNothing() throws IOException {
    // Tiny.java is deleted, and Extras still lists Tiny.class among its members.
    Compilation c = compile(GoldenFixtures.allBut("Tiny"));
    assertThat(c).failed();
    assertOutputAsItWas();
    assertThat(c).hadErrorContaining("cannot find symbol");
    assertThat(c).hadNoteContaining("@MetaPackage on golden.Extras names what javac could not resolve");
  }

  @Test
  void anUnresolvedClassInRequiresWritesNothing() throws IOException {
    Compilation c = compile(withoutTiny(JavaFileObjects.forSourceLines("golden.Needy",
        "package golden;",
        "import dev.comfypkgs.annotations.*;",
        "@PythonPackage(pname = \"needy\", version = \"1\", description = \"d\", homepage = \"\",",
        "    license = License.MIT)",
        "@PyPI(name = \"needy\", hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
        "@Requires(Tiny.class)",
        "public final class Needy {}")));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("cannot find symbol");
    assertOutputAsItWas();
  }

  @Test
  void aTypeErrorInARecipeBodyWritesNothing() throws IOException {
    Compilation c = compile(withoutTiny(JavaFileObjects.forSourceLines("golden.Typed",
        "package golden;",
        "import dev.comfypkgs.annotations.*;",
        "@PythonPackage(pname = \"typed\", version = \"1\", description = \"d\", homepage = \"\",",
        "    license = License.MIT)",
        "@PyPI(name = \"typed\", hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
        "public final class Typed { int x = \"s\"; }")));
    assertThat(c).failed();
    assertOutputAsItWas();
    assertThat(c).hadErrorContaining("incompatible types");
    assertThat(c).hadNoteContaining("javac did not compile every class");
  }

  @Test
  void aTypeErrorInAClassThatIsNoRecipeWritesNothing() throws IOException {
    Compilation c = compile(withoutTiny(JavaFileObjects.forSourceString("golden.Zzz",
        "package golden; final class Zzz { void f() { String s = 1; } }")));
    assertThat(c).failed();
    assertOutputAsItWas();
  }

  /** -Werror turns the recipes' own warnings (CPK108 on Detector) into a failed compilation. */
  @Test
  void warningsWithWerrorWriteNothing() throws IOException {
    Compilation c = compile(withoutTiny(), "-Werror");
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("warnings found and -Werror specified");
    assertOutputAsItWas();
  }

  /** javac generates nothing under -proc:only, so nothing shows that the sources compile. */
  @Test
  void procOnlyWritesNothing() throws IOException {
    Compilation c = compile(withoutTiny(), "-proc:only");
    assertThat(c).succeeded();
    assertOutputAsItWas();
    assertThat(c).hadNoteContaining("javac did not compile every class (it reported an error, or ran"
        + " with -proc:only), so " + out + " was left as it was.");
  }

  @Test
  void aRecipeDeclaredAsALocalClassIsAnError() throws IOException {
    JavaFileObject outer = JavaFileObjects.forSourceLines("golden.Outer",
        "package golden;",
        "import dev.comfypkgs.annotations.*;",
        "final class Outer {",
        "  void declare() {",
        "    @Deprecated",
        "    @PythonPackage(pname = \"hidden\", version = \"1\", description = \"d\", homepage = \"\",",
        "        license = License.MIT)",
        "    @PyPI(name = \"hidden\", hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
        "    final class Hidden {}",
        "  }",
        "}");
    Compilation c = compile(withoutTiny(outer));
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[CPK008] the recipe Hidden is a local class, which annotation"
            + " processing never sees, so it would be left out of the Nix: declare it as a"
            + " top-level or nested class.")
        .inFile(outer)
        .onLineContaining("@PythonPackage(pname = \"hidden\"");
    assertOutputAsItWas();
  }

  @Test
  void aLocalClassInALambdaInARecipeIsFoundToo() {
    JavaFileObject recipe = JavaFileObjects.forSourceLines("golden.Holder",
        "package golden;",
        "import dev.comfypkgs.annotations.*;",
        "@PythonPackage(pname = \"holder\", version = \"1\", description = \"d\", homepage = \"\",",
        "    license = License.MIT)",
        "@PyPI(name = \"holder\", hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
        "public final class Holder {",
        "  static final Runnable R = () -> {",
        "    @MetaPackage(pname = \"in-lambda\", version = \"1\", description = \"d\", members = {})",
        "    class InLambda {}",
        "  };",
        "}");
    Compilation c = compile(withoutTiny(recipe));
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[CPK008] the recipe InLambda is a local class")
        .inFile(recipe)
        .onLineContaining("@MetaPackage(pname = \"in-lambda\"");
  }
}
