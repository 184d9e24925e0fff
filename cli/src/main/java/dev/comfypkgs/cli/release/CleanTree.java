package dev.comfypkgs.cli.release;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the work tree is clean enough for a release command to move a branch: no change to a
 * tracked file, staged or not, and no merge, rebase or cherry-pick under way. Untracked files are
 * allowed: {@code sources/} is untracked by design (sources/README.md).
 */
public final class CleanTree {
  /** The operations that leave the tree between two states, by the file git keeps for each. */
  private static final Map<String, String> IN_PROGRESS = Map.of(
      "MERGE_HEAD", "a merge", "rebase-merge", "a rebase", "rebase-apply", "a rebase or git am",
      "CHERRY_PICK_HEAD", "a cherry-pick", "REVERT_HEAD", "a revert");

  /** The changed files quoted; the rest are counted. */
  private static final int SHOWN = 10;

  private CleanTree() {}

  /** Why the tree is not clean, in one line or a line and the changed files; empty when it is. */
  public static Optional<String> problem(Git git) {
    for (Map.Entry<String, String> marker : IN_PROGRESS.entrySet()) {
      String path = git.check("rev-parse", "--git-path", marker.getKey()).stdout().strip();
      if (Files.exists(git.root().resolve(path))) {
        return Optional.of(marker.getValue() + " is in progress in " + git.root()
            + " (" + marker.getKey() + "): finish it or abort it first");
      }
    }
    List<String> changed = git.check("status", "--porcelain=v1", "--untracked-files=no")
        .stdout().lines().filter(line -> !line.isBlank()).toList();
    if (changed.isEmpty()) {
      return Optional.empty();
    }
    String shown = String.join("\n", changed.subList(0, Math.min(SHOWN, changed.size())))
        + (changed.size() > SHOWN ? "\n... and " + (changed.size() - SHOWN) + " more" : "");
    return Optional.of("the work tree has uncommitted changes to tracked files (commit or stash"
        + " them first):\n" + shown);
  }
}
