package dev.comfypkgs.cli;

import java.util.regex.Pattern;

/**
 * Text from users, recipes and archives, made safe to echo: a name holding an escape sequence or
 * a carriage return must not recolour, retitle or overwrite what the terminal shows.
 */
public final class Terminal {
  private static final Pattern PLAIN_SHELL_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private Terminal() {}

  /**
   * {@code text} as one POSIX shell word of a printed command: bare when it holds only characters
   * no shell treats specially, else in single quotes (a quote inside as {@code '\''}). It is
   * {@linkplain #escape escaped} first, so a printed command never moves the cursor or hides
   * text; the words of commands that are also run hold nothing to escape, so for them the printed
   * word is exactly the one run.
   */
  public static String shellWord(String text) {
    String shown = escape(text);
    return PLAIN_SHELL_WORD.matcher(shown).matches()
        ? shown : "'" + shown.replace("'", "'\\''") + "'";
  }

  /**
   * The text with every character a terminal would act on or hide escaped: C0 and C1 controls
   * and DEL as {@code \xNN} ({@code \n}, {@code \r}, {@code \t} by name); format characters
   * (bidirectional overrides, zero-width marks), line and paragraph separators, lone surrogates,
   * private-use and unassigned code points as a backslash, {@code u} and four hex digits (or
   * {@code \UXXXXXXXX} beyond the BMP). Everything else is kept as it is.
   */
  public static String escape(String text) {
    int first = 0;
    while (first < text.length() && isPlainAscii(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text; // the common case, and a table can escape 400,000 cells
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    text.codePoints().skip(first).forEach(c -> {
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\x%02x", c));
          } else if (isHidden(c)) {
            out.append(String.format(c > 0xFFFF ? "\\U%08x" : "\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }

  private static boolean isPlainAscii(char c) {
    return c >= 0x20 && c < 0x7f;
  }

  /**
   * Whether a terminal would act on the code point, or show it as nothing or as something else:
   * a control, a format character (bidirectional overrides, zero-width marks), a line or paragraph
   * separator, half a surrogate pair, a private-use or unassigned code point.
   */
  public static boolean needsEscape(int c) {
    return Character.isISOControl(c) || isHidden(c);
  }

  private static boolean isHidden(int c) {
    return switch (Character.getType(c)) {
      case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
      default -> false;
    };
  }
}
