package dev.comfypkgs.processor.emit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether the {@code .flox/env/manifest.lock} in an output directory still locks the manifest a
 * generation writes. Only Flox writes the lock (it needs the catalog), and comfypkgs never touches
 * it; but Flox treats it as up to date exactly when the {@code manifest} it embeds equals the
 * parsed {@code manifest.toml}, so a recipe change that changes the manifest makes Flox relock, and
 * {@code flox publish} refuse, until the lock is rewritten and committed.
 */
public final class FloxLock {
  public static final String PATH = ".flox/env/manifest.lock";

  private static final ObjectMapper JSON = new ObjectMapper();

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
  public static Optional<Staleness> check(Path out, ObjectNode manifest) {
    Path lock = out.resolve(PATH);
    if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    JsonNode locked;
    try {
      locked = JSON.readTree(Files.readAllBytes(lock)).path("manifest");
    } catch (JacksonException e) {
      return unreadable("it is not JSON: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      return unreadable(e.toString());
    }
    if (!locked.isObject()) {
      return unreadable("it has no \"manifest\" object");
    }
    JsonNode expected = withoutEmpty(manifest);
    JsonNode actual = withoutEmpty(locked);
    TreeSet<String> keys = new TreeSet<>();
    expected.fieldNames().forEachRemaining(keys::add);
    actual.fieldNames().forEachRemaining(keys::add);
    List<String> differing = new ArrayList<>();
    for (String key : keys) {
      if (!expected.path(key).equals(actual.path(key))) {
        differing.add(key);
      }
    }
    return differing.isEmpty() ? Optional.empty() : Optional.of(new Staleness(differing, null));
  }

  private static Optional<Staleness> unreadable(String why) {
    return Optional.of(new Staleness(List.of(), why));
  }

  /** A copy without null values and empty objects, at any depth: Flox may write {@code "hook": {}}. */
  private static JsonNode withoutEmpty(JsonNode node) {
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = withoutEmpty(field.getValue());
      if (!value.isNull() && !(value.isObject() && value.isEmpty())) {
        out.set(field.getKey(), value);
      }
    }
    return out;
  }
}
