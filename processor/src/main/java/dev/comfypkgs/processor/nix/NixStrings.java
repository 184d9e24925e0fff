package dev.comfypkgs.processor.nix;

import java.util.ArrayList;
import java.util.List;

/**
 * Escaping for Nix's two string forms and for comments. Nix strings cannot hold NUL, and a UTF-8
 * file cannot hold an unpaired surrogate; everything else, any Unicode included, round-trips.
 */
public final class NixStrings {
  private NixStrings() {}

  /**
   * True when {@code text} can be written into a generated file as it is: no NUL (Nix strings
   * cannot hold one, and Nix 2.8 reads a file only up to its first NUL) and no unpaired surrogate
   * (UTF-8 has no encoding for it; Java's encoder would silently write {@code ?}).
   */
  public static boolean isRepresentable(String text) {
    return text.indexOf('\0') < 0 && unpairedSurrogateAt(text) < 0;
  }

  /** The index of the first unpaired surrogate in {@code text}, or -1. */
  public static int unpairedSurrogateAt(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  static void requireRepresentable(String text) {
    if (!isRepresentable(text)) {
      throw new IllegalArgumentException("Nix strings cannot contain NUL or an unpaired surrogate");
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

  /**
   * The lines of {@code #} comments that show {@code text}. Nix ends a {@code #} comment at CR or
   * LF (its lexer rule is {@code #[^\r\n]*}), so each CR, LF or CRLF starts a new comment line;
   * every other character that is not plainly visible is written as {@link #visible}. Whatever
   * the text, the comment ends where the printer ends it, and a reader sees what Nix sees.
   */
  public static List<String> commentLines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\r\n|\r|\n", -1)) {
      lines.add(visible(line));
    }
    return lines;
  }

  /**
   * {@code text} with every character that is invisible, or that a terminal or editor would act
   * on, written as {@code <U+XXXX>}: controls other than tab (NUL, CR, LF, ESC, NEL U+0085...),
   * format characters (bidirectional overrides, zero-width characters, the byte-order mark),
   * U+2028 and U+2029, and unpaired surrogates. Used for comments and for diagnostics, which
   * quote what a recipe wrote.
   */
  public static String visible(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (c != '\t' && isHidden(c)) {
        out.append(String.format("<U+%04X>", c));
      } else {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }

  private static boolean isHidden(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE -> true;
      default -> false;
    };
  }
}
