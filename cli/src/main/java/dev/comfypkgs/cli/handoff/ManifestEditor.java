package dev.comfypkgs.cli.handoff;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes a store-path package descriptor ({@code <id>.store-path} and {@code <id>.systems}) into
 * the {@code [install]} table of a Flox {@code manifest.toml}, as the spec's "Using Built
 * Packages" shows, by changing or adding exact spans of text ({@link TomlSpans}): comments, order,
 * layout, line ends, a byte order mark and a missing final newline stay as they were. The result
 * is parsed again and must be the old document with exactly the intended keys changed, or nothing
 * is returned.
 *
 * <p>One entry per system: the entry for ({@code attr}, S) is {@code [install]}'s {@code <attr>}
 * or {@code <attr>-<S>} whose {@code systems} is exactly {@code [S]}; a new one takes the first of
 * those two ids that is free.
 */
public final class ManifestEditor {
  private static final TomlMapper TOML = new TomlMapper();
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  /** What {@link #handOff} does to the manifest. */
  public enum Change {
    /** A new entry (two lines) was added. */
    ADDED,
    /** The entry's {@code store-path} value was replaced. */
    REPLACED,
    /** The entry already holds this store path; the text is the old one. */
    UNCHANGED
  }

  /**
   * The manifest after the edit; {@code id} is the entry's key under {@code [install]}, and
   * {@code text[changeStart, changeEnd)} is what was written.
   */
  public record Edit(String text, String id, Change change, int changeStart, int changeEnd) {
    /** The whole lines holding what was written, for a dry run; empty when unchanged. */
    public List<String> changedLines() {
      if (change == Change.UNCHANGED) {
        return List.of();
      }
      int from = changeStart;
      while (from < changeEnd && (text.charAt(from) == '\r' || text.charAt(from) == '\n')) {
        from++; // an added entry starts by ending the line it follows
      }
      int start = text.lastIndexOf('\n', from - 1) + 1;
      int end = text.indexOf('\n', changeEnd);
      String lines = text.substring(start, end < 0 ? text.length() : end);
      return lines.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private ManifestEditor() {}

  /**
   * Parses a manifest; a document that is not TOML is a usage error naming {@code name}, the line
   * and the column. A leading byte order mark is ignored.
   */
  public static JsonNode parse(String name, String text) {
    String body = withoutByteOrderMark(text);
    try {
      return TOML.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw CliException.usage(name + " is not valid TOML: " + e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
          + "; it was not changed.");
    }
  }

  /**
   * {@code text} with the entry for {@code attr} on {@code system} holding {@code storePath}:
   * replaced in place if there is one, else added to {@code [install]} (created at the end when
   * missing).
   *
   * @throws CliException with {@link ExitCode#USAGE} when the text is not TOML or a value cannot
   *     be written as TOML, and with {@link ExitCode#FAILED} when the manifest holds an entry that
   *     would also be installed on {@code system} or an {@code [install]} this editor does not
   *     write into; the caller then writes nothing
   */
  public static Edit handOff(String name, String text, String attr, String system, String storePath) {
    lines(attr, system, storePath); // refuses what TOML cannot hold before looking at the file
    String body = withoutByteOrderMark(text);
    String bom = text.substring(0, text.length() - body.length());
    JsonNode before = parse(name, body);
    JsonNode install = before.get("install");
    if (install != null && !install.isObject()) {
      throw new CliException(ExitCode.FAILED, name + ": install is not a table; fix it by hand.");
    }
    TomlSpans spans;
    try {
      spans = TomlSpans.of(body);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new CliException(ExitCode.FAILED, name + ": cannot locate its keys to edit them ("
          + e.getMessage() + "); add the entry by hand: " + String.join("  ", lines(attr, system, storePath)));
    }
    Optional<String> existing = existingEntry(name, install, attr, system);
    Splice splice;
    String id;
    if (existing.isPresent()) {
      id = existing.get();
      if (install.get(id).get("store-path").asText().equals(storePath)) {
        return new Edit(text, id, Change.UNCHANGED, 0, 0);
      }
      splice = replaceStorePath(spans, id, storePath);
    } else {
      id = freeId(name, install, attr, system);
      splice = addEntry(name, body, spans, install, lines(id, system, storePath));
    }
    String edited = body.substring(0, splice.start) + splice.insert + body.substring(splice.end);
    check(name, before, edited, id, system, storePath, existing.isEmpty());
    return new Edit(bom + edited, id, existing.isPresent() ? Change.REPLACED : Change.ADDED,
        bom.length() + splice.start, bom.length() + splice.start + splice.insert.length());
  }

  /** {@code body[start, end)} becomes {@code insert}. */
  private record Splice(int start, int end, String insert) {}

  /**
   * The id of the entry for {@code attr} on {@code system}, if there is one; refuses an entry under
   * either candidate id that would also be installed on {@code system} beside it.
   */
  private static Optional<String> existingEntry(String name, JsonNode install, String attr, String system) {
    if (install == null) {
      return Optional.empty();
    }
    String found = null;
    for (String id : List.of(attr, attr + "-" + system)) {
      JsonNode entry = install.get(id);
      if (entry == null) {
        continue;
      }
      List<String> systems = systems(entry);
      if (entry.has("store-path") && List.of(system).equals(systems) && found == null) {
        found = id;
      } else if (systems == null || systems.contains(system)) {
        throw new CliException(ExitCode.FAILED, name + ": [install] " + id + " is installed on "
            + system + " too (systems = " + (systems == null ? "all" : systems) + "): narrow its"
            + " systems to the others or remove it, then run handoff again; nothing was written.");
      }
    }
    return Optional.ofNullable(found);
  }

  /** {@code systems} as a list, or null when absent (every system). */
  private static List<String> systems(JsonNode entry) {
    JsonNode systems = entry.get("systems");
    if (systems == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    systems.forEach(s -> out.add(s.asText()));
    return out;
  }

  private static String freeId(String name, JsonNode install, String attr, String system) {
    for (String id : List.of(attr, attr + "-" + system)) {
      if (install == null || !install.has(id)) {
        return id;
      }
    }
    throw new CliException(ExitCode.FAILED, name + ": [install] already has " + attr + " and "
        + attr + "-" + system + " for other systems; rename one, then run handoff again.");
  }

  private static Splice replaceStorePath(TomlSpans spans, String id, String storePath) {
    List<String> path = List.of("install", id, "store-path");
    TomlSpans.KeyValue kv = spans.keyValues().stream()
        .filter(k -> k.path().equals(path)).findFirst()
        .orElseThrow(() -> new IllegalStateException("parsed but not located: " + path));
    return new Splice(kv.valueStart(), kv.valueEnd(), basicString(storePath));
  }

  /**
   * The two lines after the last key-value of {@code [install]} (or its header), else a new
   * {@code [install]} at the end; refused when {@code install} is an inline table or dotted keys
   * at the root, where lines cannot be added without rewriting it.
   */
  private static Splice addEntry(
      String name, String body, TomlSpans spans, JsonNode install, List<String> lines) {
    String newline = body.contains("\r\n") ? "\r\n" : "\n";
    Optional<TomlSpans.Table> table = spans.tables().stream()
        .filter(t -> !t.arrayOfTables() && t.path().equals(List.of("install"))).findFirst();
    if (table.isPresent()) {
      TomlSpans.KeyValue last = table.get().lastKeyValue();
      int at = last == null ? table.get().headerLineEnd() : last.lineEnd();
      String indent = last == null ? "" : last.indent();
      StringBuilder insert = new StringBuilder();
      lines.forEach(l -> insert.append(newline).append(indent).append(l));
      return new Splice(at, at, insert.toString());
    }
    boolean atRoot = spans.rootKeyValues().stream().anyMatch(kv -> kv.path().get(0).equals("install"));
    if (install != null && atRoot) {
      throw new CliException(ExitCode.FAILED, name + ": install is written as an inline table or"
          + " with dotted keys at the top; add the entry by hand: " + String.join("  ", lines));
    }
    // No install at all, or only [install.x] tables: TOML allows the parent after its children.
    String block = "[install]" + newline + String.join(newline, lines);
    String insert = body.isEmpty() ? block + newline
        : body.endsWith("\n") ? newline + block + newline
        : newline + newline + block;
    return new Splice(body.length(), body.length(), insert);
  }

  private static List<String> lines(String id, String system, String storePath) {
    String key = BARE_KEY.matcher(id).matches() ? id : basicString(id);
    return List.of(key + ".store-path = " + basicString(storePath),
        key + ".systems = [" + basicString(system) + "]");
  }

  /** The edited text must parse to the old tree with exactly the entry's keys set. */
  private static void check(String name, JsonNode before, String edited, String id, String system,
      String storePath, boolean added) {
    ObjectNode expected = before.deepCopy();
    ObjectNode install = expected.has("install")
        ? (ObjectNode) expected.get("install") : expected.putObject("install");
    ObjectNode entry = install.has(id) ? (ObjectNode) install.get(id) : install.putObject(id);
    entry.put("store-path", storePath);
    if (added) {
      entry.putArray("systems").add(system);
    }
    JsonNode after;
    try {
      after = TOML.readTree(edited);
    } catch (JsonProcessingException e) {
      after = null;
    }
    if (!expected.equals(after)) {
      throw new CliException(ExitCode.FAILED, name + ": the edit of [install] " + id + " would not"
          + " read back as exactly that entry, so nothing was written; add it by hand: "
          + String.join("  ", lines(id, system, storePath)));
    }
  }

  /**
   * {@code value} as a TOML basic string: quotes, backslashes and control characters escaped.
   * Text that is not Unicode (a lone surrogate) is a usage error: it has no TOML spelling.
   */
  static String basicString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int j = 0; j < value.length(); j++) {
      char c = value.charAt(j);
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && j + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(j + 1));
        if (!paired) {
          throw CliException.usage("'" + value.replaceAll("\\p{Cs}", "\uFFFD")
              + "' holds a lone surrogate (U+" + Integer.toHexString(c).toUpperCase()
              + "), which TOML cannot hold.");
        }
        out.append(c).append(value.charAt(++j));
        continue;
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String withoutByteOrderMark(String text) {
    return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
  }
}
