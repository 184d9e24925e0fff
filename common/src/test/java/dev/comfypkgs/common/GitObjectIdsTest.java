package dev.comfypkgs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ids agree with git's own for the same files. */
class GitObjectIdsTest {
  @TempDir Path tmp;

  @Test
  void theEmptyBlobHasGitsWellKnownId() throws IOException {
    Path empty = Files.createFile(tmp.resolve("empty"));
    assertEquals("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", GitObjectIds.blob(empty));
  }

  @Test
  void aTreeHasTheIdGitWritesForIt() throws Exception {
    Path dir = tmp.resolve("workflows");
    Files.createDirectories(dir.resolve("SDXL/nested"));
    Files.createDirectories(dir.resolve("empty/inside"));
    Files.writeString(dir.resolve("SDXL/nested/b.json"), "{\"1\": {}}\n");
    Files.writeString(dir.resolve("SDXL/a.json"), "{}");
    // "SDXL.json" sorts before the directory "SDXL", which git compares as "SDXL/".
    Files.writeString(dir.resolve("SDXL.json"), "[]");
    Files.writeString(dir.resolve("convert_to_webui.py"), "print('é')\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(dir.resolve("convert_to_webui.py"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(dir.resolve("link"), Path.of("SDXL/a.json"));

    String expected = git(dir, "init", "-q") + git(dir, "add", "-A") + git(dir, "write-tree");
    Files.walk(dir.resolve(".git")).sorted(java.util.Comparator.reverseOrder())
        .forEach(p -> p.toFile().delete());
    assertEquals(expected.strip(), GitObjectIds.tree(dir));
  }

  @Test
  void aChangedFileChangesTheTree() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("d/sub"));
    Files.writeString(dir.resolve("x.json"), "{}");
    String before = GitObjectIds.tree(tmp.resolve("d"));
    Files.writeString(dir.resolve("x.json"), "{ }");
    assertNotEquals(before, GitObjectIds.tree(tmp.resolve("d")));
  }

  private static String git(Path dir, String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "core.fileMode=true"));
    command.addAll(List.of(arguments));
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
