package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.Location;

/** One diagnostic: the rule that found it, how bad it is, where, and what to do about it. */
public record Finding(String ruleId, Severity severity, Location location, String message) {
  /** The text javac prints: the rule id first, so it can be searched for in the README. */
  public String text() {
    return "[" + ruleId + "] " + message;
  }
}
