package dev.comfypkgs.cli.adopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** adopt's files land all together or not at all, and its rehearsal copy leaves the tree alone. */
class AdoptTransactionTest {
  private static final Path BUNDLE = Path.of("recipes/Gallery.java");
  private static final Path NEW_NODE = Path.of("recipes/adopted/Alpha.java");
  private static final Path NEW_REBUILD = Path.of("recipes/adopted/deeper/Bar.java");

  @TempDir Path root;

  @BeforeEach
  void tree() throws IOException {
    Files.createDirectories(root.resolve("recipes"));
    Files.writeString(root.resolve(BUNDLE), "class Gallery {}\n");
    Files.setPosixFilePermissions(root.resolve(BUNDLE), PosixFilePermissions.fromString("rw-r-----"));
  }

  /** Every path under {@code dir} with its kind, mode and bytes. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        out.put(dir.relativize(p).toString(), Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            ? mode + " " + Arrays.toString(Files.readAllBytes(p)) : mode + " dir");
      }
    }
    return out;
  }

  private Transaction plan() {
    return new Transaction(root)
        .create(NEW_NODE, "class Alpha {}\n")
        .create(NEW_REBUILD, "class Bar {}\n")
        .replace(BUNDLE, "class Gallery {}\n", "@Node class Gallery {}\n");
  }

  @Test
  void aCommitWritesEveryFileThenRunsTheStep() throws IOException {
    boolean[] ranAfterWrites = {false};
    plan().commit(() -> ranAfterWrites[0] = Files.exists(root.resolve(NEW_REBUILD)));
    assertTrue(ranAfterWrites[0]);
    assertEquals("class Alpha {}\n", Files.readString(root.resolve(NEW_NODE)));
    assertEquals("class Bar {}\n", Files.readString(root.resolve(NEW_REBUILD)));
    assertEquals("@Node class Gallery {}\n", Files.readString(root.resolve(BUNDLE)));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(BUNDLE))));
  }

  @Test
  void aLinkedRecipeIsEditedWhereItIsAndTheLinkStays() throws IOException {
    Path elsewhere = root.resolve("shared/Gallery.java");
    Files.createDirectories(elsewhere.getParent());
    Files.move(root.resolve(BUNDLE), elsewhere);
    Files.createSymbolicLink(root.resolve(BUNDLE), Path.of("../shared/Gallery.java"));

    plan().commit(() -> {});
    assertTrue(Files.isSymbolicLink(root.resolve(BUNDLE)));
    assertEquals("@Node class Gallery {}\n", Files.readString(elsewhere));

    CliException e = assertThrows(CliException.class, () -> new Transaction(root)
        .replace(BUNDLE, "@Node class Gallery {}\n", "@Node @Node class Gallery {}\n")
        .commit(() -> {
          throw new IOException("the processor failed");
        }));
    assertTrue(e.getMessage().contains("put back"), e.getMessage());
    assertTrue(Files.isSymbolicLink(root.resolve(BUNDLE)));
    assertEquals("@Node class Gallery {}\n", Files.readString(elsewhere));
  }

  @Test
  void aFailedStepPutsEveryFileBack() throws IOException {
    Map<String, String> before = snapshot(root);
    CliException e = assertThrows(CliException.class, () -> plan().commit(() -> {
      throw new IOException("the processor failed");
    }));
    assertTrue(e.getMessage().contains("the processor failed"), e.getMessage());
    assertTrue(e.getMessage().contains("put back"), e.getMessage());
    assertEquals(before, snapshot(root));
  }

  @Test
  void aFileChangedMeanwhileStopsTheCommitBeforeItIsTouched() throws IOException {
    Transaction t = plan();
    Files.writeString(root.resolve(BUNDLE), "class Gallery { /* edited */ }\n");
    Map<String, String> before = snapshot(root);
    CliException e = assertThrows(CliException.class, () -> t.commit(() -> {}));
    assertTrue(e.getMessage().contains("changed while adopting"), e.getMessage());
    assertEquals(before, snapshot(root));
  }

  @Test
  void aFileThatAppearedMeanwhileIsNeverOverwritten() throws IOException {
    Files.createDirectories(root.resolve(NEW_REBUILD).getParent());
    Files.writeString(root.resolve(NEW_REBUILD), "someone else's\n");
    Map<String, String> before = snapshot(root);
    CliException e = assertThrows(CliException.class, () -> plan().commit(() -> {}));
    assertTrue(e.getMessage().contains("appeared while adopting"), e.getMessage());
    assertEquals(before, snapshot(root));
  }

  @Test
  void aWriteThatFailsUndoesTheWritesBeforeIt() throws IOException {
    // A file where a directory should be: the second write fails whoever runs the test, root too.
    Files.writeString(root.resolve("recipes/blocked"), "a file\n");
    Map<String, String> before = snapshot(root);
    Transaction t = new Transaction(root)
        .create(NEW_NODE, "class Alpha {}\n")
        .create(Path.of("recipes/blocked/Bar.java"), "class Bar {}\n");
    CliException e = assertThrows(CliException.class, () -> t.commit(() -> {}));
    assertTrue(e.getMessage().contains("recipes/blocked"), e.getMessage());
    assertEquals(before, snapshot(root));
  }

  @Test
  void theStagingCopyHoldsWhatACompilationReadsAndNothingElse() throws IOException {
    Path repo = Files.createDirectories(root.resolve("repo"));
    for (String f : List.of("annotations/pom.xml", "annotations/src/main/java/A.java",
        "common/pom.xml", "processor/pom.xml", "processor/src/main/resources/META-INF/services/x",
        "recipes-java/pom.xml", "recipes-java/src/main/java/r/R.java", "recipes-java/target/x.class",
        "generated-nix/recipes.json", "generated-nix/.flox/pkgs/a.nix",
        "generated-nix/.comfypkgs-logs/a.log", "sources/a.whl", "README.md")) {
      Files.createDirectories(repo.resolve(f).getParent());
      Files.writeString(repo.resolve(f), f);
    }
    Files.createSymbolicLink(repo.resolve("generated-nix/result-a"), Path.of("/nix/store/x"));
    Map<String, String> before = snapshot(repo);
    try (StagingTree staging = StagingTree.copy(repo)) {
      Path copy = staging.root();
      for (String f : List.of("annotations/pom.xml", "annotations/src/main/java/A.java", "common/pom.xml",
          "processor/src/main/resources/META-INF/services/x", "recipes-java/pom.xml",
          "recipes-java/src/main/java/r/R.java", "generated-nix/recipes.json",
          "generated-nix/.flox/pkgs/a.nix", "sources/a.whl")) {
        assertEquals(f, Files.readString(copy.resolve(f)), f);
      }
      for (String f : List.of("recipes-java/target", "generated-nix/.comfypkgs-logs",
          "generated-nix/result-a", "README.md")) {
        assertFalse(Files.exists(copy.resolve(f), LinkOption.NOFOLLOW_LINKS), f);
      }
      assertEquals(Files.getAttribute(repo.resolve("sources/a.whl"), "unix:ino"),
          Files.getAttribute(copy.resolve("sources/a.whl"), "unix:ino"), "linked, not copied");

      plan().applyTo(staging);
      assertEquals("class Bar {}\n", Files.readString(copy.resolve(NEW_REBUILD)));
      assertEquals("@Node class Gallery {}\n", Files.readString(copy.resolve(BUNDLE)));
      assertEquals(before, snapshot(repo));
    }
  }
}
