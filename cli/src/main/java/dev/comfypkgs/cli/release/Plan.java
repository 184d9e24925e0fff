package dev.comfypkgs.cli.release;

import dev.comfypkgs.cli.Terminal;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The changes one release command makes, in order: local steps, then optionally one push. The dry
 * run prints them as the exact commands, one per line, that a POSIX shell in the repository's top
 * directory would run to the same effect; executing runs the same argument lists.
 */
public final class Plan {
  /** Arguments a shell takes as they are; anything else is single-quoted. */

  private final List<Step> local = new ArrayList<>();
  private Optional<Step.Push> push = Optional.empty();
  private int records;

  /** Adds a local step. */
  public Plan add(Step step) {
    local.add(step);
    return this;
  }

  /**
   * Adds an empty commit on {@code parent} carrying {@code paragraphs}, and returns the commit it will
   * be, for the steps after it.
   */
  public Step.Rev record(String parent, List<String> paragraphs) {
    String variable = "recorded" + (records == 0 ? "" : String.valueOf(records + 1));
    records++;
    local.add(new Step.RecordCommit(variable, parent, List.copyOf(paragraphs)));
    return Step.Rev.made(variable);
  }

  /** Sets the push that follows the local steps. */
  public Plan push(String remote, List<String> refs) {
    push = refs.isEmpty() ? Optional.empty() : Optional.of(new Step.Push(remote, List.copyOf(refs)));
    return this;
  }

  /** Whether there is nothing to do locally. */
  public boolean isEmpty() {
    return local.isEmpty();
  }

  /** The local steps, in order. */
  public List<Step> steps() {
    return List.copyOf(local);
  }

  /** The push, if any. */
  public Optional<Step.Push> pushStep() {
    return push;
  }

  /**
   * Prints the local commands, then the push as a comment: every line that is not a comment is
   * what {@code --apply} runs, so the output given to {@code sh} does exactly that and no more.
   */
  public void printDryRun(PrintWriter out) {
    local.forEach(step -> out.println(shell(step)));
    push.ifPresent(p -> out.println("# with --push: " + shell(p)));
  }

  /**
   * Runs the local steps, then the push when {@code withPush}; prints each command as it runs, or
   * as a comment when its state shows it was already done.
   */
  public void execute(Git git, boolean withPush, PrintWriter out) {
    Map<String, String> made = new HashMap<>();
    List<Step> steps = new ArrayList<>(local);
    if (withPush) {
      push.ifPresent(steps::add);
    }
    for (Step step : steps) {
      Step.Outcome outcome = step.execute(git, made);
      out.println(outcome == Step.Outcome.DONE ? shell(step) : "# already done: " + shell(step));
      if (step instanceof Step.RecordCommit record) {
        out.println("# " + record.variable() + " is " + made.get(record.variable()));
      }
      out.flush();
    }
  }

  /** The step as one shell line: {@code git} and its arguments, each quoted as needed. */
  public static String shell(Step step) {
    StringBuilder line = new StringBuilder("git");
    for (Object a : step.arguments()) {
      line.append(' ').append(a instanceof Step.Rev rev && rev.sha() == null
          ? "\"$" + rev.variable() + "\"" : Terminal.shellWord((String) (a instanceof Step.Rev rev ? rev.sha() : a)));
    }
    return step instanceof Step.RecordCommit record
        ? record.variable() + "=$(" + line + ")" : line.toString();
  }

}
