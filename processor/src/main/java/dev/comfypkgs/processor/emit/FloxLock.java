package dev.comfypkgs.processor.emit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether the {@code .flox/env/manifest.lock} in an output directory still locks the manifest a
 * generation writes. Only Flox writes the lock (it needs the catalog), and comfypkgs never touches
 * it; but Flox treats it as up to date exactly when the {@code manifest} it embeds equals the
 * parsed {@code manifest.toml}, so a recipe change that changes the manifest makes Flox relock, and
 * {@code flox publish} refuse, until the lock is rewritten and committed.
 *
 * <p>JSON values are compared in a plain form: an object is a {@code Map}, an array a {@code List},
 * and a string, number, boolean or null the Java value jackson-core's parser gives. The lock is
 * read with the streaming parser: databind's start-up would cost more than the comparison.
 */
public final class FloxLock {
  public static final String PATH = ".flox/env/manifest.lock";

  private static final JsonFactory JSON = new JsonFactory();

  /** What differs; empty {@code sections} and a null {@code unreadable} never occur together. */
  public record Staleness(List<String> sections, String unreadable) {
    public Staleness {
      sections = List.copyOf(sections);
    }
  }

  private FloxLock() {}

  /**
   * Compares the lock in {@code out}, if there is one, with {@code manifest} (as
   * {@link FloxEnvironmentFiles#manifestAsLocked} gives it): empty when there is no lock or it
   * matches; else the top-level manifest sections that differ ({@code install}, {@code options},
   * ...) or why the lock could not be read. Sections Flox serialises as null or empty count as
   * absent. Never throws.
   */
  public static Optional<Staleness> check(Path out, Map<String, Object> manifest) {
    Path lock = out.resolve(PATH);
    if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Object document;
    try (JsonParser parser = JSON.createParser(Files.readAllBytes(lock))) {
      // Like a tree read, the first value is the document: an empty file has none.
      document = parser.nextToken() == null ? null : value(parser);
    } catch (JacksonException e) {
      return unreadable("it is not JSON: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      return unreadable(e.toString());
    }
    Object locked = document instanceof Map<?, ?> root ? root.get("manifest") : null;
    if (!(locked instanceof Map<?, ?> actual)) {
      return unreadable("it has no \"manifest\" object");
    }
    Map<?, ?> expected = withoutEmpty(manifest);
    actual = withoutEmpty(actual);
    TreeSet<String> keys = new TreeSet<>();
    expected.keySet().forEach(key -> keys.add((String) key));
    actual.keySet().forEach(key -> keys.add((String) key));
    List<String> differing = new ArrayList<>();
    for (String key : keys) {
      if (!Objects.equals(expected.get(key), actual.get(key))) {
        differing.add(key);
      }
    }
    return differing.isEmpty() ? Optional.empty() : Optional.of(new Staleness(differing, null));
  }

  private static Optional<Staleness> unreadable(String why) {
    return Optional.of(new Staleness(List.of(), why));
  }

  /**
   * The plain form of the value at the parser's current token. The parser bounds the nesting
   * (a too-deep document is a {@link JacksonException}), so the recursion is bounded too.
   */
  private static Object value(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.put(name, value(parser));
        }
        return object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser));
        }
        return array;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return parser.getNumberValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return parser.getBooleanValue();
      }
      default -> {
        return null;
      }
    }
  }

  /** A copy without null values and empty objects, at any depth: Flox may write {@code "hook": {}}. */
  private static Map<?, ?> withoutEmpty(Map<?, ?> object) {
    Map<Object, Object> out = new LinkedHashMap<>();
    object.forEach((key, field) -> {
      Object value = field instanceof Map<?, ?> nested ? withoutEmpty(nested) : field;
      if (value != null && !(value instanceof Map<?, ?> map && map.isEmpty())) {
        out.put(key, value);
      }
    });
    return out;
  }
}
