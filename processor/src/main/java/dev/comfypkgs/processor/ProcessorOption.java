package dev.comfypkgs.processor;

import java.util.Map;

/** The processor's {@code -A} options. */
public enum ProcessorOption {
  /** The output directory ({@code generated-nix}); without it, files go to the class output only. */
  OUT("comfypkgs.out"),
  /** The vendored sources directory, to compute the relative path package files use. */
  SOURCES("comfypkgs.sources"),
  /** {@code true}: warnings fail the compilation too. */
  WARNINGS_AS_ERRORS("comfypkgs.warningsAsErrors"),
  /** A JSON list of nixpkgs Python attribute names for the unknown-name rule. */
  NIXPKGS_INDEX("comfypkgs.nixpkgsIndex"),
  /**
   * {@code false}: do not also write the files to the class output. javac's Filer compares every
   * new file with every file created before it, which is quadratic; a build that writes to
   * {@link #OUT} anyway (recipes-java) can skip the copies. Default {@code true}, so tests and
   * IDEs without {@link #OUT} see the files.
   */
  CLASS_OUTPUT("comfypkgs.classOutput"),
  /** {@code true}: a note with the time each phase took (read, model, rules, render, write). */
  TIMING("comfypkgs.timing");

  private final String key;

  ProcessorOption(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public String get(Map<String, String> options) {
    String v = options.get(key);
    return v == null || v.isBlank() ? null : v;
  }

  public boolean isTrue(Map<String, String> options) {
    return "true".equalsIgnoreCase(get(options));
  }
}
