package dev.comfypkgs.cli.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits a Java source in place, leaving every byte it does not change as it was: rewrites a
 * string value of an annotation, adds an annotation to the type, an element to an annotation's
 * array, an import. Scans the text (strings, character literals and comments skipped, so text in
 * them that looks like code is never touched) rather than reparsing and printing the file, which
 * would reformat it. Each addition is idempotent: what is already there is not added again.
 */
public final class JavaSourceEditor {
  private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");
  private static final Set<String> MODIFIERS = Set.of("public", "protected", "private", "abstract",
      "static", "final", "sealed", "non-sealed", "strictfp");
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
          + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)+");
  private static final Pattern IMPORT = Pattern.compile("\\bimport\\s+(static\\s+)?([\\w.$]+(\\.\\*)?)\\s*;");
  private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");

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

  /**
   * The source with {@code annotationText} (such as {@code @Requires(Timm.class)}) on its own
   * line just before the modifiers of the first top-level type, after the annotations it has; as
   * it was when the type already has that exact text.
   */
  public static String insertBeforeType(String source, String annotationText) {
    int declaration = declarationStart(source);
    for (int at = source.indexOf(annotationText); at >= 0 && at < declaration;
        at = source.indexOf(annotationText, at + 1)) {
      int after = at + annotationText.length();
      boolean whole = after == source.length() || !Character.isJavaIdentifierPart(source.charAt(after));
      if (whole && inCode(source, at)) {
        return source;
      }
    }
    int line = source.lastIndexOf('\n', declaration - 1) + 1;
    String before = source.substring(line, declaration);
    if (before.isBlank()) {
      return source.substring(0, line) + before + annotationText + "\n" + source.substring(line);
    }
    return source.substring(0, declaration) + annotationText + " " + source.substring(declaration);
  }

  /**
   * The source with {@code element} (a Java expression as it should read) appended to the
   * {@code value} of the first {@code @annotation}: a single value becomes an array {@code {old,
   * element}}, an array gains it after its last element (on a line of its own when the array
   * spans lines), and an annotation without a value gets {@code element} as its value. As it was
   * when the value already holds exactly that text.
   */
  public static String appendToArray(String source, String annotation, String element) {
    Matcher start = Pattern.compile("@(?:[\\w.]+\\.)?" + Pattern.quote(annotation) + "(?![\\w$])")
        .matcher(source);
    int from = 0;
    while (start.find(from)) {
      if (inCode(source, start.start())) {
        return appendToValue(source, start.end(), element);
      }
      from = start.end();
    }
    throw new IllegalArgumentException("no @" + annotation + " in the source");
  }

  private static String appendToValue(String s, int afterName, String element) {
    int open = afterName;
    while (open < s.length() && Character.isWhitespace(s.charAt(open))) {
      open++;
    }
    if (open >= s.length() || s.charAt(open) != '(') {
      return s.substring(0, afterName) + "(" + element + ")" + s.substring(afterName);
    }
    int close = matching(s, open, '(', ')');
    List<int[]> parts = trimmed(s, topLevelParts(s, open + 1, close));
    if (parts.isEmpty()) {
      return s.substring(0, open + 1) + element + s.substring(close);
    }
    int[] value = null;
    Pattern named = Pattern.compile("(\\w+)\\s*=(?!=)\\s*");
    for (int[] part : parts) {
      Matcher m = named.matcher(s).region(part[0], part[1]);
      if (!m.lookingAt()) {
        value = parts.size() == 1 ? part : null;
        break;
      }
      if (m.group(1).equals("value")) {
        value = new int[] {m.end(), part[1]};
      }
    }
    if (value == null) {
      int first = parts.get(0)[0];
      return s.substring(0, first) + "value = " + element + ", " + s.substring(first);
    }
    String current = s.substring(value[0], value[1]);
    if (!current.startsWith("{")) {
      return current.equals(element) ? s
          : s.substring(0, value[0]) + "{" + current + ", " + element + "}" + s.substring(value[1]);
    }
    int brace = value[0];
    int end = matching(s, brace, '{', '}');
    List<int[]> elements = trimmed(s, topLevelParts(s, brace + 1, end));
    for (int[] e : elements) {
      if (s.substring(e[0], e[1]).equals(element)) {
        return s;
      }
    }
    if (elements.isEmpty()) {
      return s.substring(0, brace + 1) + element + s.substring(end);
    }
    int[] last = elements.get(elements.size() - 1);
    String separator = s.substring(brace, end).contains("\n")
        ? ",\n" + indentOf(s, last[0])
        : ", ";
    return s.substring(0, last[1]) + separator + element + s.substring(last[1]);
  }

  /**
   * The source importing {@code qualifiedName}: as it was when it already does (by that import
   * or one of its package's {@code *}) or is in that package; otherwise with the import added in
   * order among the others, or after the package declaration when there are none. Refused when
   * another import already takes the simple name.
   */
  public static String ensureImport(String source, String qualifiedName) {
    if (!QUALIFIED_NAME.matcher(qualifiedName).matches()) {
      throw new IllegalArgumentException("'" + qualifiedName + "' is not a qualified class name");
    }
    String pkg = qualifiedName.substring(0, qualifiedName.lastIndexOf('.'));
    String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    int declaration = declarationStart(source);
    Matcher packageLine = PACKAGE.matcher(source);
    int afterPackage = 0;
    if (packageLine.find() && packageLine.start() < declaration && inCode(source, packageLine.start())) {
      if (packageLine.group(1).equals(pkg)) {
        return source;
      }
      afterPackage = packageLine.end();
    }
    int insertAt = -1;
    int afterLastImport = -1;
    int afterLastStatic = -1;
    Matcher imports = IMPORT.matcher(source).region(0, declaration);
    while (imports.find()) {
      if (!inCode(source, imports.start())) {
        continue;
      }
      String name = imports.group(2);
      if (imports.group(1) != null) {
        afterLastStatic = imports.end();
        continue;
      }
      if (name.equals(qualifiedName) || name.equals(pkg + ".*")) {
        return source;
      }
      if (name.endsWith("." + simple)) {
        throw new IllegalArgumentException("cannot import " + qualifiedName + ": " + name
            + " is imported already");
      }
      afterLastImport = imports.end();
      if (insertAt < 0 && name.compareTo(qualifiedName) > 0) {
        insertAt = imports.start();
      }
    }
    String line = "import " + qualifiedName + ";";
    if (insertAt >= 0) {
      return source.substring(0, insertAt) + line + "\n" + source.substring(insertAt);
    }
    if (afterLastImport >= 0) {
      return source.substring(0, afterLastImport) + "\n" + line + source.substring(afterLastImport);
    }
    int after = Math.max(afterLastStatic, afterPackage);
    if (after > 0) {
      return source.substring(0, after) + "\n\n" + line + source.substring(after);
    }
    return line + "\n\n" + source;
  }

  /**
   * Where the first top-level type's declaration starts: its first modifier, or its keyword (the
   * {@code @} of {@code @interface}) when it has none. Its annotations come before that.
   */
  private static int declarationStart(String s) {
    int keyword = typeKeyword(s);
    int start = keyword > 0 && s.charAt(keyword - 1) == '@' ? keyword - 1 : keyword;
    while (true) {
      int end = start;
      while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
        end--;
      }
      int word = end;
      while (word > 0 && (Character.isJavaIdentifierPart(s.charAt(word - 1)) || s.charAt(word - 1) == '-')) {
        word--;
      }
      if (word == end || !MODIFIERS.contains(s.substring(word, end)) || !inCode(s, word)) {
        return start;
      }
      start = word;
    }
  }

  /** The first {@code class}, {@code interface}, {@code enum} or {@code record} that declares a type. */
  private static int typeKeyword(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(s, i) - 1;
      } else if (c == '/' && i + 1 < s.length() && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
        i = skipComment(s, i) - 1;
      } else if (c == '(' || c == '{') {
        depth++;
      } else if (c == ')' || c == '}') {
        depth--;
      } else if (Character.isJavaIdentifierStart(c)
          && (i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1)))) {
        int end = i;
        while (end < s.length() && Character.isJavaIdentifierPart(s.charAt(end))) {
          end++;
        }
        // "record" and the others are also names: in "import record.X;" or "Timm.class" they
        // are not followed by the name of a type they declare.
        int next = end;
        while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
          next++;
        }
        if (depth == 0 && TYPE_KEYWORDS.contains(s.substring(i, end)) && next > end
            && next < s.length() && Character.isJavaIdentifierStart(s.charAt(next))) {
          return i;
        }
        i = end - 1;
      }
    }
    throw new IllegalArgumentException("no type declaration in the source");
  }

  /** The comma-separated parts of {@code [from, to)} at its own nesting level. */
  private static List<int[]> topLevelParts(String s, int from, int to) {
    List<int[]> parts = new ArrayList<>();
    int partStart = from;
    for (int comma; (comma = findAtTopLevel(s, partStart, to, i -> s.charAt(i) == ',')) >= 0;
        partStart = comma + 1) {
      parts.add(new int[] {partStart, comma});
    }
    parts.add(new int[] {partStart, to});
    return parts;
  }

  /**
   * The first index of {@code [from, to)} that is code at the range's own nesting level (outside
   * literals, comments and brackets opened within it) and satisfies {@code wanted}; -1 if none.
   */
  private static int findAtTopLevel(String s, int from, int to, IntPredicate wanted) {
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
      } else if (depth == 0 && wanted.test(i)) {
        return i;
      }
    }
    return -1;
  }

  /** The parts without the whitespace and comments around them; empty ones dropped. */
  private static List<int[]> trimmed(String s, List<int[]> parts) {
    List<int[]> out = new ArrayList<>();
    for (int[] part : parts) {
      int start = part[0];
      int end = part[1];
      while (start < end) {
        if (Character.isWhitespace(s.charAt(start))) {
          start++;
        } else if (s.startsWith("//", start) || s.startsWith("/*", start)) {
          start = Math.min(skipComment(s, start), end);
        } else {
          break;
        }
      }
      end = lastCodeEnd(s, start, end);
      if (start < end) {
        out.add(new int[] {start, end});
      }
    }
    return out;
  }

  /** The end of the last character of code in {@code [from, to)}, comments and spaces excluded. */
  private static int lastCodeEnd(String s, int from, int to) {
    int end = from;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(s, i) - 1;
        end = i + 1;
      } else if (c == '/' && i + 1 < to && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
        i = skipComment(s, i) - 1;
      } else if (!Character.isWhitespace(c)) {
        end = i + 1;
      }
    }
    return end;
  }

  private static String indentOf(String s, int at) {
    int line = s.lastIndexOf('\n', at - 1) + 1;
    int end = line;
    while (end < at && (s.charAt(end) == ' ' || s.charAt(end) == '\t')) {
      end++;
    }
    return s.substring(line, end);
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
    Matcher name = Pattern.compile("\\b" + Pattern.quote(attribute) + "\\s*=\\s*").matcher(s);
    int at = findAtTopLevel(s, from, to, i -> Character.isJavaIdentifierStart(s.charAt(i))
        && (i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1)))
        && name.region(i, to).lookingAt() && name.end() < to && s.charAt(name.end()) == '"'
        && !s.startsWith("\"\"\"", name.end()));
    if (at < 0) {
      return null;
    }
    int end = skipLiteral(s, name.end());
    if (end > to || stripComments(s.substring(end, to)).stripLeading().startsWith("+")) {
      throw new IllegalArgumentException(attribute + " is not a single string literal");
    }
    return new int[] {name.end(), end};
  }

  private static String stripComments(String s) {
    return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
  }

  private static int matchingParen(String s, int open) {
    return matching(s, open, '(', ')');
  }

  /** The index of the {@code closer} that matches the {@code opener} at {@code open}. */
  private static int matching(String s, int open, char opener, char closer) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(s, i) - 1;
      } else if (c == '/' && i + 1 < s.length() && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
        i = skipComment(s, i) - 1;
      } else if (c == opener) {
        depth++;
      } else if (c == closer && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced " + opener + closer + " in the annotation");
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
