package dev.comfypkgs.cli.requirements;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
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
  /**
   * What a valid specifier states: the distribution; its extras as written; its version
   * specifiers with the whitespace and parentheses dropped and joined by commas ({@code ">=1,<2"},
   * empty when none); the URL of a direct reference (else null); and the marker after {@code ;}
   * without surrounding whitespace (else null).
   */
  record Parsed(String name, List<String> extras, String specifier, String url, String marker) {}

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
  private static final String RELEASE = "\\s*v?(?:[0-9]++!)?[0-9]++(?:\\.[0-9]++)";
  /*
   * packaging's Specifier regex is one alternation whose lookbehinds choose the version grammar by
   * the operator just read. The operator is read by hand instead and the version matched with its
   * own pattern: the same language, without trying every branch on every requirement.
   */
  /** What may follow {@code ===}: anything up to a space, a semicolon or a parenthesis. */
  private static final Pattern ARBITRARY_VERSION = Pattern.compile("\\s*[^\\s;)]*", FLAGS | Pattern.CASE_INSENSITIVE);
  /** What may follow {@code ==} and {@code !=}: a version, a prefix ending in {@code .*}, or a local version. */
  private static final Pattern MATCHING_VERSION = Pattern.compile(
      RELEASE + "*+(?:\\.\\*|" + PRE_POST_DEV + "(?:\\+[a-z0-9]++(?:[-_.][a-z0-9]++)*+)?)?",
      FLAGS | Pattern.CASE_INSENSITIVE);
  /** What may follow {@code ~=}: a version of at least two release numbers. */
  private static final Pattern COMPATIBLE_VERSION =
      Pattern.compile(RELEASE + "++" + PRE_POST_DEV, FLAGS | Pattern.CASE_INSENSITIVE);
  /** What may follow {@code <=}, {@code >=}, {@code <} and {@code >}: a public version. */
  private static final Pattern ORDERED_VERSION =
      Pattern.compile(RELEASE + "*+" + PRE_POST_DEV, FLAGS | Pattern.CASE_INSENSITIVE);
  /** The version operators, longest first, so that {@code ===} is not read as {@code ==}. */
  private static final List<String> VERSION_OPERATORS = List.of("===", "~=", "==", "!=", "<=", ">=", "<", ">");
  private static final Pattern URL = Pattern.compile("[^ \\t]+");
  /** PEP 508's project name, as pip checks an {@code #egg=} name. */
  private static final Pattern PROJECT_NAME =
      Pattern.compile("[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9]", Pattern.CASE_INSENSITIVE);

  /** What {@link #identifierEnd} answers when no name starts here, or the pattern must decide. */
  private static final int NO_MATCH = -1;
  private static final int UNDECIDED = -2;

  /**
   * A matcher for each token pattern, kept across specifiers (a large requirements file has
   * 100,000 of them, and a matcher per token per line was a tenth of reading one), with the text
   * it was last given, so that only the tokens a specifier uses are reset to it.
   */
  private final Map<Pattern, ReusedMatcher> matchers = new IdentityHashMap<>();

  private static final class ReusedMatcher {
    final Matcher matcher;
    String text;

    ReusedMatcher(Pattern pattern) {
      matcher = pattern.matcher("").useTransparentBounds(true).useAnchoringBounds(false);
    }
  }

  private String source;
  private int position;
  /** Where {@link #marker} records what it reads, or null when it only checks. */
  private List<MarkerToken> markerTokens;

  /** A parser to give one specifier after another. */
  DependencySpecifier() {}

  /** A requirement: {@code requirement = WS? IDENTIFIER WS? extras WS? requirement_details}. */
  Parsed parse(String specifier) throws SyntaxError {
    start(specifier, 0);
    return requirement();
  }

  /**
   * A whole environment marker, as pip checks the part after {@code ;} of a requirement line: the
   * text from {@code from} to the end (so that columns count from the start of the line).
   */
  void checkMarker(String line, int from) throws SyntaxError {
    start(line, from);
    marker();
    expectEnd("end of marker expression");
  }

  /** Whether the text is a PEP 508 project name. */
  static boolean isProjectName(String text) {
    return PROJECT_NAME.matcher(text).matches();
  }

  private void start(String text, int from) {
    source = text;
    position = from;
  }

  private Parsed requirement() throws SyntaxError {
    skipWhitespace();
    String name = expectIdentifier("package name at the start of dependency specifier");
    skipWhitespace();
    List<String> extras = extras();
    skipWhitespace();
    String url = null;
    List<String> versions = new ArrayList<>();
    String marker = null;
    if (take("@")) {
      skipWhitespace();
      int urlStart = position;
      url = expect(URL, "URL after @");
      if (!atEnd()) {
        expect(WS, "whitespace after URL");
        if (!atEnd()) {
          marker = requirementMarker(urlStart, "URL and whitespace");
        }
      }
    } else {
      int specifierStart = position;
      specifier(versions);
      skipWhitespace();
      if (!atEnd()) {
        marker = requirementMarker(specifierStart,
            versions.isEmpty() ? "name and no valid version specifier" : "version specifier");
      }
    }
    expectEnd("end of dependency specifier");
    return new Parsed(name, List.copyOf(extras), String.join(",", versions), url, marker);
  }

  /** The marker after the semicolon, without the whitespace around it. */
  private String requirementMarker(int spanStart, String after) throws SyntaxError {
    if (!take(";")) {
      throw new SyntaxError("Expected end or semicolon (after " + after + ")", spanStart);
    }
    skipWhitespace();
    int start = position;
    marker();
    skipWhitespace();
    return source.substring(start, position).strip();
  }

  private List<String> extras() throws SyntaxError {
    int open = position;
    List<String> extras = new ArrayList<>();
    if (!take("[")) {
      return extras;
    }
    skipWhitespace();
    String first = takeIdentifier();
    if (first != null) {
      extras.add(first);
      while (true) {
        skipWhitespace();
        if (peekIdentifier()) {
          throw new SyntaxError("Expected comma between extra names", position);
        }
        if (!take(",")) {
          break;
        }
        skipWhitespace();
        extras.add(expectIdentifier("extra name after comma"));
      }
    }
    skipWhitespace();
    if (!take("]")) {
      throw new SyntaxError("Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", open);
    }
    return extras;
  }

  /**
   * {@code specifier = ( WS? version_many WS? ) | WS? version_many WS?}: each version specifier
   * read is added to {@code versions} as operator and version without whitespace.
   */
  private void specifier(List<String> versions) throws SyntaxError {
    int open = position;
    boolean parenthesised = take("(");
    skipWhitespace();
    while (true) {
      int start = position;
      String version = takeVersionSpecifier();
      if (version == null) {
        break;
      }
      versions.add(version);
      if (source.startsWith(".*", position)) {
        throw new SyntaxError(".* suffix can only be used with `==` or `!=` operators", start);
      }
      // packaging's VERSION_LOCAL_LABEL_TRAIL, which (unlike the specifier) is case-sensitive.
      if (source.startsWith("+", position) && position + 1 < source.length()
          && isLowerAsciiLetterOrDigit(source.charAt(position + 1))) {
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
  }

  /**
   * A piece of a marker, in the order written: a parenthesis, {@code and}, {@code or}, or a
   * comparison (an {@link Operand} on each side of an operator spelled as the grammar allows).
   */
  sealed interface MarkerToken {}

  enum Punctuation implements MarkerToken { OPEN, CLOSE, AND, OR }

  /** {@code lhs op rhs}; {@code op} is one of the marker operators, {@code not in} with one space. */
  record Comparison(Operand lhs, String op, Operand rhs) implements MarkerToken {}

  /**
   * One side of a comparison: an environment variable in packaging's spelling (dots read as
   * underscores, {@code python_implementation} as {@code platform_python_implementation}), or the
   * text of a quoted string.
   */
  record Operand(boolean variable, String text) {}

  /**
   * The tokens of a whole environment marker, which must be valid: what {@link #checkMarker}
   * checks, recorded so that it can be evaluated without a second grammar.
   */
  List<MarkerToken> markerTokens(String marker) throws SyntaxError {
    start(marker, 0);
    List<MarkerToken> tokens = new ArrayList<>();
    markerTokens = tokens;
    try {
      marker();
      expectEnd("end of marker expression");
    } finally {
      markerTokens = null;
    }
    return tokens;
  }

  private void record(MarkerToken token) {
    if (markerTokens != null) {
      markerTokens.add(token);
    }
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
        record(Punctuation.OPEN);
        depth++;
        skipWhitespace();
      }
      markerItem();
      while (true) {
        String bool = take(BOOLOP);
        if (bool != null) {
          record(bool.equals("and") ? Punctuation.AND : Punctuation.OR);
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
        record(Punctuation.CLOSE);
        depth--;
        skipWhitespace();
      }
    }
  }

  /** {@code marker_item = WS? marker_var WS? marker_op WS? marker_var WS?}. */
  private void markerItem() throws SyntaxError {
    skipWhitespace();
    Operand lhs = markerVariable();
    skipWhitespace();
    String op;
    if (take(IN) != null) {
      op = "in";
    } else if (take(NOT) != null) {
      expect(WS, "whitespace after 'not'");
      expect(IN, "'in' after 'not'");
      op = "not in";
    } else {
      op = take(OP);
      if (op == null) {
        throw new SyntaxError(
            "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", position);
      }
    }
    skipWhitespace();
    Operand rhs = markerVariable();
    skipWhitespace();
    record(new Comparison(lhs, op, rhs));
  }

  private Operand markerVariable() throws SyntaxError {
    String variable = take(VARIABLE);
    if (variable != null) {
      String name = variable.replace('.', '_');
      return new Operand(true, name.equals("python_implementation") ? "platform_python_implementation" : name);
    }
    String quoted = take(QUOTED_STRING);
    if (quoted == null) {
      throw new SyntaxError("Expected a marker variable or quoted string", position);
    }
    return new Operand(false, quoted.substring(1, quoted.length() - 1));
  }

  /**
   * Whether {@code operator version} is one version clause as packaging's {@code Specifier}
   * accepts it (the version may have whitespace around it): the same per-operator grammar the
   * requirement parser uses, so that a marker compares as versions exactly what it would.
   */
  static boolean isVersionClause(String operator, String version) {
    Pattern pattern = switch (operator) {
      case "===" -> ARBITRARY_VERSION;
      case "==", "!=" -> MATCHING_VERSION;
      case "~=" -> COMPATIBLE_VERSION;
      case "<=", ">=", "<", ">" -> ORDERED_VERSION;
      default -> null;
    };
    return pattern != null && pattern.matcher(version.strip()).matches();
  }

  /**
   * An operator and the version its grammar allows, consumed if both are there: their text
   * without whitespace, else null.
   */
  private String takeVersionSpecifier() {
    String operator = null;
    for (String candidate : VERSION_OPERATORS) {
      if (source.startsWith(candidate, position)) {
        operator = candidate;
        break;
      }
    }
    if (operator == null) {
      return null;
    }
    Pattern version = switch (operator) {
      case "===" -> ARBITRARY_VERSION;
      case "==", "!=" -> MATCHING_VERSION;
      case "~=" -> COMPATIBLE_VERSION;
      default -> ORDERED_VERSION;
    };
    int start = position;
    position += operator.length();
    Matcher m = matcherHere(version);
    if (!m.lookingAt()) {
      position = start;
      return null;
    }
    position = m.end();
    return operator + m.group().strip();
  }

  private String expectIdentifier(String expected) throws SyntaxError {
    String name = takeIdentifier();
    if (name == null) {
      throw new SyntaxError("Expected " + expected, position);
    }
    return name;
  }

  private String takeIdentifier() {
    int end = identifierEnd();
    if (end == UNDECIDED) {
      return take(IDENTIFIER);
    }
    if (end == NO_MATCH) {
      return null;
    }
    String name = source.substring(position, end);
    position = end;
    return name;
  }

  private boolean peekIdentifier() {
    int end = identifierEnd();
    return end == UNDECIDED ? peek(IDENTIFIER) : end != NO_MATCH;
  }

  /**
   * Where {@link #IDENTIFIER} matching here would end, found without the regex engine when the
   * characters around the name are ASCII (Unicode's word boundaries only differ beyond it); or
   * {@link #NO_MATCH}; or {@link #UNDECIDED} when the pattern has to decide.
   */
  private int identifierEnd() {
    int start = position;
    if (start == source.length() || !isAsciiLetterOrDigit(source.charAt(start))) {
      return NO_MATCH;
    }
    if (start > 0) {
      char before = source.charAt(start - 1);
      if (before >= 0x80) {
        return UNDECIDED;
      }
      if (isAsciiWordCharacter(before)) {
        return NO_MATCH; // no word boundary before the name
      }
    }
    int end = start + 1;
    while (end < source.length() && isIdentifierCharacter(source.charAt(end))) {
      end++;
    }
    if (end < source.length() && source.charAt(end) >= 0x80) {
      return UNDECIDED;
    }
    // The regex backtracks from the longest run to the last place where a word boundary is.
    for (int at = end; at > start; at--) {
      boolean wordBefore = isAsciiWordCharacter(source.charAt(at - 1));
      boolean wordAfter = at < source.length() && isAsciiWordCharacter(source.charAt(at));
      if (wordBefore != wordAfter) {
        return at;
      }
    }
    return NO_MATCH;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isLowerAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isAsciiWordCharacter(char c) {
    return isAsciiLetterOrDigit(c) || c == '_';
  }

  private static boolean isIdentifierCharacter(char c) {
    return isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
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
    ReusedMatcher reused = matchers.computeIfAbsent(token, ReusedMatcher::new);
    if (reused.text != source) { // identity is enough: an equal copy only costs one reset more
      reused.matcher.reset(source);
      reused.text = source;
    }
    return reused.matcher.region(position, source.length());
  }
}
