package dev.comfypkgs.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Name handling shared by the commands: PEP 503, store path names, closest matches. */
public final class Names {
  private Names() {}

  /** PEP 503: {@code Open_CLIP.torch} and {@code open-clip-torch} are one name. */
  public static String normalize(String name) {
    // No regex and, for a name already normal, no copy: import-requirements normalises every
    // requirement against every torch-bearing name.
    if (isNormalized(name)) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    boolean inSeparatorRun = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-' || c == '_' || c == '.') {
        if (!inSeparatorRun) {
          out.append('-');
        }
        inSeparatorRun = true;
      } else {
        out.append(c);
        inSeparatorRun = false;
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static boolean isNormalized(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean normal = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || (c == '-' && (i == 0 || name.charAt(i - 1) != '-'));
      if (!normal) {
        return false;
      }
    }
    return true;
  }

  /** The name part of a store path's base name: {@code <hash>-<name>}. */
  public static String storeName(String storePath) {
    String base = storePath.substring(storePath.lastIndexOf('/') + 1);
    int dash = base.indexOf('-');
    return dash == 32 ? base.substring(33) : base;
  }

  /**
   * The package name of a store path: the part after the hash, with the version (from the first
   * {@code -} followed by a digit, as Nix's {@code parseDrvName} splits) and a leading
   * {@code pythonX.Y-} stripped. {@code …-python3.13-torch-2.6.0-comfyui-patched} is {@code torch}.
   */
  public static String packageName(String storePath) {
    String name = storeName(storePath);
    for (int i = 0; i + 1 < name.length(); i++) {
      if (name.charAt(i) == '-' && Character.isDigit(name.charAt(i + 1))) {
        name = name.substring(0, i);
        break;
      }
    }
    return name.replaceFirst("^python\\d+(\\.\\d+)?-", "");
  }

  /** The closest candidate by edit distance, if any is close enough to be a likely typo. */
  public static Optional<String> closest(String name, Collection<String> candidates) {
    int limit = Math.max(2, name.length() / 3);
    return candidates.stream()
        .filter(c -> distance(name, c) <= limit)
        .min(Comparator.comparingInt((String c) -> distance(name, c)).thenComparing(c -> c));
  }

  /** "unknown package 'timn'; did you mean 'timm'?" */
  public static String unknown(String what, String name, List<String> known) {
    return "unknown " + what + " '" + name + "'"
        + closest(name, known).map(c -> "; did you mean '" + c + "'?").orElse("")
        + " (known: " + String.join(", ", known) + ")";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
