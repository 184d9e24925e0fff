package dev.comfypkgs.processor.model;

/**
 * {@code substituteInPlace file --replace-fail replace with}; {@code node} is the node of a bundle
 * whose file it edits, empty for a package's own source.
 */
public record Substitution(String file, String replace, String with, String node) {
  /** An edit of a package's own source. */
  public Substitution(String file, String replace, String with) {
    this(file, replace, with, "");
  }
}
