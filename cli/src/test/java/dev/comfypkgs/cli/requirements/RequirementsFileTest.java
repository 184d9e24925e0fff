package dev.comfypkgs.cli.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.requirements.RequirementsFile.Requirement;
import dev.comfypkgs.cli.requirements.RequirementsFile.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requirements read through {@link TextFiles}: the extras and marker each line states, and, from
 * confined files (an archive), includes that cannot leave it.
 */
class RequirementsFileTest {
  @Test
  void extrasAndMarkersAreKept() {
    MemoryFiles files = MemoryFiles.archive(Map.of("requirements.txt", String.join("\n",
        "# a comment",
        "torch>=2.1  # the runtime's",
        "Foo_Bar[Cli, test]>=1.0 ; python_version >= \"3.10\" and sys_platform == 'linux'",
        "pywin32 ; sys_platform == \"win32\"",
        "einops",
        "fancy @ git+https://github.com/someone/fancy.git@v1 ; os_name == 'posix'",
        "git+https://github.com/someone/thing.git@v1.2#egg=thing[gpu]",
        "")));
    List<Requirement> rs = RequirementsFile.read(files, Path.of("requirements.txt"));
    assertEquals(List.of("torch", "Foo_Bar", "pywin32", "einops", "fancy", "thing"),
        rs.stream().map(Requirement::name).toList());
    Requirement foo = rs.get(1);
    assertEquals(List.of("Cli", "test"), foo.extras());
    assertEquals("python_version >= \"3.10\" and sys_platform == 'linux'", foo.marker());
    assertEquals(Path.of("requirements.txt"), foo.file());
    assertEquals(3, foo.line());
    assertEquals("sys_platform == \"win32\"", rs.get(2).marker());
    assertNull(rs.get(3).marker());
    assertEquals(List.of(), rs.get(3).extras());
    assertEquals("os_name == 'posix'", rs.get(4).marker());
    assertEquals(List.of("gpu"), rs.get(5).extras());
    assertEquals("git+https://github.com/someone/thing.git@v1.2#egg=thing[gpu]", rs.get(5).url());
  }

  @Test
  void includesAreReadFromTheSameFiles() {
    MemoryFiles files = MemoryFiles.archive(Map.of(
        "requirements.txt", "einops\n-r extra/more.txt\n-c constraints.txt\n",
        "extra/more.txt", "pillow\n-r ../last.txt\n",
        "last.txt", "PyYAML\n",
        "constraints.txt", "numpy<2\n"));
    List<Requirement> rs = RequirementsFile.read(files, Path.of("requirements.txt"));
    assertEquals(List.of("einops", "pillow", "PyYAML"), rs.stream().map(Requirement::name).toList());
    assertEquals(Path.of("extra/more.txt"), rs.get(1).file());
    assertEquals(Path.of("last.txt"), rs.get(2).file());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-r ../../../etc/passwd", "-r /etc/passwd", "-c ../outside.txt", "-r sub/../../x.txt",
      "--requirement=.."})
  void aConfinedIncludeCannotLeaveTheArchive(String include) {
    MemoryFiles files = MemoryFiles.archive(Map.of("requirements.txt", "einops\n" + include + "\n"));
    CliException e = assertThrows(CliException.class,
        () -> RequirementsFile.read(files, Path.of("requirements.txt")));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith("requirements.txt:2: -"), e.getMessage());
    assertTrue(e.getMessage().contains("outside the directory being read"), e.getMessage());
    assertEquals(List.of(Path.of("requirements.txt")), files.reads, "nothing outside was read");
  }

  @Test
  void theFirstFileMustBeInsideToo() {
    MemoryFiles files = MemoryFiles.archive(Map.of("requirements.txt", "einops\n"));
    CliException e = assertThrows(CliException.class, () -> RequirementsFile.read(files, Path.of("../x.txt")));
    assertEquals("../x.txt is outside the directory being read.", e.getMessage());
    assertTrue(files.reads.isEmpty());
  }

  @Test
  void aLinkInTheArchiveIsNotFollowed() {
    MemoryFiles files = new MemoryFiles(Map.of("requirements.txt", "-r linked.txt\n"), Set.of(), Set.of("linked.txt"));
    CliException e = assertThrows(CliException.class,
        () -> RequirementsFile.read(files, Path.of("requirements.txt")));
    assertEquals("requirements.txt:1: linked.txt is not a regular file (a link), so it is not read.", e.getMessage());
  }

  @Test
  void aLocalProjectDirectoryIsLookedForInTheArchive() {
    MemoryFiles files = new MemoryFiles(Map.of("requirements.txt", "./vendored_pkg\n"), Set.of("vendored_pkg"), Set.of());
    assertEquals("vendored_pkg",
        RequirementsFile.read(files, Path.of("requirements.txt")).get(0).name());
    MemoryFiles outside = new MemoryFiles(Map.of("requirements.txt", "../vendored_pkg\n"), Set.of("../vendored_pkg"),
        Set.of());
    assertThrows(CliException.class, () -> RequirementsFile.read(outside, Path.of("requirements.txt")));
  }

  @Test
  void anIncludeCycleInAnArchiveIsRefused() {
    MemoryFiles files = MemoryFiles.archive(Map.of("requirements.txt", "-r a/b.txt\n", "a/b.txt", "-r ../requirements.txt\n"));
    CliException e = assertThrows(CliException.class,
        () -> RequirementsFile.read(files, Path.of("requirements.txt")));
    assertTrue(e.getMessage().contains("the includes form a cycle"), e.getMessage());
  }

  @Test
  void localFilesKeepExtrasAndMarkersToo(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("requirements.txt"), "timm[hf] >= 1.0 ; platform_machine == 'x86_64'\n");
    Requirement r = RequirementsFile.read(file).get(0);
    assertEquals(List.of("hf"), r.extras());
    assertEquals("platform_machine == 'x86_64'", r.marker());
    assertTrue(r.file().isAbsolute());
    assertFalse(TextFiles.local().confined());
  }
}
