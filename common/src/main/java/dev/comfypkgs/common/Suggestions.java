package dev.comfypkgs.common;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" candidates for a mistyped name. Distances ignore case, so {@code Pillow} finds
 * {@code pillow}; a candidate counts as a likely typo within {@code max(2, length / 3)} edits.
 */
public final class Suggestions {
  private Suggestions() {}

  /** Up to {@code limit} candidates close to {@code name}, nearest first, ties alphabetical. */
  public static List<String> closest(String name, Collection<String> candidates, int limit) {
    int maxDistance = Math.max(2, name.length() / 3);
    String lowerName = name.toLowerCase(Locale.ROOT);
    record Scored(String candidate, int distance) {}
    return candidates.stream()
        .map(c -> new Scored(c, distance(lowerName, c.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance() <= maxDistance)
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
        .limit(limit)
        .map(Scored::candidate)
        .toList();
  }

  /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
