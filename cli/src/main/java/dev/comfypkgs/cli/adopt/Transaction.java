package dev.comfypkgs.cli.adopt;

import dev.comfypkgs.cli.AtomicFiles;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The files one adopt run changes in a tree, applied all or nothing. The changes are planned in
 * memory; {@link #commit} writes them, then runs the step that depends on them (the processor
 * regenerating {@code generated-nix/}, which keeps its own output whole), and if writing or that
 * step fails, puts every file back as it was: created files and directories are removed, replaced
 * files get their old text back.
 */
public final class Transaction {
  /**
   * One file's change.
   *
   * @param path relative to the tree
   * @param before the text it must hold now; null when it must not exist
   * @param after the text it will hold
   */
  public record FileChange(Path path, String before, String after) {
    public FileChange {
      Objects.requireNonNull(path);
      Objects.requireNonNull(after);
      if (path.isAbsolute()) {
        throw new IllegalArgumentException("a change is relative to the tree: " + path);
      }
    }

    /** Whether the file is new. */
    public boolean creates() {
      return before == null;
    }
  }

  /** What runs once the files are written; any exception it throws undoes them. */
  @FunctionalInterface
  public interface Step {
    void run() throws IOException;
  }

  private final Path root;
  private final List<FileChange> changes = new ArrayList<>();

  /** A transaction on the tree at {@code root}. */
  public Transaction(Path root) {
    this.root = root;
  }

  /** Plans a new file. */
  public Transaction create(Path path, String text) {
    changes.add(new FileChange(path, null, text));
    return this;
  }

  /** Plans replacing a file that holds {@code before} now. */
  public Transaction replace(Path path, String before, String after) {
    changes.add(new FileChange(path, Objects.requireNonNull(before), after));
    return this;
  }

  /** The changes, in the order they were planned. */
  public List<FileChange> changes() {
    return List.copyOf(changes);
  }

  /** Writes the changes into another tree (a {@link StagingTree}), plainly: it is thrown away. */
  public void applyTo(StagingTree staging) throws IOException {
    for (FileChange change : changes) {
      staging.write(change.path(), change.after());
    }
  }

  /**
   * Writes every change, then runs {@code then}. A file to create must not exist, and a file to
   * replace must still hold its {@code before}; if either is not so, or a write or {@code then}
   * fails, every file written is put back and the failure is rethrown (an I/O failure as exit 1).
   * If putting back fails too, the message names each file left changed.
   */
  public void commit(Step then) {
    Deque<Runnable> undo = new ArrayDeque<>();
    List<String> undoFailures = new ArrayList<>();
    try {
      for (FileChange change : changes) {
        write(change, undo, undoFailures);
      }
      then.run();
    } catch (IOException | RuntimeException e) {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      RuntimeException failure = e instanceof IOException io
          ? new CliException(ExitCode.FAILED, Main.describe(io) + "; every file was put back as it was.")
          : (RuntimeException) e;
      if (!undoFailures.isEmpty()) {
        throw new CliException(ExitCode.FAILED, failure.getMessage() + "\nand these files could not be"
            + " put back; fix them by hand:\n  " + String.join("\n  ", undoFailures));
      }
      throw failure;
    }
  }

  private void write(FileChange change, Deque<Runnable> undo, List<String> undoFailures) throws IOException {
    Path file = root.resolve(change.path());
    if (change.creates()) {
      createDirectories(file.getParent(), undo, undoFailures);
      try {
        AtomicFiles.createString(file, change.after());
      } catch (FileAlreadyExistsException appearedMeanwhile) {
        throw new CliException(ExitCode.FAILED, change.path() + " appeared while adopting; nothing was"
            + " written.");
      }
      undo.push(() -> {
        try {
          // Only our bytes are removed: a file someone rewrote meanwhile is theirs now.
          if (Files.readString(file, StandardCharsets.UTF_8).equals(change.after())) {
            Files.delete(file);
          } else {
            undoFailures.add(file + " (changed by someone else while adopting)");
          }
        } catch (IOException e) {
          undoFailures.add(file + " (" + Main.describe(e) + ")");
        }
      });
    } else {
      // A recipe kept elsewhere and linked into the tree is edited where it is: an atomic write
      // to the link's own path would replace the link with a copy.
      Path target = realPathIfPresent(file);
      String now = target == null ? null : Files.readString(target, StandardCharsets.UTF_8);
      if (!change.before().equals(now)) {
        throw new CliException(ExitCode.FAILED, change.path() + " changed while adopting; nothing was written.");
      }
      AtomicFiles.writeString(target, change.after());
      undo.push(() -> {
        try {
          AtomicFiles.writeString(target, change.before());
        } catch (IOException e) {
          undoFailures.add(file + " (" + Main.describe(e) + ")");
        }
      });
    }
  }

  /** Where {@code file} really is, following links; null when it (or its link's target) is gone. */
  private static Path realPathIfPresent(Path file) throws IOException {
    try {
      return file.toRealPath();
    } catch (NoSuchFileException gone) {
      return null;
    }
  }

  /** Creates the missing directories above a new file, each to be removed again on undo. */
  private static void createDirectories(Path dir, Deque<Runnable> undo, List<String> undoFailures)
      throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path d = dir; d != null && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
      missing.push(d);
    }
    for (Path d : missing) {
      Files.createDirectory(d);
      undo.push(() -> {
        try {
          Files.deleteIfExists(d);
        } catch (DirectoryNotEmptyException someoneElsesFiles) {
          // left in place: it holds files this run did not write
        } catch (IOException e) {
          undoFailures.add(d + " (" + Main.describe(e) + ")");
        }
      });
    }
  }
}
