package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.Location;
import java.util.ArrayList;
import java.util.List;

/** Everything the rules found in one compilation, in the order found. */
public final class ValidationReport {
  private final List<Finding> findings = new ArrayList<>();

  public void error(Rule rule, Location location, String message) {
    findings.add(new Finding(rule.id(), Severity.ERROR, location, message));
  }

  public void warning(Rule rule, Location location, String message) {
    findings.add(new Finding(rule.id(), Severity.WARNING, location, message));
  }

  public void note(Rule rule, Location location, String message) {
    findings.add(new Finding(rule.id(), Severity.NOTE, location, message));
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
