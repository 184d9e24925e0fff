package dev.comfypkgs.cli.requirements;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lines of a requirements file as pip's {@code req_file} module sees them: split where
 * Python's {@code str.splitlines} splits, joined at trailing backslashes, stripped of comments and
 * whitespace, then broken into a requirement and options parsed as its {@code shlex} and
 * {@code optparse} parse them. Every step is one pass over the text.
 */
final class RequirementLines {
  /** One logical line: where it starts, and its text without comment or surrounding space. */
  record Logical(int number, String text) {}

  /**
   * A logical line taken apart: the requirement it states (empty if none), and the first
   * {@code -r}, {@code -c} and {@code -e} values, the only ones pip acts on (each null if absent).
   */
  record Parsed(String requirement, String include, String constraint, String editable) {}

  /** A line pip refuses, with pip's reason. */
  static final class OptionError extends Exception {
    OptionError(String message) {
      super(message);
    }
  }

  /**
   * pip's requirements-file options (req_file.SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ), long
   * name to whether it takes a value. Abbreviations of these are accepted, as optparse does.
   */
  private static final Map<String, Boolean> LONG_OPTIONS = Map.ofEntries(
      Map.entry("--index-url", true),
      Map.entry("--pypi-url", true),
      Map.entry("--extra-index-url", true),
      Map.entry("--no-index", false),
      Map.entry("--constraint", true),
      Map.entry("--requirement", true),
      Map.entry("--editable", true),
      Map.entry("--find-links", true),
      Map.entry("--no-binary", true),
      Map.entry("--only-binary", true),
      Map.entry("--prefer-binary", false),
      Map.entry("--require-hashes", false),
      Map.entry("--pre", false),
      Map.entry("--trusted-host", true),
      Map.entry("--use-feature", true),
      Map.entry("--global-option", true),
      Map.entry("--hash", true),
      Map.entry("--config-settings", true));

  /** The short options; every one takes a value. */
  private static final Map<Character, String> SHORT_OPTIONS = Map.of(
      'i', "--index-url",
      'c', "--constraint",
      'r', "--requirement",
      'e', "--editable",
      'f', "--find-links",
      'C', "--config-settings");

  private RequirementLines() {}

  /**
   * pip's {@code preprocess}: join_lines, then ignore_comments. {@code ${VAR}} is left as written:
   * pip would expand it from the environment of whoever installs, which is not this one.
   */
  static List<Logical> logical(String content) {
    List<Logical> out = new ArrayList<>();
    StringBuilder joined = null;
    int joinedFrom = 0;
    int number = 0;
    int at = 0;
    while (at < content.length()) {
      int end = at;
      while (end < content.length() && !mayBreakLine(content.charAt(end))) {
        end++;
      }
      while (end < content.length() && lineBreakAt(content, end) == 0) {
        end++;
        while (end < content.length() && !mayBreakLine(content.charAt(end))) {
          end++;
        }
      }
      String line = content.substring(at, end);
      at = end + lineBreakAt(content, end);
      number++;
      boolean commentLine = isCommentLine(line);
      if (line.endsWith("\\") && !commentLine) {
        if (joined == null) {
          joined = new StringBuilder();
          joinedFrom = number;
        }
        joined.append(stripBackslashes(line));
        continue;
      }
      if (commentLine) {
        line = " " + line; // so the comment is still one after being appended
      }
      if (joined != null) {
        add(out, joinedFrom, joined.append(line).toString());
        joined = null;
      } else {
        add(out, number, line);
      }
    }
    if (joined != null) {
      add(out, joinedFrom, joined.toString()); // a continuation on the last line ends the file
    }
    return out;
  }

  private static void add(List<Logical> out, int number, String line) {
    String text = strip(withoutComment(line));
    if (!text.isEmpty()) {
      out.add(new Logical(number, text));
    }
  }

  /** False for the characters that certainly do not break a line: everything between space and U+0084. */
  private static boolean mayBreakLine(char c) {
    return c < ' ' || c > '\u0084';
  }

  /**
   * The length of the line break at {@code i}, or 0: the breaks of Python's {@code
   * str.splitlines}, {@code \r\n} counting as one.
   */
  static int lineBreakAt(String s, int i) {
    if (i >= s.length()) {
      return 0;
    }
    return switch (s.charAt(i)) {
      case '\r' -> i + 1 < s.length() && s.charAt(i + 1) == '\n' ? 2 : 1;
      case '\n', '\u000B', '\u000C', '\u001C', '\u001D', '\u001E', '\u0085', '\u2028', '\u2029' -> 1;
      default -> 0;
    };
  }

  /** Python's {@code str.isspace}, which its {@code strip} and a str pattern's \s use. */
  static boolean isPythonSpace(char c) {
    if (Character.getType(c) == Character.SPACE_SEPARATOR) {
      return true;
    }
    byte direction = Character.getDirectionality(c);
    return direction == Character.DIRECTIONALITY_WHITESPACE
        || direction == Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR
        || direction == Character.DIRECTIONALITY_SEGMENT_SEPARATOR;
  }

  /** {@code COMMENT_RE.match}: the line is a comment from its first non-space character. */
  private static boolean isCommentLine(String line) {
    int i = 0;
    while (i < line.length() && isPythonSpace(line.charAt(i))) {
      i++;
    }
    return i < line.length() && line.charAt(i) == '#';
  }

  /**
   * {@code COMMENT_RE.sub}: a comment starts at a {@code #} that begins the line or follows a
   * space (the space before it goes with the strip that follows).
   */
  private static String withoutComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || isPythonSpace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** Python's {@code line.strip("\\")}: every backslash at either end. */
  private static String stripBackslashes(String line) {
    int start = 0;
    int end = line.length();
    while (start < end && line.charAt(start) == '\\') {
      start++;
    }
    while (end > start && line.charAt(end - 1) == '\\') {
      end--;
    }
    return line.substring(start, end);
  }

  /** Python's {@code str.strip()}. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPythonSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isPythonSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /**
   * pip's {@code break_args_options} and line parser: the words up to the first one starting with
   * {@code -} are the requirement; the rest are options, split by {@code shlex} and parsed by
   * {@code optparse} (unknown options are errors; stray arguments are ignored, as there).
   */
  static Parsed parse(String line) throws OptionError {
    // The words are split on single spaces, as pip splits them, so the requirement keeps its spacing.
    int optionsFrom = 0;
    while (optionsFrom < line.length() && line.charAt(optionsFrom) != '-') {
      int space = line.indexOf(' ', optionsFrom);
      optionsFrom = space < 0 ? line.length() : space + 1;
    }
    String options = line.substring(optionsFrom);
    // Without the space that separates it from the options.
    String requirement = line.substring(0, options.isEmpty() ? optionsFrom : Math.max(0, optionsFrom - 1));
    String include = null;
    String constraint = null;
    String editable = null;
    List<String> words = shlexSplit(options);
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("--")) {
        break; // the rest are arguments, which pip ignores
      }
      String option;
      String value = null;
      if (word.startsWith("--")) {
        int equals = word.indexOf('=');
        option = longOption(equals < 0 ? word : word.substring(0, equals));
        if (equals >= 0) {
          value = word.substring(equals + 1);
          if (!LONG_OPTIONS.get(option)) {
            throw new OptionError(option + " option does not take a value");
          }
        }
      } else if (word.startsWith("-") && word.length() > 1) {
        option = SHORT_OPTIONS.get(word.charAt(1));
        if (option == null) {
          throw new OptionError("no such option: " + word.substring(0, 2));
        }
        if (word.length() > 2) {
          value = word.substring(2);
        }
      } else {
        continue; // an argument among the options: optparse collects it and pip ignores it
      }
      if (LONG_OPTIONS.get(option) && value == null) {
        if (i + 1 == words.size()) {
          throw new OptionError(displayName(word, option) + " option requires 1 argument");
        }
        value = words.get(++i);
      }
      switch (option) {
        case "--requirement" -> include = include == null ? value : include;
        case "--constraint" -> constraint = constraint == null ? value : constraint;
        case "--editable" -> editable = editable == null ? value : editable;
        default -> { } // index, hash and build options do not change what is required
      }
    }
    return new Parsed(requirement, include, constraint, editable);
  }

  private static String displayName(String word, String option) {
    return word.startsWith("--") ? option : word.substring(0, 2);
  }

  /** optparse's {@code _match_abbrev}: the option itself, or the only one it is a prefix of. */
  private static String longOption(String given) throws OptionError {
    if (LONG_OPTIONS.containsKey(given)) {
      return given;
    }
    List<String> candidates = LONG_OPTIONS.keySet().stream().filter(o -> o.startsWith(given)).sorted().toList();
    if (candidates.isEmpty()) {
      throw new OptionError("no such option: " + given);
    }
    if (candidates.size() > 1) {
      throw new OptionError("ambiguous option: " + given + " (" + String.join(", ", candidates) + "?)");
    }
    return candidates.get(0);
  }

  /** Python's {@code shlex.split} (POSIX mode, no comments). */
  static List<String> shlexSplit(String s) throws OptionError {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ' ', '\t', '\r', '\n' -> {
          if (word != null) {
            words.add(word.toString());
            word = null;
          }
        }
        case '\\' -> {
          if (++i == s.length()) {
            throw new OptionError("could not split options: no escaped character");
          }
          word = word == null ? new StringBuilder() : word;
          word.append(s.charAt(i));
        }
        case '\'', '"' -> {
          word = word == null ? new StringBuilder() : word;
          int close = i + 1;
          while (close < s.length() && s.charAt(close) != c) {
            // In double quotes a backslash escapes only a double quote or a backslash.
            if (c == '"' && s.charAt(close) == '\\' && close + 1 < s.length()
                && (s.charAt(close + 1) == '"' || s.charAt(close + 1) == '\\')) {
              close++;
            }
            word.append(s.charAt(close));
            close++;
          }
          if (close == s.length()) {
            throw new OptionError("could not split options: no closing quotation");
          }
          i = close;
        }
        default -> {
          word = word == null ? new StringBuilder() : word;
          word.append(c);
        }
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
