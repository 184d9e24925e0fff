package dev.comfypkgs.cli.requirements;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.requirements.DependencySpecifier.Comparison;
import dev.comfypkgs.cli.requirements.DependencySpecifier.MarkerToken;
import dev.comfypkgs.cli.requirements.DependencySpecifier.Operand;
import dev.comfypkgs.cli.requirements.DependencySpecifier.Punctuation;
import dev.comfypkgs.common.PythonNames;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PEP 508 environment markers evaluated as {@code packaging} evaluates them ({@code and} binds
 * tighter than {@code or}; a version comparison where the right side is a valid version clause,
 * else a string comparison), in three-valued logic: a comparison this environment cannot decide
 * is {@link Truth#UNDECIDED}, and stays so unless the rest of the marker decides without it. The
 * nesting is walked with an explicit stack, so no marker can overflow the thread's.
 */
public final class Markers {
  /** What a marker is in an environment. */
  public enum Truth {
    TRUE,
    FALSE,
    /** It depends on what this environment cannot know, or compares what cannot be compared. */
    UNDECIDED;

    Truth and(Truth other) {
      if (this == FALSE || other == FALSE) {
        return FALSE;
      }
      return this == TRUE && other == TRUE ? TRUE : UNDECIDED;
    }

    Truth or(Truth other) {
      if (this == TRUE || other == TRUE) {
        return TRUE;
      }
      return this == FALSE && other == FALSE ? FALSE : UNDECIDED;
    }

    static Truth of(boolean value) {
      return value ? TRUE : FALSE;
    }
  }

  private Markers() {}

  /**
   * The marker (the text after a requirement's {@code ;}) in the environment: true if it holds for
   * any of the extras asked for (for {@code extra == ""} when none were), as pip installs a
   * requirement once per extra.
   *
   * @throws CliException (exit 2) with one line when the text is not a marker
   */
  public static Truth evaluate(String marker, MarkerEnvironment environment) {
    if (marker.length() > Pep508.MAX_LENGTH) {
      throw CliException.usage("an environment marker of " + marker.length() + " characters: longer than "
          + Pep508.MAX_LENGTH + ", not read.");
    }
    List<MarkerToken> tokens;
    try {
      tokens = new DependencySpecifier().markerTokens(marker);
    } catch (DependencySpecifier.SyntaxError e) {
      throw CliException.usage(
          "invalid environment marker " + RequirementsFile.quote(marker) + ": " + e.getMessage() + ".");
    }
    Set<String> extras = environment.extras().isEmpty() ? Set.of("") : environment.extras();
    Truth result = Truth.FALSE;
    for (String extra : extras) {
      result = result.or(evaluate(tokens, environment, extra));
    }
    return result;
  }

  /** One level of parentheses: the groups joined by {@code or} so far, and the current {@code and} group. */
  private static final class Level {
    Truth anyGroup = Truth.FALSE;
    Truth group = Truth.TRUE;

    Truth value() {
      return anyGroup.or(group);
    }
  }

  private static Truth evaluate(List<MarkerToken> tokens, MarkerEnvironment environment, String extra) {
    Deque<Level> levels = new ArrayDeque<>();
    levels.push(new Level());
    for (MarkerToken token : tokens) {
      if (token instanceof Comparison c) {
        Level level = levels.peek();
        level.group = level.group.and(compare(c, environment, extra));
      } else if (token == Punctuation.OPEN) {
        levels.push(new Level());
      } else if (token == Punctuation.CLOSE) {
        Truth inner = levels.pop().value();
        Level level = levels.peek();
        level.group = level.group.and(inner);
      } else if (token == Punctuation.OR) {
        Level level = levels.peek();
        level.anyGroup = level.anyGroup.or(level.group);
        level.group = Truth.TRUE;
      } // AND: the next comparison joins the current group
    }
    return levels.pop().value();
  }

  private static Truth compare(Comparison c, MarkerEnvironment environment, String extra) {
    Optional<String> lhs = value(c.lhs(), environment, extra);
    Optional<String> rhs = value(c.rhs(), environment, extra);
    if (lhs.isEmpty() || rhs.isEmpty()) {
      return Truth.UNDECIDED;
    }
    String left = lhs.get();
    String right = rhs.get();
    if (isExtra(c.lhs()) || isExtra(c.rhs())) {
      left = PythonNames.normalize(left);
      right = PythonNames.normalize(right);
    }
    if (DependencySpecifier.isVersionClause(c.op(), right)) {
      Optional<Pep440.Version> version = Pep440.Version.parse(left);
      Optional<Pep440.Specifier> specifier = Pep440.Specifier.parse(c.op() + right);
      if (version.isEmpty() || specifier.isEmpty()) {
        return Truth.UNDECIDED; // packaging raises here: the marker cannot be evaluated
      }
      return Truth.of(specifier.get().contains(version.get(), true));
    }
    int order = compareCodePoints(left, right);
    return switch (c.op()) {
      case "in" -> Truth.of(right.contains(left));
      case "not in" -> Truth.of(!right.contains(left));
      case "==" -> Truth.of(order == 0);
      case "!=" -> Truth.of(order != 0);
      case "<" -> Truth.of(order < 0);
      case "<=" -> Truth.of(order <= 0);
      case ">" -> Truth.of(order > 0);
      case ">=" -> Truth.of(order >= 0);
      default -> Truth.UNDECIDED; // ~= or === on what is not a version: packaging cannot compare it
    };
  }

  private static boolean isExtra(Operand operand) {
    return operand.variable() && operand.text().equals("extra");
  }

  private static Optional<String> value(Operand operand, MarkerEnvironment environment, String extra) {
    if (!operand.variable()) {
      return Optional.of(operand.text());
    }
    return isExtra(operand) ? Optional.of(extra) : environment.value(operand.text());
  }

  /** Python's string order: by code point, where Java's compareTo orders UTF-16 units. */
  private static int compareCodePoints(String a, String b) {
    return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }
}
