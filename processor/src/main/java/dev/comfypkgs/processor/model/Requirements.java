package dev.comfypkgs.processor.model;

import java.util.Locale;

/** Python requirement names. */
public final class Requirements {
  private Requirements() {}

  /** PEP 503 normalisation: {@code Open_CLIP.torch} and {@code open-clip-torch} are one name. */
  public static String normalize(String name) {
    return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }
}
