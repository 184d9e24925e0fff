package dev.comfypkgs.processor.nix;

import java.util.Set;
import java.util.regex.Pattern;

/** Which names Nix accepts unquoted, as variables and as attribute names. */
public final class NixNames {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_'\\-]*");
  private static final Set<String> KEYWORDS =
      Set.of("if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or");

  private NixNames() {}

  /** True when {@code name} can stand as a variable: an identifier that is not a keyword. */
  public static boolean isIdentifier(String name) {
    return IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(name);
  }

  static void requireIdentifier(String name) {
    if (!isIdentifier(name)) {
      throw new IllegalArgumentException("not a Nix identifier: '" + name + "'");
    }
  }

  static void requireAttributeName(String name) {
    // Attribute names in bindings may be keywords-free identifiers only: the generated files never
    // need quoted attribute names, and refusing them keeps the printer trivial.
    requireIdentifier(name);
  }
}
