package dev.comfypkgs.cli;

/**
 * Text made safe for a cell of a GitHub Markdown table: whatever it holds, it shows as itself and
 * cannot end its cell or its row, open a link or a code span, or emphasise what follows. The text
 * must already be on one line ({@link Terminal#escape} turns line breaks into {@code \n}).
 */
final class Markdown {
  private Markdown() {}

  /**
   * The text as plain inline text: each character that could start markup is backslash-escaped.
   * An underscore between two letters or digits is left alone, since it cannot emphasise there
   * ({@code x86_64-linux} stays readable).
   */
  static String text(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean active = switch (c) {
        case '\\', '`', '*', '[', ']', '<', '>', '|', '~', '&', '$' -> true;
        case '_' -> !(i > 0 && i + 1 < text.length()
            && Character.isLetterOrDigit(text.charAt(i - 1))
            && Character.isLetterOrDigit(text.charAt(i + 1)));
        default -> false;
      };
      if (active) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * The text as a code span: fenced by one backtick more than its longest run of backticks, with
   * a space inside each fence when it starts or ends with one (CommonMark strips exactly one), and
   * each {@code |} as {@code \|}, which a table cell needs even inside a code span (GitHub drops
   * that backslash before the span is read, so the span shows the text as it is).
   */
  static String code(String text) {
    int longestRun = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longestRun = Math.max(longestRun, run);
    }
    String fence = "`".repeat(longestRun + 1);
    String pad = text.startsWith("`") || text.endsWith("`") || text.isBlank() ? " " : "";
    return fence + pad + text.replace("|", "\\|") + pad + fence;
  }
}
