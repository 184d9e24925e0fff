package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is replaced whole or not at all, and no temporary file outlives the write. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aPendingFileNotCommittedLeavesTheTargetAndNothingElse() throws IOException {
    Path target = Files.writeString(dir.resolve("index.json"), "old");
    try (AtomicFiles.Pending pending = AtomicFiles.pending(target, ".part")) {
      Files.writeString(pending.path(), "half a download");
      assertEquals(target.getParent(), pending.path().getParent(), "beside the target");
    }
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void aCommittedPendingFileReplacesTheTarget() throws IOException {
    Path target = Files.writeString(dir.resolve("index.json"), "old");
    try (AtomicFiles.Pending pending = AtomicFiles.pending(target, ".part")) {
      Files.writeString(pending.path(), "new");
      pending.commit();
    }
    assertEquals("new", Files.readString(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void writeStringKeepsTheReplacedFilesPermissions() throws IOException {
    Path target = Files.writeString(dir.resolve("Recipe.java"), "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));
    AtomicFiles.writeString(target, "new");
    assertEquals("new", Files.readString(target));
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertEquals(List.of(target), files());
  }

  @Test
  void createStringCreatesTheFileWholeAndLeavesNothingElse() throws IOException {
    Path target = dir.resolve("Recipe.java");
    AtomicFiles.createString(target, "class Recipe {}\n");
    assertEquals("class Recipe {}\n", Files.readString(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void createStringNeverReplacesAFile() throws IOException {
    Path target = Files.writeString(dir.resolve("Recipe.java"), "someone's recipe");
    assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.createString(target, "new"));
    assertEquals("someone's recipe", Files.readString(target));
    assertEquals(List.of(target), files());
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
