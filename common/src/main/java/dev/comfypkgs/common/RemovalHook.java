package dev.comfypkgs.common;

/**
 * What nixpkgs' relax-deps hook does with one {@code pythonRemoveDeps} entry: it deletes every
 * METADATA line matching {@code sed -e "/Requires-Dist: $dep/d"}. The entry is therefore a POSIX
 * basic regular expression, matched case-sensitively against METADATA's own spelling and anchored
 * only at its start: {@code torch} also removes {@code torchvision}, {@code open-clip-torch} does not
 * remove {@code open_clip_torch}, and the {@code .} of {@code ruamel.yaml} matches any character.
 * No PEP 503 normalisation happens (nixpkgs issue #319223).
 *
 * <p>Entries are PEP 508 names, whose only regex metacharacter is {@code .}; the other basic-regex
 * metacharacters are modelled too ({@code *}, a {@code \} escape, a final {@code $}) so that a
 * hand-edited {@code recipes.json} is judged as sed would judge it, while a bracket expression is
 * taken literally (sed would reject most of them as unterminated anyway).
 */
public final class RemovalHook {
  /** The characters a basic regular expression gives a meaning of their own. */
  private static final String METACHARACTERS = ".*[]^$\\";

  private RemovalHook() {}

  /**
   * Whether the hook, given {@code removal}, deletes the METADATA line
   * {@code Requires-Dist: <requirement>}; {@code requirement} is the text after the colon and
   * space, as METADATA spells it (name, extras, version, marker).
   */
  public static boolean removes(String removal, String requirement) {
    if (removal.indexOf('*') < 0 && removal.indexOf('\\') < 0 && removal.indexOf('$') < 0) {
      return literalOrAnyPrefix(removal, requirement);
    }
    return new Matcher(removal, requirement).matchesFrom(0, 0);
  }

  /** Every name takes this path: one character of the requirement per character of the removal. */
  private static boolean literalOrAnyPrefix(String removal, String requirement) {
    if (removal.length() > requirement.length()) {
      return false;
    }
    for (int i = 0; i < removal.length(); i++) {
      char r = removal.charAt(i);
      char c = requirement.charAt(i);
      if (c == '\n' || (r != '.' && r != c)) {
        return false;
      }
    }
    return true;
  }

  /** The regex metacharacters in {@code removal}, in order of first appearance; empty if none. */
  public static String metacharacters(String removal) {
    StringBuilder found = new StringBuilder();
    for (int i = 0; i < removal.length(); i++) {
      char c = removal.charAt(i);
      if (METACHARACTERS.indexOf(c) >= 0 && found.indexOf(String.valueOf(c)) < 0) {
        found.append(c);
      }
    }
    return found.toString();
  }

  /**
   * A backtracking matcher for the subset above, memoised on (pattern position, text position) so
   * that runs of {@code *} cost at most the product of the two lengths, never an exponential.
   */
  private static final class Matcher {
    private final String pattern;
    private final String text;
    private final byte[] memo;

    Matcher(String pattern, String text) {
      this.pattern = pattern;
      this.text = text;
      this.memo = new byte[(pattern.length() + 1) * (text.length() + 1)];
    }

    boolean matchesFrom(int p, int t) {
      int key = p * (text.length() + 1) + t;
      if (memo[key] != 0) {
        return memo[key] > 0;
      }
      boolean result = compute(p, t);
      memo[key] = (byte) (result ? 1 : -1);
      return result;
    }

    private boolean compute(int p, int t) {
      if (p == pattern.length()) {
        return true;
      }
      char c = pattern.charAt(p);
      if (c == '$' && p == pattern.length() - 1) {
        return t == text.length();
      }
      boolean escaped = c == '\\' && p + 1 < pattern.length();
      char literal = escaped ? pattern.charAt(p + 1) : c;
      int atomEnd = p + (escaped ? 2 : 1);
      boolean anyChar = !escaped && c == '.';
      boolean starred =
          atomEnd < pattern.length() && pattern.charAt(atomEnd) == '*' && !(p == 0 && c == '*');
      if (starred) {
        for (int k = t; ; k++) {
          if (matchesFrom(atomEnd + 1, k)) {
            return true;
          }
          if (!accepts(k, anyChar, literal)) {
            return false;
          }
        }
      }
      return accepts(t, anyChar, literal) && matchesFrom(atomEnd, t + 1);
    }

    /** Whether the character at {@code t} exists and is one the atom matches ({@code .}: not a newline). */
    private boolean accepts(int t, boolean anyChar, char literal) {
      return t < text.length() && text.charAt(t) != '\n' && (anyChar || text.charAt(t) == literal);
    }
  }
}
