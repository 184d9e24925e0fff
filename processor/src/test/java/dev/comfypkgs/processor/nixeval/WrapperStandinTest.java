package dev.comfypkgs.processor.nixeval;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.comfypkgs.processor.testing.GoldenFixtures;
import dev.comfypkgs.processor.testing.NixTool;
import dev.comfypkgs.processor.testing.Recipes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated wrapper builds in the stand-in, whose onnxruntime holds an ELF library asking for
 * an executable stack and a file naming its own store path: the copy's library has the flag
 * cleared by the committed fix script, and nothing in the copy refers to the original any more.
 */
class WrapperStandinTest {
  private static final String SO = "lib/python3.13/site-packages/onnxruntime/capi/onnxruntime_pybind11_state.so";
  private static final int PF_X = 1;

  @TempDir Path tmp;

  @Test
  void theCopyHasTheStackFlagClearedAndNoReferenceToTheOriginal() throws IOException {
    NixTool.requireNix();
    Path sources = committedFix();
    Path out = tmp.resolve("generated-nix");
    Compilation c = Recipes.compile(
        List.of("-Acomfypkgs.out=" + out, "-Acomfypkgs.sources=" + sources),
        GoldenFixtures.named("Noexec"), Recipes.runtime());
    assertThat(c).succeeded();

    String original = NixTool.evalJson(NixTool.standinPkgs("x86_64-linux") + ".python3.pkgs.onnxruntime.outPath")
        .replace("\"", "");
    Path originalLink = tmp.resolve("original");
    NixTool.build(NixTool.standinPkgs("x86_64-linux") + ".python3.pkgs.onnxruntime", originalLink)
        .orFail("nix-build the stand-in onnxruntime");
    assertEquals(PF_X, gnuStackFlags(originalLink.resolve(SO)) & PF_X,
        "the stand-in's library asks for an executable stack, or this test proves nothing");

    Path result = tmp.resolve("result");
    NixTool.build(NixTool.floxScope(out.resolve(".flox/pkgs"), "x86_64-linux") + ".onnxruntime-noexec", result)
        .orFail("nix-build onnxruntime-noexec");

    assertEquals(0, gnuStackFlags(result.resolve(SO)) & PF_X, "GNU_STACK is RW in the copy");
    assertEquals(6, gnuStackFlags(result.resolve(SO)), "only PF_X is cleared");
    String hash = Path.of(original).getFileName().toString().substring(0, 32);
    List<String> mentioning = new ArrayList<>();
    try (Stream<Path> files = Files.walk(result.toRealPath())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(hash)) {
          mentioning.add(file.toString());
        }
      }
    }
    assertEquals(List.of(), mentioning, "files of the copy that name the original " + original);
    assertTrue(Files.exists(result.resolve("lib/python3.13/site-packages/onnxruntime/_location.py")),
        "the rest of the package is copied");
    NixTool.Result references = NixTool.run(List.of("nix-store", "-q", "--references", result.toString()))
        .orFail("nix-store -q --references");
    assertFalse(references.stdout().contains(original), "the copy refers to " + original + ":\n"
        + references.stdout());
  }

  @Test
  void withoutPlatformsItIsTheWrappedPackagesAndPlatformsNarrowIt() throws IOException {
    NixTool.requireNix();
    committedFix();
    JavaFileObject narrowed = Recipes.recipe("Narrowed",
        "@Wrapper(pname = \"onnxruntime-linux\", description = \"d\", wraps = \"onnxruntime\",",
        "    fix = \"onnxruntime-noexec/clear-execstack.py\")",
        "@Platforms(Platform.LINUX)");
    Path out = tmp.resolve("generated-nix");
    assertThat(Recipes.compile(List.of("-Acomfypkgs.out=" + out), GoldenFixtures.named("Noexec"),
        narrowed, Recipes.runtime())).succeeded();
    for (String system : List.of("x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin")) {
      String result = NixTool.evalJson("let ps = " + NixTool.floxScope(out.resolve(".flox/pkgs"), system)
          + "; ok = p: (builtins.tryEval p.drvPath).success;"
          + " in [ (ok ps.onnxruntime-noexec) (ok ps.onnxruntime-linux) ]");
      assertEquals("[true," + system.endsWith("-linux") + "]", result, system);
    }
  }

  /** sources/ beside the output, holding the committed fix under the golden recipe's name. */
  private Path committedFix() throws IOException {
    Path sources = tmp.resolve("sources");
    Path fix = sources.resolve("onnxruntime-noexec/clear-execstack.py");
    Files.createDirectories(fix.getParent());
    Files.copy(NixTool.repoRoot().resolve("sources/onnxruntime-noexecstack/clear-execstack.py"), fix);
    return sources;
  }

  private static int gnuStackFlags(Path library) throws IOException {
    ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(library)).order(ByteOrder.LITTLE_ENDIAN);
    // The stand-in's library: a 64-bit header, then PT_LOAD and PT_GNU_STACK (p_flags at +4).
    assertEquals(0x6474e551, elf.getInt(64 + 56), "the second program header is PT_GNU_STACK");
    return elf.getInt(64 + 56 + 4);
  }
}
