package dev.comfypkgs.cli.adopt;

import dev.comfypkgs.common.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A copy of a repository's working files, outside it, on which adopt rehearses its plan: the new
 * recipes are written there and compiled with the tree's own processor, and the result is checked,
 * before the user's tree is touched. Uncommitted edits are part of what the user has, so this
 * copies the working files rather than exporting a commit.
 *
 * <p>It holds what a recipe compilation reads: the toolchain modules' {@code pom.xml} and
 * {@code src/main}, recipes-java's {@code pom.xml} and {@code src/main/java}, {@code sources/}
 * (hard-linked, or copied across file systems; never symlinked, since the processor refuses a
 * link there), and the regular files of {@code generated-nix/} without build results, logs,
 * the processor's lock or an interrupted transaction, so that a hand-written file there is seen as
 * it is in the real tree.
 */
public final class StagingTree implements AutoCloseable {
  private static final List<String> TOOLCHAIN_MODULES = List.of("annotations", "common", "processor");
  private static final String GENERATED = "generated-nix";
  /** What the processor and the CLI keep beside the generated files: not part of what they generate. */
  private static final Set<String> NOT_GENERATED =
      Set.of(".comfypkgs-logs", ".comfypkgs-transaction", ".comfypkgs.lock");

  private final Path scratch;
  private final Path root;

  private StagingTree(Path scratch) {
    this.scratch = scratch;
    this.root = scratch.resolve("tree");
  }

  /** Copies {@code repository}'s files into a new temporary directory. */
  public static StagingTree copy(Path repository) throws IOException {
    StagingTree tree = new StagingTree(Files.createTempDirectory("comfypkgs-adopt-"));
    try {
      for (String module : TOOLCHAIN_MODULES) {
        copyFile(repository, tree.root, module + "/pom.xml");
        copyTree(repository, tree.root, module + "/src/main");
      }
      copyFile(repository, tree.root, "recipes-java/pom.xml");
      copyTree(repository, tree.root, "recipes-java/src/main/java");
      linkTree(repository.resolve("sources"), Files.createDirectories(tree.root.resolve("sources")));
      copyGenerated(repository.resolve(GENERATED), tree.root.resolve(GENERATED));
      return tree;
    } catch (IOException | RuntimeException e) {
      tree.close();
      throw e;
    }
  }

  /** The copy's top directory, where the repository's would be. */
  public Path root() {
    return root;
  }

  /** Writes {@code text} at {@code relative} in the copy, creating its directories. */
  public void write(Path relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void copyFile(Path from, Path to, String relative) throws IOException {
    Path source = from.resolve(relative);
    if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      Path target = to.resolve(relative);
      Files.createDirectories(target.getParent());
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  private static void copyTree(Path from, Path to, String relative) throws IOException {
    for (Path file : regularFiles(from.resolve(relative))) {
      copyFile(from, to, from.relativize(file).toString());
    }
  }

  private static void copyGenerated(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (Path file : regularFiles(from)) {
      Path relative = from.relativize(file);
      String top = relative.getName(0).toString();
      if (!NOT_GENERATED.contains(top) && !top.startsWith("result")) {
        copyFile(from, to, relative.toString());
      }
    }
  }

  /** Each file of {@code from} at the same place under {@code to}: a hard link, else a copy. */
  private static void linkTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (p.equals(from)) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          try {
            Files.createLink(target, p);
          } catch (IOException | UnsupportedOperationException otherFileSystem) {
            Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
    }
  }

  private static List<Path> regularFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
  }

  /** Deletes the copy. */
  @Override
  public void close() {
    FileTrees.deleteUnchecked(scratch);
  }
}
