package dev.comfypkgs.cli;

import dev.comfypkgs.cli.release.Flow;
import dev.comfypkgs.cli.release.Plan;
import dev.comfypkgs.cli.release.SnapshotTags;
import dev.comfypkgs.cli.release.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs release promote}: one fast-forward along the flow, after the gates pass on the
 * candidate. Without options latest-testing moves to latest-staging (the spec's Phase 1); {@code
 * --track main} moves main-testing to main-staging, and with {@code --to-main} main-staging to main,
 * tagging main's prior state first as every advance of main does; {@code --to-latest} moves
 * latest-staging to latest without moving main, the way back into the flow after maintenance.
 */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = "Fast-forwards the next branch of the flow to its source after the gates pass:"
        + " latest-testing -> latest-staging; with --track main, main-testing -> main-staging; with"
        + " --track main --to-main, main-staging -> main (tagging main first); with --to-latest,"
        + " latest-staging -> latest. Prints the git commands unless --apply or --push.")
final class ReleasePromoteCommand implements Callable<Integer> {
  @ParentCommand ReleaseCommand release;

  @Mixin RemoteOption remoteOption;

  @Mixin ApplyOptions mode;

  @Mixin GateOptions gateOptions;

  @Option(names = "--track", paramLabel = "latest|main", defaultValue = "latest",
      description = "The flow to promote in: latest (the default) or main (maintenance).")
  String track;

  @Option(names = "--to-main", description = "With --track main: move main-staging to main,"
      + " tagging main's prior state first.")
  boolean toMain;

  @Option(names = "--to-latest", description = "Move latest-staging to latest without moving main:"
      + " after maintenance releases were merged into latest-testing and promoted.")
  boolean toLatest;

  @Override
  public Integer call() {
    if (!track.equals("latest") && !track.equals("main")) {
      throw CliException.usage("--track is latest or main, not '" + Terminal.escape(track) + "'");
    }
    if (toMain && !track.equals("main")) {
      throw CliException.usage("--to-main moves main-staging to main: give it with --track main");
    }
    if (toLatest && track.equals("main")) {
      throw CliException.usage("--to-latest moves latest-staging to latest: it does not combine with --track main");
    }
    String source = toMain ? "main-staging" : toLatest ? "latest-staging"
        : track.equals("main") ? "main-testing" : "latest-testing";
    String target = toMain ? "main" : toLatest ? "latest"
        : track.equals("main") ? "main-staging" : "latest-staging";
    String title = "release promote: " + source + " -> " + target;
    ReleaseRun run = ReleaseRun.start(release.main, title, remoteOption, mode, gateOptions);

    String candidate = run.require(source, source.startsWith("main-")
        ? "start it from main with `git branch " + source + " main`" : "create it from main first");
    // main is where every advance of it is archived from: it must exist (here) to be tagged.
    Optional<String> targetCommit = toMain
        ? Optional.of(run.require(target, "main is the stable branch every clone has; fetch it")) : run.find(target);
    List<String> refs = new ArrayList<>();
    if (targetCommit.isPresent() && run.git.isAncestor(candidate, targetCommit.get())) {
      return run.nothingToDo(target + " already holds every commit of " + source,
          List.of("refs/heads/" + target));
    }
    targetCommit.ifPresent(at -> Flow.requireFastForward(run.git, source, candidate, target, at,
        Flow.mergeAdvice(source, target, "then promote again")));
    run.gate(source, candidate);

    Plan plan = new Plan();
    List<String> notes = new ArrayList<>();
    Step.Rev moveTo = Step.Rev.of(candidate);
    if (toMain) {
      // main exists: it is the target of a fast-forward checked above.
      SnapshotTags.Choice tag = run.snapshotTag(targetCommit.get());
      if (tag.exists()) {
        notes.add("main's prior state is already archived as " + tag.name());
      } else {
        plan.add(new Step.CreateTag(tag.name(), targetCommit.get(), List.of(
            "Stable snapshot: " + tag.name(),
            Flow.ADVANCE_RECORD + " main " + targetCommit.get() + " " + candidate,
            run.gatesParagraph())));
      }
      run.tagRef(tag).ifPresent(refs::add);
    } else if (run.skippedAny()) {
      // No tag to carry the record: an empty commit on the source puts it in the branch's log.
      moveTo = plan.record(candidate, List.of(
          "Promote " + source + " to " + target + " with a gate skipped", run.gatesParagraph()));
      plan.add(run.move(source, Optional.of(candidate), moveTo, "promote: record skipped gates"));
      refs.add("refs/heads/" + source);
    }
    plan.add(run.move(target, targetCommit, moveTo, "promote: " + target + " to " + source));
    refs.add("refs/heads/" + target);
    return run.finish(plan, refs, notes);
  }
}
