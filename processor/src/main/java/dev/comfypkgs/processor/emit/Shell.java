package dev.comfypkgs.processor.emit;

/** POSIX shell quoting for text placed in build phases. */
final class Shell {
  private Shell() {}

  /**
   * {@code text} as one shell word: single-quoted, or double-quoted when it holds a single quote
   * but nothing a double-quoted word would expand, else single-quoted with {@code '\''} for each
   * quote. The middle form keeps Python snippets like {@code expanduser('~')} readable.
   */
  static String quote(String text) {
    if (text.indexOf('\'') < 0) {
      return "'" + text + "'";
    }
    if (text.chars().noneMatch(c -> c == '$' || c == '`' || c == '"' || c == '\\' || c == '!')) {
      return "\"" + text + "\"";
    }
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
