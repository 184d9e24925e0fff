package dev.comfypkgs.cli.release;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the tags that archive main's prior states: {@code v<R>} for the first archived
 * state of main carrying ComfyUI release R, then {@code v<R>-r2}, {@code v<R>-r3}, ... for the
 * maintenance states that keep R. A maintenance release keeps the ComfyUI version, so without the
 * suffix its tag would collide with the one before; an existing tag is never moved, so a commit
 * that already has its snapshot tag gets no second one.
 */
public final class SnapshotTags {
  /** A ComfyUI release, as it may appear in a tag name. */
  public static final Pattern RELEASE = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  private static final Pattern NAME =
      Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)(?:-r([1-9]\\d{0,8}))?");

  /**
   * Snapshot tags in numeric order: {@code v0.9.3 < v0.10.0 < v0.10.0-r2 < v0.10.0-r10}. Names
   * that are not snapshot tags are not ordered by this; {@link #isSnapshot} filters them first.
   */
  public static final Comparator<String> ORDER = Comparator
      .comparing((String name) -> part(name, 1))
      .thenComparing(name -> part(name, 2))
      .thenComparing(name -> part(name, 3))
      .thenComparingLong(SnapshotTags::revision);

  private SnapshotTags() {}

  /** A tag name ({@code refs/tags/} stripped) and the commit it names. */
  public record Tag(String name, String commit) {}

  /** The tag to archive a commit under, and whether it already exists there. */
  public record Choice(String name, boolean exists) {}

  /** Whether {@code name} is a snapshot tag, {@code v<R>} or {@code v<R>-r<N>}. */
  public static boolean isSnapshot(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * The snapshot tag for {@code commit}, which carries {@code release}, given every tag known
   * locally and on the remote: a snapshot tag of that release already at {@code commit} is reused;
   * otherwise {@code v<release>} if no tag has that name; otherwise the suffix one above the
   * highest taken, so that the names of one release sort in the order main reached them (a gap
   * left by a deleted tag is not refilled).
   */
  public static Choice nameFor(String release, String commit, Collection<Tag> tags) {
    if (!RELEASE.matcher(release).matches()) {
      throw new IllegalArgumentException("not a release: " + release);
    }
    String base = "v" + release;
    Optional<String> existing = tags.stream()
        .filter(t -> t.commit().equals(commit) && ofRelease(t.name(), base))
        .map(Tag::name)
        .min(ORDER);
    if (existing.isPresent()) {
      return new Choice(existing.get(), true);
    }
    OptionalInt highest = tags.stream()
        .filter(t -> ofRelease(t.name(), base))
        .mapToInt(t -> (int) revision(t.name()))
        .max();
    return new Choice(highest.isEmpty() ? base : base + "-r" + (highest.getAsInt() + 1), false);
  }

  private static boolean ofRelease(String name, String base) {
    return isSnapshot(name) && (name.equals(base) || name.startsWith(base + "-r"));
  }

  /** The N of {@code -rN}; the plain name is the first archive, revision 1. */
  private static long revision(String name) {
    String n = matcher(name).group(4);
    return n == null ? 1 : Long.parseLong(n);
  }

  private static long part(String name, int group) {
    String digits = matcher(name).group(group);
    // Release parts may be long; compare as numbers without overflow for any sane length.
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  private static Matcher matcher(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a snapshot tag: " + name);
    }
    return m;
  }
}
