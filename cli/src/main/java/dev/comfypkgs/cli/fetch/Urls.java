package dev.comfypkgs.cli.fetch;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.Terminal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The URLs the commands download from: checked when given, and built from encoded parts. */
public final class Urls {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  private Urls() {}

  /**
   * The absolute http or https URL {@code text}, which {@code what} (an option or environment
   * variable) gave; anything else (a relative reference, {@code file:}, {@code ftp:}, a space, no
   * host) is a usage error, since the downloader speaks HTTP only.
   */
  public static URI http(String what, String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw refused(what, text, "it is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw refused(what, text, "only http:// and https:// URLs can be downloaded");
    }
    if (uri.getHost() == null || uri.getRawAuthority() == null) {
      throw refused(what, text, "it names no host");
    }
    return uri;
  }

  private static CliException refused(String what, String text, String why) {
    return CliException.usage(what + " '" + Terminal.escape(text) + "' cannot be used: " + why + ".");
  }

  /**
   * One path segment, percent-encoded (UTF-8) except for RFC 3986's unreserved characters: a
   * {@code /}, {@code ?} or {@code #} in a name stays part of that name.
   */
  public static String segment(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (UNRESERVED.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** Segments encoded one by one and joined with {@code /}. */
  public static String path(String... segments) {
    StringBuilder out = new StringBuilder();
    for (String s : segments) {
      out.append(out.length() == 0 ? "" : "/").append(segment(s));
    }
    return out.toString();
  }
}
