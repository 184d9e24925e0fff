package dev.comfypkgs.cli.fetch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites one string value of one annotation in a Java source, leaving every other byte as it
 * was. Scans the text (strings, character literals and comments skipped) rather than reparsing
 * and printing the file, which would reformat it.
 */
public final class JavaSourceEditor {
  private JavaSourceEditor() {}

  /**
   * The source with the {@code attribute = "..."} of the first {@code @annotation(...)} set to
   * {@code value}; for {@code value}, the single-element form {@code @annotation("...")} too.
   * Throws if there is no such literal to rewrite.
   */
  public static String replaceString(String source, String annotation, String attribute, String value) {
    int[] literal = literal(source, annotation, attribute);
    return source.substring(0, literal[0]) + "\"" + escape(value) + "\"" + source.substring(literal[1]);
  }

  /**
   * The text of the string literal {@link #replaceString} would rewrite, between its quotes and
   * with its escapes as written; throws as it does.
   */
  public static String stringValue(String source, String annotation, String attribute) {
    int[] literal = literal(source, annotation, attribute);
    return source.substring(literal[0] + 1, literal[1] - 1);
  }

  /** How many {@code @annotation(...)} the source holds in code, not in comments or literals. */
  public static int count(String source, String annotation) {
    Matcher start = start(annotation).matcher(source);
    int n = 0;
    for (int from = 0; start.find(from); from = start.end()) {
      if (inCode(source, start.start())) {
        n++;
      }
    }
    return n;
  }

  private static Pattern start(String annotation) {
    return Pattern.compile("@(?:[\\w.]+\\.)?" + Pattern.quote(annotation) + "\\s*\\(");
  }

  private static int[] literal(String source, String annotation, String attribute) {
    Matcher start = start(annotation).matcher(source);
    int from = 0;
    while (start.find(from)) {
      if (inCode(source, start.start())) {
        int open = start.end() - 1;
        int close = matchingParen(source, open);
        int[] literal = attribute.equals("value") ? singleElement(source, open + 1, close) : null;
        if (literal == null) {
          literal = topLevelAssignment(source, open + 1, close, attribute);
        }
        if (literal == null) {
          throw new IllegalArgumentException("@" + annotation + " has no " + attribute
              + " = \"...\" literal to rewrite");
        }
        return literal;
      }
      from = start.end();
    }
    throw new IllegalArgumentException("no @" + annotation + "(...) in the source");
  }

  /** The literal of {@code @A("...")}: the only thing between the parentheses but comments. */
  private static int[] singleElement(String s, int from, int to) {
    int at = skipSpaceAndComments(s, from, to);
    if (at >= to || s.charAt(at) != '"' || s.startsWith("\"\"\"", at)) {
      return null;
    }
    int end = skipLiteral(s, at);
    if (end > to || skipSpaceAndComments(s, end, to) != to) {
      throw new IllegalArgumentException("value is not a single string literal");
    }
    return new int[] {at, end};
  }

  private static int skipSpaceAndComments(String s, int from, int to) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && i + 1 < to && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
        i = skipComment(s, i);
      } else {
        break;
      }
    }
    return i;
  }

  /** Start (the opening quote) and end (after the closing quote) of the literal, or null. */
  private static int[] topLevelAssignment(String s, int from, int to, String attribute) {
    Pattern name = Pattern.compile("\\b" + Pattern.quote(attribute) + "\\s*=\\s*");
    int depth = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(s, i) - 1;
      } else if (c == '/' && i + 1 < to && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
        i = skipComment(s, i) - 1;
      } else if (c == '(' || c == '{') {
        depth++;
      } else if (c == ')' || c == '}') {
        depth--;
      } else if (depth == 0 && Character.isJavaIdentifierStart(c)
          && (i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1)))) {
        Matcher m = name.matcher(s).region(i, to);
        if (m.lookingAt() && m.end() < to && s.charAt(m.end()) == '"' && !s.startsWith("\"\"\"", m.end())) {
          int end = skipLiteral(s, m.end());
          if (end > to || stripComments(s.substring(end, to)).stripLeading().startsWith("+")) {
            throw new IllegalArgumentException(attribute + " is not a single string literal");
          }
          return new int[] {m.end(), end};
        }
      }
    }
    return null;
  }

  private static String stripComments(String s) {
    return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
  }

  private static int matchingParen(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(s, i) - 1;
      } else if (c == '/' && i + 1 < s.length() && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
        i = skipComment(s, i) - 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced parentheses in the annotation");
  }

  /** True when position {@code at} is code, not inside a comment or literal. */
  private static boolean inCode(String s, int at) {
    for (int i = 0; i < at; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(s, i) - 1;
      } else if (c == '/' && i + 1 < s.length() && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
        i = skipComment(s, i) - 1;
      }
      if (i >= at) {
        return false;
      }
    }
    return true;
  }

  private static int skipLiteral(String s, int at) {
    char quote = s.charAt(at);
    if (quote == '"' && s.startsWith("\"\"\"", at)) {
      int end = s.indexOf("\"\"\"", at + 3);
      return end < 0 ? s.length() : end + 3;
    }
    for (int i = at + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i + 1;
      }
    }
    return s.length();
  }

  private static int skipComment(String s, int at) {
    if (s.charAt(at + 1) == '/') {
      int end = s.indexOf('\n', at);
      return end < 0 ? s.length() : end;
    }
    int end = s.indexOf("*/", at + 2);
    return end < 0 ? s.length() : end + 2;
  }

  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
