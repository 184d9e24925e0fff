package dev.comfypkgs.cli.release;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What must hold before a release command moves anything, and what the repository records about
 * earlier moves: each check refuses with exit 1 and says what to do, before any change.
 */
public final class Flow {
  /** How many of a divergence's commits a refusal lists. */
  static final int LISTED_COMMITS = 10;

  /** The paragraph of a rotation's tag that records its plan, for an interrupted run to finish. */
  public static final String ROTATION_RECORD = "Comfypkgs-Rotation:";

  /** The paragraph of a {@code --to-main} tag that records the advance of main. */
  public static final String ADVANCE_RECORD = "Comfypkgs-Advance:";

  private Flow() {}


  /**
   * Refuses a local branch that lacks commits its remote-tracking branch has: promoting it would
   * leave those commits behind, and the push would be refused anyway.
   */
  public static void requireNotBehind(Git git, Optional<String> remote, String branch, String commit) {
    if (remote.isEmpty()) {
      return;
    }
    String tracking = remote.get() + "/" + branch;
    Optional<String> remoteCommit = git.commit("refs/remotes/" + tracking);
    if (remoteCommit.isEmpty() || git.isAncestor(remoteCommit.get(), commit)) {
      return;
    }
    if (git.isAncestor(commit, remoteCommit.get())) {
      throw new CliException(ExitCode.FAILED, branch + " is behind " + tracking + ": bring it up to"
          + " date first (`git fetch " + remote.get() + " " + branch + ":" + branch + "`, or `git merge"
          + " --ff-only " + tracking + "` where it is checked out), then run this again");
    }
    throw new CliException(ExitCode.FAILED, branch + " and " + tracking + " have diverged: merge "
        + tracking + " into " + branch + " (`git switch " + branch + " && git merge " + tracking
        + "`: a merge, not a rebase), push it, then run this again");
  }

  /**
   * Refuses moving {@code target} (at {@code targetCommit}) to {@code source} (at {@code
   * sourceCommit}) unless that is a fast-forward, listing the commits of {@code target} that
   * {@code source} lacks, then {@code advice}.
   */
  public static void requireFastForward(
      Git git, String source, String sourceCommit, String target, String targetCommit, String advice) {
    if (git.isAncestor(targetCommit, sourceCommit)) {
      return;
    }
    Git.AheadBehind counts = git.aheadBehind(sourceCommit, targetCommit);
    List<String> commits = Tools.lines(git.check("log", "--format=%h %s", "-n",
        String.valueOf(LISTED_COMMITS), sourceCommit + ".." + targetCommit).stdout());
    StringBuilder message = new StringBuilder(target + " has " + counts.behind() + " commit"
        + (counts.behind() == 1 ? "" : "s") + " that " + source + " lacks, so moving " + target
        + " to " + source + " would not be a fast-forward:");
    commits.forEach(c -> message.append("\n  ").append(c));
    if (counts.behind() > commits.size()) {
      message.append("\n  ... and ").append(counts.behind() - commits.size()).append(" more");
    }
    message.append('\n').append(advice);
    throw new CliException(ExitCode.FAILED, message.toString());
  }

  /** How to bring the commits of {@code from} into {@code into}: a merge, never a rebase; then {@code then}. */
  public static String mergeAdvice(String into, String from, String then) {
    return "merge " + from + " into " + into + " (`git switch " + into + " && git merge " + from
        + "`: a merge, not a rebase), " + then;
  }

  /** The work tree where {@code branch} is checked out, if any. */
  public static Optional<Path> worktreeOf(Git git, String branch) {
    Path current = null;
    for (String line : git.check("worktree", "list", "--porcelain").stdout().split("\n")) {
      if (line.startsWith("worktree ")) {
        current = Path.of(line.substring("worktree ".length()));
      } else if (line.equals("branch refs/heads/" + branch) && current != null) {
        return Optional.of(current);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code branch} is checked out in this work tree (it then moves with {@code git merge
   * --ff-only}); refuses when it is checked out in another, whose files would be left behind.
   */
  public static boolean checkedOutHere(Git git, String branch) {
    Optional<Path> holder = worktreeOf(git, branch);
    if (holder.isEmpty()) {
      return false;
    }
    if (samePlace(holder.get(), git.root())) {
      return true;
    }
    throw new CliException(ExitCode.FAILED, branch + " is checked out in the worktree "
        + holder.get() + ": switch that worktree to another branch first, then run this again");
  }

  private static boolean samePlace(Path a, Path b) {
    try {
      return a.toRealPath().equals(b.toRealPath());
    } catch (java.io.IOException e) {
      return a.normalize().equals(b.normalize());
    }
  }

  /**
   * Every {@code v*} tag with the commit it names, local and, when {@code remote} is given, on the
   * remote too ({@code git ls-remote}): a name taken only there is taken.
   */
  public static List<SnapshotTags.Tag> tags(Git git, Optional<String> remote) {
    List<SnapshotTags.Tag> tags = new ArrayList<>();
    for (String line : Tools.lines(git.check("for-each-ref",
        "--format=%(refname:strip=2) %(objectname) %(*objectname)", "refs/tags/v*").stdout())) {
      String[] f = line.split(" ");
      tags.add(new SnapshotTags.Tag(f[0], f.length > 2 ? f[2] : f[1]));
    }
    if (remote.isPresent()) {
      Map<String, String> remoteTags = new LinkedHashMap<>();
      for (String line : Tools.lines(
          git.check("ls-remote", "--tags", remote.get(), "refs/tags/v*").stdout())) {
        String[] f = line.split("\t");
        String name = f[1].substring("refs/tags/".length());
        if (name.endsWith("^{}")) {
          remoteTags.put(name.substring(0, name.length() - 3), f[0]);
        } else {
          remoteTags.putIfAbsent(name, f[0]);
        }
      }
      remoteTags.forEach((name, commit) -> tags.add(new SnapshotTags.Tag(name, commit)));
    }
    return tags;
  }

  /** A rotation recorded in its tag: main from {@code main0} to {@code main1}, latest likewise. */
  public record Rotation(String tag, String main0, String main1, String latest0, String latest1) {
    /** The record paragraph, as written into the tag's message. */
    public String paragraph() {
      return ROTATION_RECORD + " main " + main0 + " " + main1 + " latest " + latest0 + " " + latest1;
    }
  }

  /**
   * The newest rotation whose tag exists but which is not finished: its tag archives {@code main0},
   * main is at its old or new value, latest likewise, and either not both are at their new values
   * here, or they are not both there on the remote ({@code remoteMain}, {@code remoteLatest}: the
   * remote-tracking commits, when the remote is to be pushed to). Only the record tells this from
   * a fresh state that looks the same: right after the main step, main equals latest, which is
   * also where a rotation with nothing to archive starts; after the last local step, latest is
   * ahead of main, where a new rotation would start.
   */
  public static Optional<Rotation> pendingRotation(Git git, String main, String latest,
      Optional<String> remoteMain, Optional<String> remoteLatest) {
    String out = git.check("for-each-ref", "--sort=-taggerdate",
        "--format=%(refname:strip=2)%00%(*objectname)%00%(contents)%01", "refs/tags/v*").stdout();
    for (String entry : out.split("\u0001\n?")) {
      String[] f = entry.split("\u0000", 3);
      if (f.length < 3) {
        continue;
      }
      for (String line : f[2].split("\n")) {
        String[] w = line.strip().split(" ");
        if (w.length != 7 || !w[0].equals(ROTATION_RECORD) || !w[1].equals("main")
            || !w[4].equals("latest")) {
          continue;
        }
        Rotation r = new Rotation(f[0], w[2], w[3], w[5], w[6]);
        boolean started = f[1].equals(r.main0())
            && (main.equals(r.main0()) || main.equals(r.main1()))
            && (latest.equals(r.latest0()) || latest.equals(r.latest1()));
        boolean finishedHere = main.equals(r.main1()) && latest.equals(r.latest1());
        boolean finishedThere = remoteMain.isEmpty()
            || (remoteMain.equals(Optional.of(r.main1())) && remoteLatest.equals(Optional.of(r.latest1())));
        if (started && !(finishedHere && finishedThere)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }
}
