package dev.comfypkgs.common;

import java.util.Locale;

/** Python distribution names as PEP 503 compares them. */
public final class PythonNames {
  private PythonNames() {}

  /**
   * PEP 503 normalisation: runs of {@code - _ .} become one {@code -}, letters become lower case,
   * so {@code Open_CLIP.torch} and {@code open-clip-torch} are one name.
   */
  public static String normalize(String name) {
    // No regex and, for a name already normal, no copy: the processor normalises every name of
    // every recipe and import-requirements every requirement against every torch-bearing name.
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
}
