package dev.comfypkgs.processor.nix;

/**
 * Escaping for Nix's two string forms. Nix strings cannot hold NUL; everything else, any Unicode
 * included, round-trips.
 */
public final class NixStrings {
  private NixStrings() {}

  /** True when Nix can represent {@code text} in a string at all. */
  public static boolean isRepresentable(String text) {
    return text.indexOf('\0') < 0;
  }

  static void requireRepresentable(String text) {
    if (!isRepresentable(text)) {
      throw new IllegalArgumentException("Nix strings cannot contain NUL");
    }
  }

  /** {@code text} as a double-quoted Nix string literal, quotes included. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '$' -> {
          // "${" starts an interpolation; "$${" is also special in Nix 2.x lexers, so escaping
          // every '$' that precedes '{' covers both.
          if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
            out.append("\\$");
          } else {
            out.append('$');
          }
        }
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /**
   * One line of an indented ({@code ''}) string: {@code ''} and {@code ${} are escaped. The line
   * must not contain a line break. A lone {@code '} right before an escape would merge with it
   * ({@code '''} reads as an escaped {@code ''}), so it is written as the escape {@code ''\'}.
   * Tabs need no escape there.
   */
  public static String escapeIndentedLine(String line) {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("an indented-string line cannot hold a line break");
    }
    StringBuilder out = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
        out.append("'''");
        i++;
      } else if (c == '\'' && line.startsWith("${", i + 1)) {
        out.append("''\\'");
      } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '{') {
        out.append("''${");
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
