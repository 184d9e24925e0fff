package dev.comfypkgs.processor.model;

/** Python requirement names. */
public final class Requirements {
  private Requirements() {}

  /**
   * PEP 503 normalisation: {@code Open_CLIP.torch} and {@code open-clip-torch} are one name. A
   * hand-written loop: this runs for every name of every recipe, and a regex per call showed up
   * first in the generation profile.
   */
  public static String normalize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean separator = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-' || c == '_' || c == '.') {
        separator = true;
        continue;
      }
      if (separator) {
        out.append('-');
        separator = false;
      }
      out.append(Character.toLowerCase(c));
    }
    if (separator) {
      out.append('-');
    }
    return out.toString();
  }
}
