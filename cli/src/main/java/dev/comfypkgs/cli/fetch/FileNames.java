package dev.comfypkgs.cli.fetch;

import dev.comfypkgs.cli.Terminal;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * File names as the bytes the file system holds, and as text that is safe to print.
 *
 * <p>A Unix file name is bytes. {@link Path#toString()} decodes them in the charset of the JVM's
 * locale ({@code sun.jnu.encoding}, which JDK 17 takes from the locale and ignores on the command
 * line): under {@code LC_ALL=C} every non-ASCII byte becomes U+FFFD, and under UTF-8 so does every
 * byte that is not valid UTF-8. The only public view of the bytes is {@link Path#toUri()}, whose
 * percent-encoding of each byte {@code Path.of(URI)} turns back into the same path; names that are
 * ASCII in an ASCII-compatible charset take the short way through the string.
 */
public final class FileNames {
  private static final Path ROOT = Path.of("/");
  /** Charsets that decode an ASCII byte to the same character and nothing else to one. */
  private static final Set<Charset> ASCII_COMPATIBLE =
      Set.of(StandardCharsets.US_ASCII, StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1);
  private static final boolean ASCII_NAMES_ROUND_TRIP = asciiNamesRoundTrip();

  private FileNames() {}

  /**
   * The bytes of {@code path} as the file system holds them: a name listed from a directory, or a
   * target from {@link java.nio.file.Files#readSymbolicLink}, whatever the JVM's locale.
   */
  public static byte[] bytes(Path path) {
    String text = path.toString();
    if (ASCII_NAMES_ROUND_TRIP && isAscii(text)) {
      return text.getBytes(StandardCharsets.US_ASCII);
    }
    // toUri() makes the path absolute and appends '/' when it names a directory: a relative path
    // is put under "/", and a last name "x" keeps the appended slash off the path's own bytes
    // (so a target "dir/" keeps its slash and "dir" gains none).
    Path probe = ROOT.resolve(path).resolve("x");
    byte[] raw = percentDecoded(probe.toUri().getRawPath());
    int end = raw.length - (raw[raw.length - 1] == '/' ? 1 : 0) - "/x".length();
    return Arrays.copyOfRange(raw, path.isAbsolute() ? 0 : 1, end);
  }

  /**
   * A name (UTF-8 where it is valid) as one line of text a terminal prints as it reads: what
   * {@link Terminal#needsEscape} names as Java's unicode escapes, bytes that are not UTF-8 as
   * {@code \xNN}, a backslash as two.
   */
  public static String display(byte[] name) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(name);
    CharBuffer decoded = CharBuffer.allocate(name.length);
    StringBuilder out = new StringBuilder(name.length);
    while (true) {
      CoderResult result = decoder.decode(in, decoded, true);
      decoded.flip();
      appendEscaped(out, decoded);
      decoded.clear();
      if (!result.isError()) {
        return out.toString();
      }
      for (int i = 0; i < result.length(); i++) {
        out.append(String.format("\\x%02x", in.get() & 0xff));
      }
    }
  }

  /** {@link #display(byte[])} of the path's bytes. */
  public static String display(Path path) {
    return display(bytes(path));
  }

  /** {@link #display(byte[])} of text that is already a Java string (an argument, a message). */
  public static String display(String text) {
    StringBuilder out = new StringBuilder(text.length());
    appendEscaped(out, text);
    return out.toString();
  }

  private static void appendEscaped(StringBuilder out, CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        out.append(c).append(text.charAt(++i));
      } else if (c == '\\') {
        out.append("\\\\");
      } else if (Terminal.needsEscape(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** A URI's raw path: {@code %XX} is that byte, any other character is its ASCII byte. */
  private static byte[] percentDecoded(String rawPath) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(rawPath.length());
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(rawPath, i + 1, i + 3, 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  /** Unknown or absent, the charset is not trusted: every name then goes through the URI. */
  private static boolean asciiNamesRoundTrip() {
    try {
      return ASCII_COMPATIBLE.contains(Charset.forName(System.getProperty("sun.jnu.encoding")));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
