package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.parse.Anchor;
import java.util.ArrayList;
import java.util.List;

/** Everything the rules found in one compilation, in the order found. */
public final class ValidationReport {
  private final List<Finding> findings = new ArrayList<>();

  public void error(Rule rule, Anchor anchor, String message) {
    findings.add(new Finding(rule.id(), Severity.ERROR, anchor, message));
  }

  public void warning(Rule rule, Anchor anchor, String message) {
    findings.add(new Finding(rule.id(), Severity.WARNING, anchor, message));
  }

  public void note(Rule rule, Anchor anchor, String message) {
    findings.add(new Finding(rule.id(), Severity.NOTE, anchor, message));
  }

  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  public boolean hasErrors(boolean warningsAsErrors) {
    return findings.stream()
        .anyMatch(
            f ->
                f.severity() == Severity.ERROR
                    || (warningsAsErrors && f.severity() == Severity.WARNING));
  }
}
