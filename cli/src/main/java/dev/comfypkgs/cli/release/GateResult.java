package dev.comfypkgs.cli.release;

/**
 * The verdict of one gate on one commit.
 *
 * @param gate the gate
 * @param commit the candidate's full sha
 * @param outcome how it ended
 * @param detail why, in words fit for the user: what is stale, the processor's error lines, the
 *     verify report; empty when it passed with nothing to add
 */
public record GateResult(Gate gate, String commit, Outcome outcome, String detail) {
  /** How a gate ended. */
  public enum Outcome {
    PASSED,
    FAILED,
    /** Skipped at the user's request ({@code --skip-gate}). */
    SKIPPED,
    /** Could not run here (no Nix for {@code static}); not a failure. */
    NOT_RUN
  }

  /** Whether this result lets the candidate through: anything but {@link Outcome#FAILED}. */
  public boolean allows() {
    return outcome != Outcome.FAILED;
  }
}
