package dev.comfypkgs.processor.emit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Replaces the generated files of an output directory as one transaction. Everything is first
 * written to a staging directory; only when all of it is written are files moved into place, each
 * replaced file kept aside until the end so that a failure part-way puts the directory back as it
 * was. A package file is deleted only when it carries the generated marker and no recipe produces
 * it any more: a hand-written file is never touched.
 */
public final class OutputDirectory {
  /** The file operations the transaction uses; tests inject failures through it. */
  public interface FileOps {
    void write(Path path, byte[] content) throws IOException;

    void move(Path from, Path to) throws IOException;

    FileOps REAL =
        new FileOps() {
          @Override
          public void write(Path path, byte[] content) throws IOException {
            Files.write(path, content);
          }

          @Override
          public void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
          }
        };
  }

  /** What a write changed, for the processor's note. */
  public record Result(List<String> written, List<String> unchanged, List<String> deleted) {}

  private final Path root;
  private final FileOps ops;

  public OutputDirectory(Path root) {
    this(root, FileOps.REAL);
  }

  public OutputDirectory(Path root, FileOps ops) {
    this.root = root;
    this.ops = ops;
  }

  public Result replace(List<GeneratedFile> files) throws IOException {
    Files.createDirectories(root);
    Path staging = Files.createTempDirectory(root, ".comfypkgs-staging-");
    Path backup = Files.createTempDirectory(root, ".comfypkgs-backup-");
    Deque<Runnable> undo = new ArrayDeque<>();
    List<String> written = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    try {
      Set<String> produced = new HashSet<>();
      // Thousands of files share a handful of directories: create each once.
      Set<Path> made = new HashSet<>();
      for (GeneratedFile f : files) {
        produced.add(f.path());
        Path staged = staging.resolve(f.path());
        if (made.add(staged.getParent())) {
          Files.createDirectories(staged.getParent());
        }
      }
      for (GeneratedFile f : files) {
        ops.write(staging.resolve(f.path()), f.content().getBytes(StandardCharsets.UTF_8));
      }
      List<String> orphans = orphans(produced);

      for (GeneratedFile f : files) {
        Path target = root.resolve(f.path());
        byte[] content = f.content().getBytes(StandardCharsets.UTF_8);
        boolean exists = Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (exists && Files.isRegularFile(target) && Files.size(target) == content.length
            && Arrays.equals(Files.readAllBytes(target), content)) {
          unchanged.add(f.path());
          continue;
        }
        if (made.add(target.getParent())) {
          Files.createDirectories(target.getParent());
        }
        if (exists) {
          Path aside = backup.resolve(f.path());
          if (made.add(aside.getParent())) {
            Files.createDirectories(aside.getParent());
          }
          ops.move(target, aside);
          undo.push(() -> restore(aside, target));
        }
        ops.move(staging.resolve(f.path()), target);
        undo.push(() -> deleteQuietly(target));
        written.add(f.path());
      }
      for (String orphan : orphans) {
        Path target = root.resolve(orphan);
        Path aside = backup.resolve(orphan);
        Files.createDirectories(aside.getParent());
        ops.move(target, aside);
        undo.push(() -> restore(aside, target));
        deleted.add(orphan);
      }
    } catch (IOException | RuntimeException e) {
      // Undo in reverse order: remove what was moved in, then put back what was moved aside.
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      throw e;
    } finally {
      deleteTree(staging);
      deleteTree(backup);
    }
    return new Result(written, unchanged, deleted);
  }

  /** Package files that carry the generated marker and that no recipe produces any more. */
  private List<String> orphans(Set<String> produced) throws IOException {
    Path pkgs = root.resolve(EmitLayout.PKGS_DIR);
    if (!Files.isDirectory(pkgs)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> listing = Files.list(pkgs)) {
      for (Path p : listing.sorted().toList()) {
        String relative = EmitLayout.PKGS_DIR + "/" + p.getFileName();
        if (relative.endsWith(".nix") && Files.isRegularFile(p) && !produced.contains(relative)
            && isGenerated(p)) {
          out.add(relative);
        }
      }
    }
    return out;
  }

  static boolean isGenerated(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = r.readLine();
      return first != null && first.startsWith(GeneratedFile.NIX_MARKER);
    } catch (java.nio.charset.MalformedInputException e) {
      return false;
    }
  }

  private static void restore(Path aside, Path target) {
    try {
      Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("could not restore " + target + " from " + aside, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // The backup restore that follows overwrites it anyway.
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
