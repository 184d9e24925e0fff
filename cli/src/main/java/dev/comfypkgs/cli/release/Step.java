package dev.comfypkgs.cli.release;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One change a release command makes, which is exactly one git command. A step knows the state it
 * expects, so it is printed in a dry run, and on execution re-checks that state first: a step
 * already done (an interrupted run, or a second one) is skipped; a ref found at neither its old nor
 * its new value is refused, never overwritten.
 */
public sealed interface Step permits Step.CreateTag, Step.MoveBranch, Step.RecordCommit, Step.Push {
  /** The all-zero object name: {@code git update-ref}'s "this ref must not exist yet". */
  String NO_COMMIT = "0".repeat(40);

  /** The git arguments, without {@code git}; a {@link Rev#variable} stands for a commit made earlier. */
  List<Object> arguments();

  /**
   * Performs the step after checking the state; returns {@link Outcome#DONE} or {@link
   * Outcome#ALREADY_DONE}. {@code made} holds the commits earlier steps made, by variable name.
   */
  Outcome execute(Git git, Map<String, String> made);

  /** What executing a step did. */
  enum Outcome {
    DONE,
    ALREADY_DONE
  }

  /** A commit: a known object name, or one a {@link RecordCommit} makes when the plan runs. */
  record Rev(String sha, String variable) {
    public static Rev of(String sha) {
      return new Rev(sha, null);
    }

    static Rev made(String variable) {
      return new Rev(null, variable);
    }

    String resolve(Map<String, String> made) {
      return sha != null ? sha : made.get(variable);
    }
  }

  /** {@code git tag -a NAME -m P1 -m P2 ... COMMIT}: an annotated tag, one paragraph per {@code -m}. */
  record CreateTag(String name, String commit, List<String> paragraphs) implements Step {
    @Override
    public List<Object> arguments() {
      List<Object> args = new ArrayList<>(List.of("tag", "-a", name));
      for (String p : paragraphs) {
        args.add("-m");
        args.add(p);
      }
      args.add(commit);
      return args;
    }

    @Override
    public Outcome execute(Git git, Map<String, String> made) {
      Optional<String> at = git.commit("refs/tags/" + name);
      if (at.isPresent()) {
        if (at.get().equals(commit)) {
          return Outcome.ALREADY_DONE;
        }
        throw new CliException(ExitCode.FAILED, "tag " + name + " already exists at " + at.get()
            + ", not at " + commit + ": an existing tag is never moved");
      }
      git.check(strings(arguments(), made));
      return Outcome.DONE;
    }
  }

  /**
   * A fast-forward of {@code branch} from {@code from} (empty: the branch is created) to {@code
   * to}: {@code git update-ref} with the old value, so that a branch moved meanwhile is not
   * overwritten; or, for the branch checked out in this work tree, {@code git merge --ff-only}, so
   * that the files follow HEAD.
   */
  record MoveBranch(String branch, Optional<String> from, Rev to, String reason, boolean checkedOutHere)
      implements Step {
    @Override
    public List<Object> arguments() {
      if (checkedOutHere) {
        return List.of("merge", "--ff-only", to);
      }
      return List.of("update-ref", "-m", reason, "refs/heads/" + branch, to, from.orElse(NO_COMMIT));
    }

    @Override
    public Outcome execute(Git git, Map<String, String> made) {
      Optional<String> at = git.commit("refs/heads/" + branch);
      String target = to.resolve(made);
      if (at.isPresent() && at.get().equals(target)) {
        return Outcome.ALREADY_DONE;
      }
      if (!at.equals(from)) {
        throw new CliException(ExitCode.FAILED, branch + " is at " + at.orElse("nothing")
            + ", neither " + from.orElse("absent") + " (before) nor " + target
            + " (after): it moved meanwhile; nothing was changed, run the command again");
      }
      git.check(strings(arguments(), made));
      return Outcome.DONE;
    }
  }

  /**
   * {@code VARIABLE=$(git commit-tree PARENT^{tree} -p PARENT -m P1 -m P2...)}: a commit with its
   * parent's files, whose only content is its message (a record in the branch's log).
   */
  record RecordCommit(String variable, String parent, List<String> paragraphs) implements Step {
    @Override
    public List<Object> arguments() {
      List<Object> args = new ArrayList<>(List.of("commit-tree", parent + "^{tree}", "-p", parent));
      for (String p : paragraphs) {
        args.add("-m");
        args.add(p);
      }
      return args;
    }

    @Override
    public Outcome execute(Git git, Map<String, String> made) {
      made.put(variable, git.check(strings(arguments(), made)).stdout().strip());
      return Outcome.DONE;
    }
  }

  /**
   * {@code git push --atomic --porcelain REMOTE REF:REF...}: every ref by its full name on both
   * sides, never with {@code +} or a force option, so that git and the server refuse anything but a
   * fast-forward or a new ref. A server without atomic push gets one push per ref, in order.
   */
  record Push(String remote, List<String> refs) implements Step {
    @Override
    public List<Object> arguments() {
      List<Object> args = new ArrayList<>(List.of("push", "--atomic", "--porcelain", remote));
      refs.forEach(ref -> args.add(ref + ":" + ref));
      return args;
    }

    @Override
    public Outcome execute(Git git, Map<String, String> made) {
      Tools.Result r = git.run(strings(arguments(), made));
      if (r.ok()) {
        return upToDate(r) ? Outcome.ALREADY_DONE : Outcome.DONE;
      }
      if (!r.stderr().contains("does not support --atomic")) {
        throw rejected(r);
      }
      boolean allUpToDate = true;
      for (String ref : refs) {
        Tools.Result one = git.run("push", "--porcelain", remote, ref + ":" + ref);
        if (!one.ok()) {
          throw rejected(one);
        }
        allUpToDate &= upToDate(one);
      }
      return allUpToDate ? Outcome.ALREADY_DONE : Outcome.DONE;
    }

    /** Porcelain lines are {@code FLAG\tFROM:TO\tSUMMARY}; {@code =} is "up to date". */
    private static boolean upToDate(Tools.Result r) {
      return r.stdout().lines().filter(l -> l.contains("\t")).allMatch(l -> l.startsWith("="));
    }

    private CliException rejected(Tools.Result r) {
      List<String> why = new ArrayList<>(r.stdout().lines().filter(l -> l.startsWith("!")).toList());
      r.stderr().lines().filter(l -> !l.isBlank()).forEach(why::add);
      return new CliException(ExitCode.FAILED, "the push to " + remote + " was refused; nothing"
          + " was forced (fetch, look at the branches with `comfypkgs release status`, run again):\n"
          + String.join("\n", why));
    }
  }

  /** The arguments with each {@link Rev} resolved. */
  static String[] strings(List<Object> arguments, Map<String, String> made) {
    return arguments.stream()
        .map(a -> a instanceof Rev rev ? rev.resolve(made) : (String) a)
        .toArray(String[]::new);
  }
}
