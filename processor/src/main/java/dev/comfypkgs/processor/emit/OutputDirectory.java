package dev.comfypkgs.processor.emit;

import dev.comfypkgs.common.FileTrees;
import dev.comfypkgs.processor.model.PackageFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Replaces the generated files of an output directory as one transaction that a crash cannot
 * leave half done.
 *
 * <p>Under an exclusive lock on {@value #LOCK_FILE}, every changed file is staged in
 * {@value #TRANSACTION_DIR} and synced; then a journal naming each step is renamed into place
 * there. That rename is the commit: before it the directory is the old generation and the staging
 * is discarded, after it the steps are applied, each an atomic rename that can be repeated. A run
 * that is killed leaves the journal behind, and the next one (or {@link #recover}) rolls it
 * forward. A failure that this process sees rolls back instead, so that an error leaves the
 * directory as it was: it marks the journal rolled back first, so that a crash part-way through
 * the rollback is finished the same way.
 *
 * <p>Only what comfypkgs wrote is replaced or deleted: a path that holds a hand-written package
 * file (without the {@link GeneratedFile#NIX_MARKER} header), a directory, a symbolic link or
 * anything else that is not a regular file is refused with a {@link ConflictException}, and a
 * package file is deleted only when it carries the header and no recipe produces it any more.
 */
public final class OutputDirectory {
  /** The lock file, kept in the output directory for good: deleting a lock file is racy. */
  public static final String LOCK_FILE = ".comfypkgs.lock";

  /** Where a generation is staged and journalled; it exists only while one runs or was killed. */
  public static final String TRANSACTION_DIR = ".comfypkgs-transaction";

  private static final String JOURNAL_HEADER = "comfypkgs transaction 1";

  /** How many staged files are written and synced at once (see {@link #writeStaged}). */
  private static final int SYNC_WORKERS = 16;

  /** The file operations the transaction uses; tests inject failures and crashes through it. */
  public interface FileOps {
    /** Writes a new file and forces it to disk. */
    void write(Path path, byte[] content) throws IOException;

    /** Renames atomically, replacing the target if it exists. */
    void move(Path from, Path to) throws IOException;

    FileOps REAL =
        new FileOps() {
          @Override
          public void write(Path path, byte[] content) throws IOException {
            try (FileChannel channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
              ByteBuffer buffer = ByteBuffer.wrap(content);
              while (buffer.hasRemaining()) {
                channel.write(buffer);
              }
              channel.force(true);
            }
          }

          @Override
          public void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
          }
        };
  }

  /** What a write changed, for the processor's note. */
  public record Result(List<String> written, List<String> unchanged, List<String> deleted) {}

  /** A path a generation would write that holds something comfypkgs must not replace. */
  public record Conflict(String path, String holds) {}

  /** The generation claims paths that hold something else; nothing was written. */
  public static final class ConflictException extends IOException {
    private final List<Conflict> conflicts;

    ConflictException(List<Conflict> conflicts) {
      super(conflicts.size() + " generated paths hold something comfypkgs did not write: " + conflicts);
      this.conflicts = List.copyOf(conflicts);
    }

    /** Every conflicting path, in the order of the files that claim them. */
    public List<Conflict> conflicts() {
      return conflicts;
    }
  }

  /** Another generation holds the lock; nothing was written. */
  public static final class BusyException extends IOException {
    BusyException(Path root) {
      super("another comfypkgs generation is writing " + root + " (it holds "
          + root.resolve(LOCK_FILE) + "); nothing was written: run again when it has finished");
    }
  }

  private enum Kind {
    /** The path was free: the staged file is moved in. */
    CREATE,
    /** The path held an older generated file: it is moved aside, then the staged file in. */
    REPLACE,
    /** An orphan: it is moved aside. */
    DELETE
  }

  private record Step(Kind kind, String path) {}

  private final Path root;
  private final FileOps ops;
  private final Path transaction;
  private final Path staged;
  private final Path aside;
  private final Path journal;
  private final Path rollBack;

  /** The output directory at {@code root}; it need not exist yet. */
  public OutputDirectory(Path root) {
    this(root, FileOps.REAL);
  }

  /** The same, with the file operations a test controls. */
  public OutputDirectory(Path root, FileOps ops) {
    this.root = root;
    this.ops = ops;
    this.transaction = root.resolve(TRANSACTION_DIR);
    this.staged = transaction.resolve("new");
    this.aside = transaction.resolve("old");
    this.journal = transaction.resolve("journal");
    this.rollBack = transaction.resolve("rolled-back");
  }

  /**
   * Makes the directory hold exactly {@code files} (and whatever comfypkgs did not write), or
   * leaves it as it was and throws.
   *
   * @throws BusyException when another generation holds the lock
   * @throws ConflictException when a path to write holds something comfypkgs did not write
   */
  public Result replace(List<GeneratedFile> files) throws IOException {
    for (GeneratedFile f : files) {
      checkPath(f.path());
    }
    Files.createDirectories(root);
    try (FileChannel lock = lock()) {
      finishInterrupted();
      List<Conflict> conflicts = conflicts(files);
      if (!conflicts.isEmpty()) {
        throw new ConflictException(conflicts);
      }
      List<Step> steps = new ArrayList<>();
      List<String> written = new ArrayList<>();
      List<String> unchanged = new ArrayList<>();
      List<String> deleted = new ArrayList<>();
      Set<String> produced = new HashSet<>();
      List<GeneratedFile> toStage = new ArrayList<>();
      for (GeneratedFile f : files) {
        produced.add(f.path());
        Path target = root.resolve(f.path());
        byte[] content = bytes(f);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          steps.add(new Step(Kind.CREATE, f.path()));
        } else if (Files.size(target) == content.length
            && Arrays.equals(Files.readAllBytes(target), content)) {
          unchanged.add(f.path());
          continue;
        } else {
          steps.add(new Step(Kind.REPLACE, f.path()));
        }
        toStage.add(f);
        written.add(f.path());
      }
      for (String orphan : orphans(produced)) {
        steps.add(new Step(Kind.DELETE, orphan));
        deleted.add(orphan);
      }
      if (!steps.isEmpty()) {
        stageAndCommit(toStage, steps);
        apply(steps);
      }
      return new Result(written, unchanged, deleted);
    }
  }

  /**
   * Finishes what a killed generation left: rolls a committed journal forward (or back, when it
   * was being rolled back) and removes the staging. Readers of the directory call it before they
   * trust it; {@link #replace} calls it first.
   *
   * @throws BusyException when a generation is running
   */
  public void recover() throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (FileChannel lock = lock()) {
      finishInterrupted();
    }
  }

  /** What in the directory stands where {@code files} would go and is not comfypkgs' to replace. */
  public List<Conflict> conflicts(List<GeneratedFile> files) throws IOException {
    List<Conflict> out = new ArrayList<>();
    Set<Path> checkedParents = new HashSet<>();
    for (GeneratedFile f : files) {
      Path target = root.resolve(f.path());
      // A symbolic link on the way would take the write out of the directory.
      for (Path dir = target.getParent(); !dir.equals(root); dir = dir.getParent()) {
        if (checkedParents.add(dir) && Files.isSymbolicLink(dir)) {
          out.add(new Conflict(root.relativize(dir).toString(), "a symbolic link"));
        }
      }
      BasicFileAttributes found;
      try {
        found = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException free) {
        continue;
      }
      if (found.isSymbolicLink()) {
        out.add(new Conflict(f.path(), "a symbolic link"));
      } else if (found.isDirectory()) {
        out.add(new Conflict(f.path(), "a directory"));
      } else if (!found.isRegularFile()) {
        out.add(new Conflict(f.path(), "a special file"));
      } else if (isPackageFile(f.path()) && !isGenerated(target)) {
        out.add(new Conflict(f.path(), "a hand-written file (it lacks the '"
            + GeneratedFile.NIX_MARKER + "' header)"));
      }
    }
    return out;
  }

  private FileChannel lock() throws IOException {
    FileChannel channel =
        FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    try {
      FileLock held = channel.tryLock();
      if (held == null) {
        throw new BusyException(root);
      }
      return channel; // closing the channel releases the lock
    } catch (OverlappingFileLockException sameJvm) {
      channel.close();
      throw new BusyException(root);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Stages, syncs and commits; on a failure before the commit, discards the staging. */
  private void stageAndCommit(List<GeneratedFile> toStage, List<Step> steps) throws IOException {
    try {
      Set<Path> dirs = new LinkedHashSet<>();
      for (GeneratedFile f : toStage) {
        Path parent = staged.resolve(f.path()).getParent();
        if (dirs.add(parent)) {
          Files.createDirectories(parent);
        }
      }
      writeStaged(toStage);
      Files.createDirectories(transaction);
      dirs.add(transaction);
      syncDirectories(dirs);
      StringBuilder text = new StringBuilder(JOURNAL_HEADER).append('\n');
      for (Step s : steps) {
        text.append(s.kind()).append('\t').append(s.path()).append('\n');
      }
      Path written = transaction.resolve("journal.tmp");
      ops.write(written, text.toString().getBytes(StandardCharsets.UTF_8));
      ops.move(written, journal);
      syncDirectory(transaction);
    } catch (IOException | RuntimeException e) {
      FileTrees.delete(transaction);
      throw e;
    }
  }

  /**
   * Writes and syncs every staged file, {@value #SYNC_WORKERS} at a time. One flush per file, one
   * after the other, was most of a fresh generation's cost (a file system journal commit each);
   * flushes that wait together share commits (ext4's group commit), so 5,000 files took a
   * quarter of the time. The first failure stops the workers, and every one has ended before it
   * is thrown, so that nothing writes into a staging that is being discarded.
   */
  private void writeStaged(List<GeneratedFile> toStage) throws IOException {
    int workerCount = Math.min(SYNC_WORKERS, toStage.size());
    if (workerCount <= 1) {
      for (GeneratedFile f : toStage) {
        ops.write(staged.resolve(f.path()), bytes(f));
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < toStage.size() && failure.get() == null;
          i = next.getAndIncrement()) {
        GeneratedFile f = toStage.get(i);
        try {
          ops.write(staged.resolve(f.path()), bytes(f));
        } catch (IOException | RuntimeException | Error e) { // the calling thread throws it
          failure.compareAndSet(null, e);
        }
      }
    };
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < workerCount; i++) {
      Thread t = new Thread(worker, "comfypkgs-stage-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    joinAll(workers);
    Throwable e = failure.get();
    if (e instanceof IOException io) {
      throw io;
    } else if (e instanceof RuntimeException runtime) {
      throw runtime;
    } else if (e != null) {
      throw (Error) e;
    }
  }

  /** Waits for every thread, even when interrupted (then keeps the interrupt for the caller). */
  private static void joinAll(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Applies the committed steps; on a failure, rolls them back. */
  private void apply(List<Step> steps) throws IOException {
    try {
      for (Step s : steps) {
        forward(s);
      }
      syncParents(steps);
    } catch (IOException | RuntimeException e) {
      try {
        rollBack(steps);
      } catch (IOException | RuntimeException rollBackFailed) {
        // The journal stays, and the next run finishes what was begun.
        e.addSuppressed(rollBackFailed);
      }
      throw e;
    }
    end();
  }

  private void rollBack(List<Step> steps) throws IOException {
    // Marked first: once rollback has begun, recovery must finish it rather than roll forward.
    ops.write(rollBack, new byte[0]);
    syncDirectory(transaction);
    for (Step s : steps) {
      backward(s);
    }
    syncParents(steps);
    end();
  }

  /** One step forward; repeatable, so that recovery can run it again whatever was done. */
  private void forward(Step s) throws IOException {
    Path target = root.resolve(s.path());
    Path staging = staged.resolve(s.path());
    Path backup = aside.resolve(s.path());
    switch (s.kind()) {
      case CREATE, REPLACE -> {
        if (!Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
          return; // already moved in
        }
        if (s.kind() == Kind.REPLACE && Files.exists(target, LinkOption.NOFOLLOW_LINKS)
            && !Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(backup.getParent());
          ops.move(target, backup);
        }
        Files.createDirectories(target.getParent());
        ops.move(staging, target);
      }
      case DELETE -> {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(backup.getParent());
          ops.move(target, backup);
        }
      }
    }
  }

  /** One step undone; repeatable like {@link #forward}. */
  private void backward(Step s) throws IOException {
    Path target = root.resolve(s.path());
    Path staging = staged.resolve(s.path());
    Path backup = aside.resolve(s.path());
    switch (s.kind()) {
      case CREATE -> {
        // Moved in once the staged copy is gone; moved out again into the staging area.
        if (!Files.exists(staging, LinkOption.NOFOLLOW_LINKS)
            && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(staging.getParent());
          ops.move(target, staging);
        }
      }
      case REPLACE, DELETE -> {
        if (Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
          ops.move(backup, target);
        }
      }
    }
  }

  private void syncParents(List<Step> steps) throws IOException {
    Set<Path> dirs = new LinkedHashSet<>();
    for (Step s : steps) {
      dirs.add(root.resolve(s.path()).getParent());
    }
    syncDirectories(dirs);
  }

  /**
   * Ends a transaction whose steps are all applied (or all undone) and synced: without its
   * journal, what is left of the transaction directory is only ever removed.
   */
  private void end() throws IOException {
    Files.delete(journal);
    syncDirectory(transaction);
    FileTrees.delete(transaction);
  }

  /** Rolls a committed journal forward, or back when marked so; an uncommitted one is dropped. */
  private void finishInterrupted() throws IOException {
    if (!Files.exists(transaction, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isRegularFile(journal, LinkOption.NOFOLLOW_LINKS)) {
      List<Step> steps = readJournal();
      boolean back = Files.exists(rollBack, LinkOption.NOFOLLOW_LINKS);
      for (Step s : steps) {
        if (back) {
          backward(s);
        } else {
          forward(s);
        }
      }
      syncParents(steps);
      end();
    } else {
      FileTrees.delete(transaction);
    }
  }

  private List<Step> readJournal() throws IOException {
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    List<Step> steps = new ArrayList<>();
    try {
      if (!lines.get(0).equals(JOURNAL_HEADER)) {
        throw new IllegalArgumentException("it does not start with '" + JOURNAL_HEADER + "'");
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] kindAndPath = line.split("\t", 2);
        checkPath(kindAndPath[1]);
        steps.add(new Step(Kind.valueOf(kindAndPath[0]), kindAndPath[1]));
      }
    } catch (IndexOutOfBoundsException | IllegalArgumentException unreadable) {
      // The commit is a rename, so a journal is complete: this one is not ours, or is damaged.
      throw new IOException(journal + " cannot be finished (" + unreadable.getMessage() + "); it"
          + " was left for you to inspect, with the files it names in " + staged + " and " + aside);
    }
    return steps;
  }

  /** A generated path is relative, normal, on one line, and off the transaction's own files. */
  private static void checkPath(String path) {
    Path p = Path.of(path);
    String first = p.getName(0).toString();
    if (path.isEmpty() || p.isAbsolute() || !p.normalize().toString().equals(path)
        || first.equals("..") || path.contains("\n") || path.contains("\r")
        || first.equals(LOCK_FILE) || first.equals(TRANSACTION_DIR)) {
      throw new IllegalArgumentException("not a path comfypkgs can generate: '" + path + "'");
    }
  }

  /** Package files that carry the generated marker and that no recipe produces any more. */
  private List<String> orphans(Set<String> produced) throws IOException {
    Path pkgs = root.resolve(PackageFiles.DIR);
    if (!Files.isDirectory(pkgs, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> listing = Files.list(pkgs)) {
      for (Path p : listing.sorted().toList()) {
        String relative = PackageFiles.DIR + "/" + p.getFileName();
        if (relative.endsWith(".nix") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            && !produced.contains(relative) && isGenerated(p)) {
          out.add(relative);
        }
      }
    }
    return out;
  }

  private static boolean isPackageFile(String path) {
    return path.startsWith(PackageFiles.DIR + "/");
  }

  /** Whether the file starts with the marker; reads no more than the marker's length. */
  static boolean isGenerated(Path file) throws IOException {
    byte[] marker = GeneratedFile.NIX_MARKER.getBytes(StandardCharsets.UTF_8);
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return Arrays.equals(in.readNBytes(marker.length), marker);
    }
  }

  private static byte[] bytes(GeneratedFile f) {
    return f.content().getBytes(StandardCharsets.UTF_8);
  }

  private static void syncDirectories(Set<Path> dirs) throws IOException {
    for (Path dir : dirs) {
      syncDirectory(dir);
    }
  }

  /**
   * Forces a directory's entries (the renames) to disk. Not every platform can open a directory
   * (Windows cannot); there, renames are as durable as the file system makes them.
   */
  private static void syncDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException cannotOpen) {
      // See above.
    }
  }
}
