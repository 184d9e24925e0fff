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
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs release rotate}: the spec's Phase 2 in its order. Main's prior state is tagged
 * {@code v<its ComfyUI release>} ("Stable snapshot"), main is fast-forwarded to latest, latest to
 * latest-staging. The tag is made first and records the plan, so a rotation stopped half-way is
 * finished by running it again, from that record, instead of tagging twice or refusing forever.
 */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = "Tags main as v<its ComfyUI release> (v<R>-r2... when taken), fast-forwards main"
        + " to latest and latest to latest-staging, after the gates pass on both candidates; an"
        + " interrupted rotation is finished by running it again. Prints the git commands unless"
        + " --apply or --push.")
final class ReleaseRotateCommand implements Callable<Integer> {
  private static final List<String> REFS = List.of("refs/heads/main", "refs/heads/latest");

  @ParentCommand ReleaseCommand release;

  @Mixin RemoteOption remoteOption;

  @Mixin ApplyOptions mode;

  @Mixin GateOptions gateOptions;

  @Override
  public Integer call() {
    ReleaseRun run = ReleaseRun.start(release.main, "release rotate", remoteOption, mode, gateOptions);
    String main = run.require("main", "create it first");
    String latest = run.require("latest", "create it from main first");
    String staging = run.require("latest-staging", "create it from main first");

    Optional<Flow.Rotation> pending = Flow.pendingRotation(run.git, main, latest,
        run.tracking("main"), run.tracking("latest"));
    if (pending.isPresent()) {
      return resume(run, pending.get(), main, latest);
    }
    Flow.requireFastForward(run.git, "latest", latest, "main", main, "bring them into the next"
        + " release first: `git switch latest-testing && git merge main` (a merge, not a rebase),"
        + " `comfypkgs release promote`, `comfypkgs release promote --to-latest`; then rotate");
    Flow.requireFastForward(run.git, "latest-staging", staging, "latest", latest,
        Flow.mergeAdvice("latest-testing", "latest", "then promote and rotate again"));
    if (latest.equals(staging)) {
      // Rotating without a new candidate would leave main equal to latest: no previous stable.
      return run.nothingToDo("latest-staging has nothing new for latest (promote first)", REFS);
    }
    if (!main.equals(latest)) {
      run.gate("latest", latest);
    }
    run.gate("latest-staging", staging);

    Plan plan = new Plan();
    List<String> refs = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Step.Rev newLatest = Step.Rev.of(staging);
    if (main.equals(latest)) {
      notes.add("main is at latest: it does not advance, so nothing is archived");
    } else {
      SnapshotTags.Choice tag = run.snapshotTag(main);
      if (tag.exists()) {
        notes.add("main's prior state is already archived as " + tag.name());
      } else {
        Flow.Rotation record = new Flow.Rotation(tag.name(), main, latest, latest, staging);
        plan.add(new Step.CreateTag(tag.name(), main,
            List.of("Stable snapshot: " + tag.name(), record.paragraph(), run.gatesParagraph())));
      }
      run.tagRef(tag).ifPresent(refs::add);
      plan.add(run.move("main", Optional.of(main), Step.Rev.of(latest), "rotate: main to latest"));
    }
    if (run.skippedAny() && plan.steps().stream().noneMatch(s -> s instanceof Step.CreateTag)) {
      // No new tag to carry the record: an empty commit on latest-staging puts it in the log.
      newLatest = plan.record(staging, List.of("Rotate latest-staging to latest with a gate skipped",
          run.gatesParagraph()));
      plan.add(run.move("latest-staging", Optional.of(staging), newLatest, "rotate: record skipped gates"));
      refs.add("refs/heads/latest-staging");
    }
    plan.add(run.move("latest", Optional.of(latest), newLatest, "rotate: latest to latest-staging"));
    refs.addAll(REFS);
    return run.finish(plan, refs, notes);
  }

  /** Finishes the rotation recorded in its tag, with the recorded commits; the gates passed then. */
  private static int resume(ReleaseRun run, Flow.Rotation rotation, String main, String latest) {
    Plan plan = new Plan();
    if (main.equals(rotation.main0())) {
      plan.add(run.move("main", Optional.of(rotation.main0()), Step.Rev.of(rotation.main1()),
          "rotate: main to latest"));
    }
    if (latest.equals(rotation.latest0())) {
      plan.add(run.move("latest", Optional.of(rotation.latest0()), Step.Rev.of(rotation.latest1()),
          "rotate: latest to latest-staging"));
    }
    List<String> refs = new ArrayList<>(List.of("refs/tags/" + rotation.tag()));
    refs.addAll(REFS);
    return run.finish(plan, refs, List.of("resuming the rotation recorded in tag " + rotation.tag()
        + " (its gates were checked then)" + (plan.isEmpty()
            ? ": it is done here, and not yet on the remote; --push pushes it" : "")));
  }
}
