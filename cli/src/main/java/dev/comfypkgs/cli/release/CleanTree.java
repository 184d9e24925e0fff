package dev.comfypkgs.cli.release;

import dev.comfypkgs.cli.Terminal;
import dev.comfypkgs.cli.Tools;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether the work tree is clean enough for a command that commits, moves a branch or publishes:
 * no change to a tracked file, staged or not, and no merge, rebase or cherry-pick under way.
 * Untracked files are allowed: {@code sources/} is untracked by design (sources/README.md).
 */
public final class CleanTree {
  /** The operations that leave the tree between two states, by the file git keeps for each. */
  private static final Map<String, String> IN_PROGRESS = Map.of(
      "MERGE_HEAD", "a merge", "rebase-merge", "a rebase", "rebase-apply", "a rebase or git am",
      "CHERRY_PICK_HEAD", "a cherry-pick", "REVERT_HEAD", "a revert");

  /** The changed files named in a message; the rest are counted, so the message stays one line. */
  private static final int SHOWN = 3;

  private CleanTree() {}

  /** Why the tree is not clean, in one line; empty when it is. */
  public static Optional<String> problem(Git git) {
    for (Map.Entry<String, String> marker : IN_PROGRESS.entrySet()) {
      String path = git.check("rev-parse", "--git-path", marker.getKey()).stdout().strip();
      if (Files.exists(git.root().resolve(path))) {
        return Optional.of(marker.getValue() + " is in progress in " + git.root()
            + " (" + marker.getKey() + "): finish it or abort it first");
      }
    }
    List<String> changed = changedTrackedFiles(git);
    return changed.isEmpty() ? Optional.empty() : Optional.of("the work tree has uncommitted"
        + " changes to tracked files (" + shown(changed) + "): commit or stash them first");
  }

  /** git's porcelain lines ({@code " M README.md"}) for every tracked file that differs from HEAD. */
  public static List<String> changedTrackedFiles(Git git) {
    return Tools.lines(git.check("status", "--porcelain=v1", "--untracked-files=no").stdout());
  }

  /** The first few of {@code lines}, escaped for the terminal, and how many more there are. */
  public static String shown(List<String> lines) {
    String listed = lines.stream().limit(SHOWN).map(line -> Terminal.escape(line.strip()))
        .collect(Collectors.joining(", "));
    return lines.size() <= SHOWN ? listed : listed + " and " + (lines.size() - SHOWN) + " more";
  }
}
