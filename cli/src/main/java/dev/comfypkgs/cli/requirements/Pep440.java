package dev.comfypkgs.cli.requirements;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 versions and version specifiers, compared as {@code packaging} compares them: the
 * ordering of its {@code Version}, and {@code SpecifierSet.contains} with its rules for
 * {@code .*} prefixes, {@code ~=}, exclusive {@code <}/{@code >} and pre-releases.
 */
public final class Pep440 {
  /** Longer text is not read as a version: no real version comes near it. */
  private static final int MAX_LENGTH = 256;
  /** Release numbers with more digits are not compared (a long holds 18 safely). */
  private static final int MAX_DIGITS = 18;

  /** packaging's VERSION_PATTERN, anchored, with its surrounding whitespace. */
  private static final Pattern VERSION = Pattern.compile(
      "\\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
          + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
          + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
          + "(?<dev>[-_.]?dev[-_.]?(?<devn>[0-9]+)?)?)"
          + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*",
      Pattern.CASE_INSENSITIVE);
  /** A version piece that joins a number and a pre-release, as {@code _version_split} splits it. */
  private static final Pattern NUMBER_THEN_PRE = Pattern.compile("([0-9]+)((?:a|b|c|rc)[0-9]+)");

  private Pep440() {}

  /** A PEP 440 version, ordered as packaging orders them. */
  public static final class Version implements Comparable<Version> {
    private final long epoch;
    private final long[] release;
    /** 0 for a, 1 for b, 2 for rc; -1 when it is not a pre-release. */
    private final int preKind;
    private final long pre;
    /** -1 when there is none. */
    private final long post;
    private final long dev;
    /** The local label's parts, each a Long or a lower-case String; empty when there is none. */
    private final List<Object> local;

    private Version(long epoch, long[] release, int preKind, long pre, long post, long dev, List<Object> local) {
      this.epoch = epoch;
      this.release = release;
      this.preKind = preKind;
      this.pre = pre;
      this.post = post;
      this.dev = dev;
      this.local = local;
    }

    /** The version the text spells, or empty when it is not a PEP 440 version. */
    public static Optional<Version> parse(String text) {
      if (text.length() > MAX_LENGTH) {
        return Optional.empty();
      }
      Matcher m = VERSION.matcher(text);
      if (!m.matches()) {
        return Optional.empty();
      }
      try {
        long epoch = m.group("epoch") == null ? 0 : number(m.group("epoch"));
        String[] parts = m.group("release").split("\\.");
        long[] release = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
          release[i] = number(parts[i]);
        }
        int preKind = -1;
        long pre = 0;
        if (m.group("pre") != null) {
          preKind = switch (m.group("prel").toLowerCase(Locale.ROOT)) {
            case "a", "alpha" -> 0;
            case "b", "beta" -> 1;
            default -> 2;
          };
          pre = m.group("pren") == null ? 0 : number(m.group("pren"));
        }
        long post = -1;
        if (m.group("post") != null) {
          String n = m.group("postn1") != null ? m.group("postn1") : m.group("postn2");
          post = n == null ? 0 : number(n);
        }
        long dev = -1;
        if (m.group("dev") != null) {
          dev = m.group("devn") == null ? 0 : number(m.group("devn"));
        }
        List<Object> local = new ArrayList<>();
        if (m.group("local") != null) {
          for (String part : m.group("local").toLowerCase(Locale.ROOT).split("[-_.]")) {
            local.add(part.chars().allMatch(Character::isDigit) ? (Object) number(part) : part);
          }
        }
        return Optional.of(new Version(epoch, release, preKind, pre, post, dev, List.copyOf(local)));
      } catch (NumberFormatException e) {
        return Optional.empty(); // a number too long to compare
      }
    }

    private static long number(String digits) {
      String significant = digits.replaceFirst("^0+(?=.)", "");
      if (significant.length() > MAX_DIGITS) {
        throw new NumberFormatException(digits);
      }
      return Long.parseLong(significant);
    }

    /** A pre-release or a development release, which specifiers exclude unless asked. */
    public boolean isPrerelease() {
      return preKind >= 0 || dev >= 0;
    }

    boolean isPostrelease() {
      return post >= 0;
    }

    /** The version without its local label. */
    Version publicVersion() {
      return new Version(epoch, release, preKind, pre, post, dev, List.of());
    }

    /** Epoch and release only. */
    Version baseVersion() {
      return new Version(epoch, release, -1, 0, -1, -1, List.of());
    }

    boolean hasLocal() {
      return !local.isEmpty();
    }

    @Override
    public int compareTo(Version other) {
      int c = Long.compare(epoch, other.epoch);
      if (c != 0) {
        return c;
      }
      // Trailing zeros do not count: 1.0 == 1.0.0.
      for (int i = 0; i < Math.max(release.length, other.release.length); i++) {
        c = Long.compare(i < release.length ? release[i] : 0, i < other.release.length ? other.release[i] : 0);
        if (c != 0) {
          return c;
        }
      }
      c = Long.compare(preKey(), other.preKey());
      if (c == 0 && preKind >= 0) {
        c = Long.compare(pre, other.pre);
      }
      if (c != 0) {
        return c;
      }
      c = Long.compare(post, other.post); // none (-1) sorts before any post-release
      if (c != 0) {
        return c;
      }
      c = Long.compare(dev < 0 ? Long.MAX_VALUE : dev, other.dev < 0 ? Long.MAX_VALUE : other.dev);
      if (c != 0) {
        return c;
      }
      return compareLocal(local, other.local);
    }

    /**
     * Where the pre-release puts the version: a bare development release ({@code 1.0.dev0})
     * before every pre-release, and no pre-release after all of them.
     */
    private long preKey() {
      if (preKind < 0) {
        return post < 0 && dev >= 0 ? -1 : 3;
      }
      return preKind;
    }

    /** No label first; then part by part, a number after any string, a longer label last. */
    private static int compareLocal(List<Object> a, List<Object> b) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        Object x = a.get(i);
        Object y = b.get(i);
        int c;
        if (x instanceof Long lx && y instanceof Long ly) {
          c = Long.compare(lx, ly);
        } else if (x instanceof String sx && y instanceof String sy) {
          c = sx.compareTo(sy);
        } else {
          c = x instanceof Long ? 1 : -1;
        }
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
      // Consistent with compareTo: trailing zeros of the release do not count.
      int end = release.length;
      while (end > 1 && release[end - 1] == 0) {
        end--;
      }
      return Arrays.hashCode(Arrays.copyOf(release, end)) * 31 + Long.hashCode(epoch);
    }

    /** The canonical spelling, as packaging's {@code str(Version)}: {@code 1!2.0rc1.post2.dev3+abc.4}. */
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      if (epoch != 0) {
        out.append(epoch).append('!');
      }
      for (int i = 0; i < release.length; i++) {
        out.append(i == 0 ? "" : ".").append(release[i]);
      }
      if (preKind >= 0) {
        out.append(List.of("a", "b", "rc").get(preKind)).append(pre);
      }
      if (post >= 0) {
        out.append(".post").append(post);
      }
      if (dev >= 0) {
        out.append(".dev").append(dev);
      }
      for (int i = 0; i < local.size(); i++) {
        out.append(i == 0 ? "+" : ".").append(local.get(i));
      }
      return out.toString();
    }
  }

  /** A comma-separated set of version clauses, such as {@code >=1.0,<2,!=1.3.*}; empty allows every version. */
  public static final class Specifier {
    private record Clause(String operator, String version) {}

    private final List<Clause> clauses;

    private Specifier(List<Clause> clauses) {
      this.clauses = clauses;
    }

    /** The specifier the text spells (clauses separated by commas), or empty when one clause is not valid. */
    public static Optional<Specifier> parse(String text) {
      List<Clause> clauses = new ArrayList<>();
      if (text.strip().isEmpty()) {
        return Optional.of(new Specifier(clauses));
      }
      for (String written : text.split(",", -1)) {
        Optional<Clause> clause = clause(written.strip());
        if (clause.isEmpty()) {
          return Optional.empty();
        }
        clauses.add(clause.get());
      }
      return Optional.of(new Specifier(List.copyOf(clauses)));
    }

    private static Optional<Clause> clause(String text) {
      for (String operator : List.of("===", "~=", "==", "!=", "<=", ">=", "<", ">")) {
        if (text.startsWith(operator)) {
          String version = text.substring(operator.length()).strip();
          if (!DependencySpecifier.isVersionClause(operator, version)) {
            return Optional.empty();
          }
          return Optional.of(new Clause(operator, version));
        }
      }
      return Optional.empty();
    }

    /**
     * Whether the version satisfies every clause, pre-releases allowed only when a clause names
     * one (packaging's default, which pip follows).
     */
    public boolean contains(Version version) {
      return contains(version, clauses.stream().anyMatch(Specifier::namesPrerelease));
    }

    /** Whether the version satisfies every clause; a pre-release only if {@code prereleases}. */
    public boolean contains(Version version, boolean prereleases) {
      if (version.isPrerelease() && !prereleases) {
        return false;
      }
      return clauses.stream().allMatch(c -> satisfies(version, c));
    }

    private static boolean namesPrerelease(Clause c) {
      if (c.operator().equals("!=")) {
        return false;
      }
      String written = c.operator().equals("==") ? c.version().replaceFirst("\\.\\*$", "") : c.version();
      return Version.parse(written).map(Version::isPrerelease).orElse(false);
    }

    private static boolean satisfies(Version prospective, Clause clause) {
      String written = clause.version();
      if (clause.operator().equals("===")) {
        return prospective.toString().equalsIgnoreCase(written);
      }
      if (written.endsWith(".*")) {
        boolean matches = prefixMatches(prospective, written.substring(0, written.length() - 2));
        return clause.operator().equals("==") == matches;
      }
      // Every other clause was checked to hold a version.
      Version spec = Version.parse(written).orElseThrow();
      return switch (clause.operator()) {
        case "==" -> equal(prospective, spec);
        case "!=" -> !equal(prospective, spec);
        case "<=" -> prospective.publicVersion().compareTo(spec) <= 0;
        case ">=" -> prospective.publicVersion().compareTo(spec) >= 0;
        case "<" -> prospective.compareTo(spec) < 0
            && (spec.isPrerelease() || !prospective.isPrerelease()
                || !prospective.baseVersion().equals(spec.baseVersion()));
        case ">" -> prospective.compareTo(spec) > 0
            && (spec.isPostrelease() || !prospective.isPostrelease()
                || !prospective.baseVersion().equals(spec.baseVersion()))
            && (!prospective.hasLocal() || !prospective.baseVersion().equals(spec.baseVersion()));
        case "~=" -> compatible(prospective, written, spec);
        default -> throw new IllegalStateException(clause.operator());
      };
    }

    /** {@code ==V} ignores the local label unless V has one. */
    private static boolean equal(Version prospective, Version spec) {
      return (spec.hasLocal() ? prospective : prospective.publicVersion()).compareTo(spec) == 0;
    }

    /** {@code ~=V}: at least V, and the same release prefix but for V's last release number. */
    private static boolean compatible(Version prospective, String written, Version spec) {
      List<String> split = versionSplit(spec.toString());
      List<String> release = new ArrayList<>();
      for (String piece : split.subList(1, split.size())) {
        if (!isSuffix(piece)) {
          release.add(piece);
        } else {
          break;
        }
      }
      String prefix = (spec.epoch != 0 ? spec.epoch + "!" : "")
          + String.join(".", release.subList(0, release.size() - 1));
      return prospective.publicVersion().compareTo(spec) >= 0 && prefixMatches(prospective, prefix);
    }

    private static boolean isSuffix(String piece) {
      return piece.startsWith("dev") || piece.startsWith("a") || piece.startsWith("b")
          || piece.startsWith("rc") || piece.startsWith("post");
    }

    /** {@code ==P.*}: the version's pieces, the release padded with zeros, begin with P's. */
    private static boolean prefixMatches(Version prospective, String prefixText) {
      Optional<Version> prefix = Version.parse(prefixText);
      if (prefix.isEmpty()) {
        return false;
      }
      List<String> spec = versionSplit(prefix.get().toString());
      List<String> candidate = versionSplit(prospective.publicVersion().toString());
      int specRelease = leadingNumbers(spec);
      int candidateRelease = leadingNumbers(candidate);
      List<String> padded = new ArrayList<>(candidate.subList(0, candidateRelease));
      while (padded.size() < specRelease) {
        padded.add("0");
      }
      padded.addAll(candidate.subList(candidateRelease, candidate.size()));
      return padded.size() >= spec.size() && padded.subList(0, spec.size()).equals(spec);
    }

    private static int leadingNumbers(List<String> pieces) {
      int n = 0;
      while (n < pieces.size() && pieces.get(n).chars().allMatch(Character::isDigit)) {
        n++;
      }
      return n;
    }

    /** packaging's {@code _version_split}: the epoch, then each dotted piece, {@code 1rc1} as two. */
    private static List<String> versionSplit(String canonical) {
      List<String> out = new ArrayList<>();
      int bang = canonical.lastIndexOf('!');
      out.add(bang < 0 ? "0" : canonical.substring(0, bang));
      for (String item : canonical.substring(bang + 1).split("\\.")) {
        Matcher m = NUMBER_THEN_PRE.matcher(item);
        if (m.matches()) {
          out.add(m.group(1));
          out.add(m.group(2));
        } else {
          out.add(item);
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return String.join(",", clauses.stream().map(c -> c.operator() + c.version()).toList());
    }
  }
}
