package dev.comfypkgs.processor.rules;

/** How bad a finding is: an error fails the compilation, a warning does not (unless asked to). */
public enum Severity {
  ERROR,
  WARNING,
  NOTE
}
