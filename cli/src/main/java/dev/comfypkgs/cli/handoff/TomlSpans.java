package dev.comfypkgs.cli.handoff;

import java.util.ArrayList;
import java.util.List;

/**
 * Where things are in a TOML document's text: each key-value's full key path and the exact span
 * of its value, each table header, and where each table's last key-value line ends. Enough to
 * edit one value or add lines to one table while every other character stays as written, which no
 * Java TOML library (they parse and serialise, dropping comments and layout) does.
 *
 * <p>It reads a document a TOML parser has already accepted; it does not validate, and on text it
 * cannot follow it throws {@link IllegalArgumentException}. Line ends may be LF or CRLF; a byte
 * order mark must be removed first.
 */
public final class TomlSpans {
  /**
   * A key-value: {@code path} is the table's path plus the (dotted) key, and for a key inside an
   * inline table the path through it too. The value is {@code text[valueStart, valueEnd)};
   * {@code lineEnd} is where the line holding the value's end stops (after its comment, at the
   * newline or the end of the text), -1 inside an inline table, which has no line of its own.
   * {@code indent} is the whitespace that starts the key's line.
   */
  public record KeyValue(List<String> path, int valueStart, int valueEnd, int lineEnd, String indent) {}

  /**
   * A {@code [path]} or {@code [[path]]} header ending at {@code headerLineEnd}; its last
   * key-value (of its own section, before the next header) is {@code lastKeyValue}, or null.
   */
  public record Table(List<String> path, boolean arrayOfTables, int headerLineEnd, KeyValue lastKeyValue) {}

  private final List<KeyValue> keyValues = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final List<KeyValue> rootKeyValues = new ArrayList<>();

  private final String text;
  private int i;

  private TomlSpans(String text) {
    this.text = text;
  }

  /** Lexes {@code text}, a document a TOML parser accepted. */
  public static TomlSpans of(String text) {
    TomlSpans spans = new TomlSpans(text);
    spans.document();
    return spans;
  }

  /** Every key-value, in text order, inline tables' members after the inline table itself. */
  public List<KeyValue> keyValues() {
    return keyValues;
  }

  /** Every table header, in text order. */
  public List<Table> tables() {
    return tables;
  }

  /** The key-values before the first header, at the document's root. */
  public List<KeyValue> rootKeyValues() {
    return rootKeyValues;
  }

  private void document() {
    List<String> table = List.of();
    List<KeyValue> section = rootKeyValues;
    boolean arrayOfTables = false;
    int headerLineEnd = -1;
    while (true) {
      skipSpacesNewlinesAndComments();
      if (i >= text.length()) {
        break;
      }
      if (text.charAt(i) != '[') {
        String indent = text.substring(lineStart(i), i);
        KeyValue kv = keyValue(table, indent, true);
        section.add(kv);
        i = kv.lineEnd();
        continue;
      }
      closeSection(table, arrayOfTables, headerLineEnd, section);
      arrayOfTables = text.startsWith("[[", i);
      i += arrayOfTables ? 2 : 1;
      table = key();
      expect(arrayOfTables ? "]]" : "]");
      headerLineEnd = endOfLine();
      section = new ArrayList<>();
    }
    closeSection(table, arrayOfTables, headerLineEnd, section);
  }

  private void closeSection(
      List<String> table, boolean arrayOfTables, int headerLineEnd, List<KeyValue> section) {
    if (section != rootKeyValues) {
      tables.add(new Table(List.copyOf(table), arrayOfTables, headerLineEnd,
          section.isEmpty() ? null : section.get(section.size() - 1)));
    }
  }

  /** {@code key = value} at {@code i}; records it (and an inline table's members). */
  private KeyValue keyValue(List<String> table, String indent, boolean ownLine) {
    List<String> path = new ArrayList<>(table);
    path.addAll(key());
    skipSpaces();
    expect("=");
    skipSpaces();
    int start = i;
    int index = keyValues.size();
    keyValues.add(null); // the key-value comes before its inline table's members
    value(path);
    KeyValue kv = new KeyValue(List.copyOf(path), start, i, ownLine ? endOfLine() : -1, indent);
    keyValues.set(index, kv);
    return kv;
  }

  /** A dotted key, each part unquoted. */
  private List<String> key() {
    List<String> parts = new ArrayList<>();
    while (true) {
      skipSpaces();
      parts.add(simpleKey());
      skipSpaces();
      if (i < text.length() && text.charAt(i) == '.') {
        i++;
      } else {
        return parts;
      }
    }
  }

  private String simpleKey() {
    char c = peek();
    if (c == '"') {
      return basicString();
    }
    if (c == '\'') {
      return literalString();
    }
    int start = i;
    while (i < text.length() && isBareKeyChar(text.charAt(i))) {
      i++;
    }
    if (start == i) {
      throw unexpected("a key");
    }
    return text.substring(start, i);
  }

  private void value(List<String> path) {
    char c = peek();
    if (text.startsWith("\"\"\"", i)) {
      i = closing("\"\"\"", i + 3, true);
    } else if (text.startsWith("'''", i)) {
      i = closing("'''", i + 3, false);
    } else if (c == '"') {
      basicString();
    } else if (c == '\'') {
      literalString();
    } else if (c == '[') {
      array(path);
    } else if (c == '{') {
      inlineTable(path);
    } else {
      scalar();
    }
  }

  private void array(List<String> path) {
    i++;
    while (true) {
      skipSpacesNewlinesAndComments();
      if (peek() == ']') {
        i++;
        return;
      }
      value(path);
      skipSpacesNewlinesAndComments();
      if (peek() == ',') {
        i++;
      }
    }
  }

  private void inlineTable(List<String> path) {
    i++;
    while (true) {
      skipSpacesNewlinesAndComments();
      if (peek() == '}') {
        i++;
        return;
      }
      keyValue(path, "", false);
      skipSpacesNewlinesAndComments();
      if (peek() == ',') {
        i++;
      }
    }
  }

  /** A number, boolean or date-time; a date may be followed by a space and a time. */
  private void scalar() {
    int start = i;
    while (i < text.length() && isScalarChar(text.charAt(i))) {
      i++;
    }
    if (start == i) {
      throw unexpected("a value");
    }
    if (text.substring(start, i).matches("\\d{4}-\\d{2}-\\d{2}") && i + 1 < text.length()
        && text.charAt(i) == ' ' && Character.isDigit(text.charAt(i + 1))) {
      i++;
      while (i < text.length() && isScalarChar(text.charAt(i))) {
        i++;
      }
    }
  }

  /** A {@code "..."} string at {@code i}, unescaped. */
  private String basicString() {
    int end = closing("\"", i + 1, true);
    String value = unescape(text.substring(i + 1, end - 1));
    i = end;
    return value;
  }

  private String literalString() {
    int end = closing("'", i + 1, false);
    String value = text.substring(i + 1, end - 1);
    i = end;
    return value;
  }

  /** The index just after the {@code delimiter} that closes a string whose body starts at {@code from}. */
  private int closing(String delimiter, int from, boolean escapes) {
    int j = from;
    while (j < text.length()) {
      char c = text.charAt(j);
      if (escapes && c == '\\') {
        j += 2;
      } else if (text.startsWith(delimiter, j)) {
        int end = j + delimiter.length();
        // A multi-line string may end with up to two quotes of its own before the delimiter.
        while (delimiter.length() == 3 && end < text.length() && text.charAt(end) == delimiter.charAt(0)
            && end - j < 5) {
          end++;
        }
        return end;
      } else {
        j++;
      }
    }
    throw new IllegalArgumentException("unterminated string at offset " + from);
  }

  private static String unescape(String body) {
    StringBuilder out = new StringBuilder(body.length());
    for (int j = 0; j < body.length(); j++) {
      char c = body.charAt(j);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = body.charAt(++j);
      switch (e) {
        case 'b' -> out.append('\b');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'f' -> out.append('\f');
        case 'r' -> out.append('\r');
        case 'e' -> out.append('\u001b');
        case 'u', 'U' -> {
          int digits = e == 'u' ? 4 : 8;
          out.appendCodePoint(Integer.parseInt(body.substring(j + 1, j + 1 + digits), 16));
          j += digits;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }

  /** After the rest of the line at {@code i}: spaces and a comment; returns where its newline starts. */
  private int endOfLine() {
    skipSpaces();
    if (i < text.length() && text.charAt(i) == '#') {
      while (i < text.length() && text.charAt(i) != '\n') {
        i++;
      }
    }
    int end = i < text.length() ? i : text.length();
    if (end > 0 && end < text.length() && text.charAt(end - 1) == '\r') {
      end--;
    }
    return end;
  }

  private int lineStart(int at) {
    int j = at;
    while (j > 0 && text.charAt(j - 1) != '\n') {
      j--;
    }
    return j;
  }

  private void skipSpaces() {
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
  }

  private void skipSpacesNewlinesAndComments() {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        i++;
      } else if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else {
        return;
      }
    }
  }

  private void expect(String token) {
    if (!text.startsWith(token, i)) {
      throw unexpected("'" + token + "'");
    }
    i += token.length();
  }

  private char peek() {
    if (i >= text.length()) {
      throw unexpected("more text");
    }
    return text.charAt(i);
  }

  private IllegalArgumentException unexpected(String what) {
    return new IllegalArgumentException("expected " + what + " at offset " + i);
  }

  private static boolean isBareKeyChar(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
  }

  private static boolean isScalarChar(char c) {
    return isBareKeyChar(c) || c == '+' || c == '.' || c == ':';
  }
}
