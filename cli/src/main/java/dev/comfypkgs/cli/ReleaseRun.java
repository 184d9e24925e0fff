package dev.comfypkgs.cli;

import dev.comfypkgs.cli.release.CleanTree;
import dev.comfypkgs.cli.release.Flow;
import dev.comfypkgs.cli.release.Gate;
import dev.comfypkgs.cli.release.GateResult;
import dev.comfypkgs.cli.release.Gates;
import dev.comfypkgs.cli.release.Git;
import dev.comfypkgs.cli.release.Plan;
import dev.comfypkgs.cli.release.SnapshotTags;
import dev.comfypkgs.cli.release.Step;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code release promote} and {@code release rotate} share: the checks before any change
 * (clean tree, nothing left behind on the remote), the gates and their record, and running or
 * printing the plan. Nothing changes before every check has passed.
 */
final class ReleaseRun {
  final Git git;
  private final String title;
  private final String remote;
  private final boolean hasRemote;
  private final ApplyOptions mode;
  private final GateOptions gateOptions;
  private final PrintWriter out;
  /** Each candidate ({@code branch@sha}) with its gates' results, in the order they ran. */
  private final Map<String, List<GateResult>> verdicts = new LinkedHashMap<>();
  private Gates gates;

  private ReleaseRun(Git git, String title, String remote, boolean hasRemote, ApplyOptions mode,
      GateOptions gateOptions, PrintWriter out) {
    this.git = git;
    this.title = title;
    this.remote = remote;
    this.hasRemote = hasRemote;
    this.mode = mode;
    this.gateOptions = gateOptions;
    this.out = out;
  }

  /**
   * Opens the repository, refuses a dirty tree, and with {@code --push} fetches the remote's
   * branches first, so that the plan is made against what the push will meet.
   */
  static ReleaseRun start(Main main, String title, RemoteOption remoteOption, ApplyOptions mode,
      GateOptions gateOptions) {
    if (gateOptions.reason().isPresent() && gateOptions.skipped().isEmpty()) {
      throw CliException.usage("--reason says why a gate is skipped: give it with --skip-gate NAME");
    }
    Git git = Git.open(main.workspace().root());
    String remote = remoteOption.remote();
    boolean hasRemote = git.hasRemote(remote);
    if (mode.push() && !hasRemote) {
      throw CliException.usage("there is no remote named '" + Terminal.escape(remote)
          + "' to push to (see git remote -v; choose one with --remote)");
    }
    CleanTree.problem(git).ifPresent(dirty -> {
      throw new CliException(ExitCode.FAILED, dirty);
    });
    if (mode.push()) {
      git.check("fetch", "--quiet", "--no-tags", "--end-of-options", remote);
    }
    return new ReleaseRun(git, title, remote, hasRemote, mode, gateOptions,
        main.spec.commandLine().getOut());
  }

  /** The remote, when the repository has it. */
  Optional<String> remote() {
    return hasRemote ? Optional.of(remote) : Optional.empty();
  }

  /** The remote-tracking commit of {@code branch}, when the remote exists. */
  Optional<String> tracking(String branch) {
    return hasRemote ? git.commit("refs/remotes/" + remote + "/" + branch) : Optional.empty();
  }

  /** The commit {@code branch} is at; exit 1, with {@code howToCreate}, when it does not exist. */
  String require(String branch, String howToCreate) {
    String commit = find(branch).orElseThrow(() -> new CliException(
        ExitCode.FAILED, "there is no branch " + branch + ": " + howToCreate));
    return commit;
  }

  /**
   * The commit {@code branch} is at, if it exists, checked not to be behind the remote. A branch
   * only the remote has is refused (exit 1): the plan would start it afresh here, diverged from
   * the remote's, and a push would then be rejected after the local refs had moved.
   */
  Optional<String> find(String branch) {
    Optional<String> commit = git.commit("refs/heads/" + branch);
    if (commit.isEmpty() && tracking(branch).isPresent()) {
      throw new CliException(ExitCode.FAILED, "the branch " + branch + " exists only on " + Terminal.escape(remote)
          + ": create it from there first (git branch " + branch + " " + Terminal.shellWord(remote + "/" + branch) + ")");
    }
    commit.ifPresent(c -> Flow.requireNotBehind(git, remote(), branch, c));
    return commit;
  }

  /**
   * Runs the gates on {@code commit}, the candidate {@code branch} offers; exit 1 on the first
   * failure, with what failed and how to skip it knowingly.
   */
  void gate(String branch, String commit) {
    if (gates == null) {
      gates = new Gates(git, gateOptions.nixpkgs());
    }
    List<GateResult> results = gates.check(commit, gateOptions.skipped());
    for (GateResult result : results) {
      if (result.outcome() == GateResult.Outcome.FAILED) {
        throw new CliException(ExitCode.FAILED, "gate " + name(result.gate()) + " failed for "
            + branch + " at " + commit + ": " + result.detail() + "\nnothing was changed; fix the"
            + " commit, or skip the gate knowingly with --skip-gate " + name(result.gate())
            + " --reason TEXT (the skip is recorded)");
      }
    }
    verdicts.put(branch + "@" + commit, results);
  }

  /** Whether a gate was skipped: the record of it must go into the tag or the log. */
  boolean skippedAny() {
    return verdicts.values().stream().flatMap(List::stream)
        .anyMatch(r -> r.outcome() == GateResult.Outcome.SKIPPED);
  }

  /**
   * {@code Comfypkgs-Gates: <branch>@<sha> generated=passed static=skipped: <reason>; ...}: the
   * verdict on each candidate, for the tag message or the log.
   */
  String gatesParagraph() {
    return "Comfypkgs-Gates: " + verdicts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue().stream()
            .map(r -> name(r.gate()) + "=" + r.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .collect(Collectors.joining(" ")))
        .collect(Collectors.joining("; "))
        + (skippedAny() ? ": " + gateOptions.reason().orElse("no reason given") : "");
  }

  /** The snapshot tag for main's prior state {@code commit}: existing there, or a new name. */
  SnapshotTags.Choice snapshotTag(String commit) {
    String release = git.release(commit).filter(r -> SnapshotTags.RELEASE.matcher(r).matches())
        .orElseThrow(() -> new CliException(ExitCode.FAILED, "main at " + commit + " carries no"
            + " ComfyUI release of the form X.Y.Z in " + Git.RECIPES_JSON + ", which names its"
            + " snapshot tag: regenerate it (mvn -B verify) and commit it on main first"));
    return SnapshotTags.nameFor(release, commit, Flow.tags(git, remote()));
  }

  /**
   * The tag to push for {@code choice}: a new one, or an existing one this repository has (one
   * known only from the remote is there already).
   */
  Optional<String> tagRef(SnapshotTags.Choice choice) {
    String ref = "refs/tags/" + choice.name();
    return !choice.exists() || git.commit(ref).isPresent() ? Optional.of(ref) : Optional.empty();
  }

  /** The move of {@code branch}, through the work tree when it is checked out here. */
  Step.MoveBranch move(String branch, Optional<String> from, Step.Rev to, String reason) {
    return new Step.MoveBranch(branch, from, to, "comfypkgs release " + reason,
        Flow.checkedOutHere(git, branch));
  }

  /** Says there is nothing to move, and with {@code --push} still pushes {@code refs}. */
  int nothingToDo(String why, List<String> refs) {
    out.println("# " + title + ": nothing to do, " + why);
    if (mode.push()) {
      Plan plan = new Plan().push(remote, refs);
      plan.execute(git, true, out);
    }
    out.flush();
    return ExitCode.OK;
  }

  /** Prints the plan (the default) or performs it, pushing {@code refs} with {@code --push}. */
  int finish(Plan plan, List<String> refs, List<String> notes) {
    if (hasRemote) {
      plan.push(remote, refs);
    }
    out.println("# " + title + (mode.apply() ? "" : ": dry run, nothing changed; --apply does this"
        + " locally, --push also pushes"));
    notes.forEach(n -> out.println("# " + n));
    verdicts.forEach((candidate, results) -> out.println("# gates on "
        + candidate.substring(0, candidate.indexOf('@') + 13) + ": " + results.stream()
            .map(r -> name(r.gate()) + " " + r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (r.outcome() == GateResult.Outcome.NOT_RUN ? " (" + r.detail() + ")" : ""))
            .collect(Collectors.joining(", "))));
    if (mode.apply()) {
      plan.execute(git, mode.push(), out);
    } else {
      plan.printDryRun(out);
    }
    out.flush();
    return ExitCode.OK;
  }

  private static String name(Gate gate) {
    return gate.gateName();
  }
}
