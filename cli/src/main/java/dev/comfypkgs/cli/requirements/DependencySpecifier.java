package dev.comfypkgs.cli.requirements;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 508 dependency specifiers ({@code name[extras] specifiers ; marker} or {@code name @ url ;
 * marker}), accepted exactly when the {@code packaging} library pip vendors accepts them: this is
 * a port of its tokenizer rules and recursive-descent grammar, with the error messages it gives.
 * Markers are parsed without recursion and version patterns with possessive quantifiers, so no
 * input, however long or deeply parenthesised, can overflow the stack.
 */
final class DependencySpecifier {
  /** What a valid specifier names: the distribution, and the URL of a direct reference. */
  record Parsed(String name, String url) {}

  /** Why a specifier is not valid, in packaging's words, and at which column (from 1). */
  static final class SyntaxError extends Exception {
    SyntaxError(String message, int position) {
      super(message + " at column " + (position + 1));
    }
  }

  // Python's re with str patterns is Unicode-aware in \s and \b; UNICODE_CHARACTER_CLASS matches.
  private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;
  private static final Pattern WS = Pattern.compile("[ \\t]+");
  private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-zA-Z0-9][a-zA-Z0-9._-]*\\b", FLAGS);
  private static final Pattern QUOTED_STRING = Pattern.compile("'[^']*'|\"[^\"]*\"");
  private static final Pattern OP = Pattern.compile("===|==|~=|!=|<=|>=|<|>");
  private static final Pattern BOOLOP = Pattern.compile("\\b(?:or|and)\\b", FLAGS);
  private static final Pattern IN = Pattern.compile("\\bin\\b", FLAGS);
  private static final Pattern NOT = Pattern.compile("\\bnot\\b", FLAGS);
  private static final Pattern VARIABLE = Pattern.compile(
      "\\b(?:python_version|python_full_version|os[._]name|sys[._]platform|platform_(?:release|system)"
          + "|platform[._](?:version|machine|python_implementation)|python_implementation"
          + "|implementation_(?:name|version)|extra)\\b",
      FLAGS);
  private static final String PRE_POST_DEV =
      "(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*+)?"
          + "(?:-[0-9]++|[-_.]?(?:post|rev|r)[-_.]?[0-9]*+)?"
          + "(?:[-_.]?dev[-_.]?[0-9]*+)?";
  /** packaging's Specifier regex: an operator and a version valid for that operator. */
  private static final Pattern SPECIFIER = Pattern.compile(
      "(?:~=|==|!=|<=|>=|<|>|===)(?:"
          + "(?<====)\\s*[^\\s;)]*"
          + "|(?<===|!=)\\s*v?(?:[0-9]++!)?[0-9]++(?:\\.[0-9]++)*+"
          + "(?:\\.\\*|" + PRE_POST_DEV + "(?:\\+[a-z0-9]++(?:[-_.][a-z0-9]++)*+)?)?"
          + "|(?<=~=)\\s*v?(?:[0-9]++!)?[0-9]++(?:\\.[0-9]++)++" + PRE_POST_DEV
          + "|(?<!==|!=|~=)\\s*v?(?:[0-9]++!)?[0-9]++(?:\\.[0-9]++)*+" + PRE_POST_DEV
          + ")",
      FLAGS | Pattern.CASE_INSENSITIVE);
  private static final Pattern URL = Pattern.compile("[^ \\t]+");
  private static final Pattern VERSION_PREFIX_TRAIL = Pattern.compile("\\.\\*");
  private static final Pattern VERSION_LOCAL_LABEL_TRAIL = Pattern.compile("\\+[a-z0-9]++(?:[-_.][a-z0-9]++)*+");
  /** PEP 508's project name, as pip checks an {@code #egg=} name. */
  private static final Pattern PROJECT_NAME =
      Pattern.compile("[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9]", Pattern.CASE_INSENSITIVE);

  private final String source;
  private final Map<Pattern, Matcher> matchers = new IdentityHashMap<>();
  private int position;

  private DependencySpecifier(String source) {
    this.source = source;
  }

  /** A requirement: {@code requirement = WS? IDENTIFIER WS? extras WS? requirement_details}. */
  static Parsed parse(String specifier) throws SyntaxError {
    return new DependencySpecifier(specifier).requirement();
  }

  /**
   * A whole environment marker, as pip checks the part after {@code ;} of a requirement line: the
   * text from {@code from} to the end (so that columns count from the start of the line).
   */
  static void checkMarker(String line, int from) throws SyntaxError {
    DependencySpecifier tokens = new DependencySpecifier(line);
    tokens.position = from;
    tokens.marker();
    tokens.expectEnd("end of marker expression");
  }

  /** Whether the text is a PEP 508 project name. */
  static boolean isProjectName(String text) {
    return PROJECT_NAME.matcher(text).matches();
  }

  private Parsed requirement() throws SyntaxError {
    skipWhitespace();
    String name = expect(IDENTIFIER, "package name at the start of dependency specifier");
    skipWhitespace();
    extras();
    skipWhitespace();
    String url = null;
    if (take("@")) {
      skipWhitespace();
      int urlStart = position;
      url = expect(URL, "URL after @");
      if (!atEnd()) {
        expect(WS, "whitespace after URL");
        if (!atEnd()) {
          requirementMarker(urlStart, "URL and whitespace");
        }
      }
    } else {
      int specifierStart = position;
      boolean specified = specifier();
      skipWhitespace();
      if (!atEnd()) {
        requirementMarker(specifierStart,
            specified ? "version specifier" : "name and no valid version specifier");
      }
    }
    expectEnd("end of dependency specifier");
    return new Parsed(name, url);
  }

  private void requirementMarker(int spanStart, String after) throws SyntaxError {
    if (!take(";")) {
      throw new SyntaxError("Expected end or semicolon (after " + after + ")", spanStart);
    }
    marker();
    skipWhitespace();
  }

  private void extras() throws SyntaxError {
    int open = position;
    if (!take("[")) {
      return;
    }
    skipWhitespace();
    if (take(IDENTIFIER) != null) {
      while (true) {
        skipWhitespace();
        if (peek(IDENTIFIER)) {
          throw new SyntaxError("Expected comma between extra names", position);
        }
        if (!take(",")) {
          break;
        }
        skipWhitespace();
        expect(IDENTIFIER, "extra name after comma");
      }
    }
    skipWhitespace();
    if (!take("]")) {
      throw new SyntaxError("Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", open);
    }
  }

  /** {@code specifier = ( WS? version_many WS? ) | WS? version_many WS?}; true if any was given. */
  private boolean specifier() throws SyntaxError {
    int open = position;
    boolean parenthesised = take("(");
    skipWhitespace();
    boolean any = false;
    while (true) {
      int start = position;
      if (take(SPECIFIER) == null) {
        break;
      }
      any = true;
      if (peek(VERSION_PREFIX_TRAIL)) {
        throw new SyntaxError(".* suffix can only be used with `==` or `!=` operators", start);
      }
      if (peek(VERSION_LOCAL_LABEL_TRAIL)) {
        throw new SyntaxError("Local version label can only be used with `==` or `!=` operators", start);
      }
      skipWhitespace();
      if (!take(",")) {
        break;
      }
      skipWhitespace();
    }
    skipWhitespace();
    if (parenthesised && !take(")")) {
      throw new SyntaxError(
          "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier", open);
    }
    return any;
  }

  /**
   * {@code marker = marker_atom (BOOLOP marker_atom)*}, {@code marker_atom = ( marker ) |
   * marker_item}: the nesting is counted rather than recursed into.
   */
  private void marker() throws SyntaxError {
    int depth = 0;
    while (true) {
      skipWhitespace();
      while (take("(")) {
        depth++;
        skipWhitespace();
      }
      markerItem();
      while (true) {
        if (take(BOOLOP) != null) {
          break;
        }
        if (depth == 0) {
          return;
        }
        skipWhitespace();
        if (!take(")")) {
          throw new SyntaxError(
              "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression", position);
        }
        depth--;
        skipWhitespace();
      }
    }
  }

  /** {@code marker_item = WS? marker_var WS? marker_op WS? marker_var WS?}. */
  private void markerItem() throws SyntaxError {
    skipWhitespace();
    markerVariable();
    skipWhitespace();
    if (take(IN) == null) {
      if (take(NOT) != null) {
        expect(WS, "whitespace after 'not'");
        expect(IN, "'in' after 'not'");
      } else if (take(OP) == null) {
        throw new SyntaxError(
            "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", position);
      }
    }
    skipWhitespace();
    markerVariable();
    skipWhitespace();
  }

  private void markerVariable() throws SyntaxError {
    if (take(VARIABLE) == null && take(QUOTED_STRING) == null) {
      throw new SyntaxError("Expected a marker variable or quoted string", position);
    }
  }

  private void skipWhitespace() {
    while (position < source.length() && (source.charAt(position) == ' ' || source.charAt(position) == '\t')) {
      position++;
    }
  }

  private boolean atEnd() {
    return position == source.length();
  }

  private void expectEnd(String expected) throws SyntaxError {
    if (!atEnd()) {
      throw new SyntaxError("Expected " + expected, position);
    }
  }

  private String expect(Pattern token, String expected) throws SyntaxError {
    String text = take(token);
    if (text == null) {
      throw new SyntaxError("Expected " + expected, position);
    }
    return text;
  }

  private boolean take(String literal) {
    if (source.startsWith(literal, position)) {
      position += literal.length();
      return true;
    }
    return false;
  }

  /** The token's text if it matches here (then it is consumed), else null. */
  private String take(Pattern token) {
    Matcher m = matcherHere(token);
    if (!m.lookingAt() || m.end() == position) {
      return null;
    }
    position = m.end();
    return m.group();
  }

  private boolean peek(Pattern token) {
    Matcher m = matcherHere(token);
    return m.lookingAt() && m.end() > position;
  }

  /** Python's {@code pattern.match(source, pos)}: \b and lookbehind still see what precedes. */
  private Matcher matcherHere(Pattern token) {
    return matchers.computeIfAbsent(token, t -> t.matcher(source).useTransparentBounds(true).useAnchoringBounds(false))
        .region(position, source.length());
  }
}
