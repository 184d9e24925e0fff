package dev.comfypkgs.cli.requirements;

import java.util.List;

/**
 * PEP 508 dependency specifiers as they appear outside requirements files: PyPI's
 * {@code requires_dist} entries and a {@code pyproject.toml}'s {@code [project].dependencies}.
 * They are read with the same port of {@code packaging}'s grammar that reads requirements files, so
 * an entry is accepted exactly when pip would accept it.
 */
public final class Pep508 {
  /** Longer entries are refused unread: no real dependency comes near it. */
  static final int MAX_LENGTH = 64 * 1024;

  /**
   * One dependency: the distribution as spelled; its extras as written; its version specifiers
   * joined by commas without whitespace ({@code ">=1,<2"}, empty when none); the URL of a direct
   * reference, else null; the environment marker, else null.
   */
  public record Dependency(String name, List<String> extras, String specifier, String url, String marker) {}

  /** Why an entry is not a dependency specifier: one line, safe to print. */
  public static final class InvalidDependency extends Exception {
    InvalidDependency(String message) {
      super(message);
    }
  }

  private Pep508() {}

  /** Whether the text is a PEP 508 project name, as pip checks one. */
  public static boolean isProjectName(String text) {
    return DependencySpecifier.isProjectName(text);
  }

  /**
   * The dependency the text specifies.
   *
   * @throws InvalidDependency when packaging would refuse it, saying why and where
   */
  public static Dependency parse(String text) throws InvalidDependency {
    if (text.length() > MAX_LENGTH) {
      throw new InvalidDependency("a dependency of " + text.length() + " characters: longer than "
          + MAX_LENGTH + ", not read");
    }
    try {
      DependencySpecifier.Parsed parsed = new DependencySpecifier().parse(text);
      return new Dependency(parsed.name(), parsed.extras(), parsed.specifier(), parsed.url(), parsed.marker());
    } catch (DependencySpecifier.SyntaxError e) {
      throw new InvalidDependency("invalid dependency " + RequirementsFile.quote(text) + ": " + e.getMessage());
    }
  }
}
