package dev.comfypkgs.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The nixpkgs index {@code comfypkgs index} writes and {@code -Acomfypkgs.nixpkgsIndex} and
 * {@code import-requirements --index} read: a JSON list whose entries are either a
 * {@code {"name": STRING, "carriesTorch": BOOLEAN}} object ({@code carriesTorch} may be left out,
 * meaning false) or a plain name string. Anything else is refused rather than guessed at, so a
 * malformed index cannot silently drop names or torch carriers.
 *
 * @param names every python3.pkgs attribute name in the index, sorted
 * @param carryingTorch the names whose run-time closure carries torch, sorted
 */
public record NixpkgsIndexFile(Set<String> names, Set<String> carryingTorch) {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Reads and checks {@code file}; a malformed index throws with the offending entry. The list is
   * read to its end before a bad entry is reported, so a file that is not JSON at all says so
   * first, whatever its entries.
   */
  public static NixpkgsIndexFile read(Path file) throws IOException {
    SortedSet<String> names = new TreeSet<>();
    SortedSet<String> torch = new TreeSet<>();
    int firstBad = -1;
    try (JsonParser parser = JSON.createParser(file.toFile())) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("not a JSON list");
      }
      for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
        Entry entry = entry(parser);
        if (entry == null) {
          firstBad = firstBad < 0 ? i : firstBad;
        } else if (firstBad < 0) {
          names.add(entry.name());
          if (entry.carriesTorch()) {
            torch.add(entry.name());
          }
        }
      }
    }
    if (firstBad >= 0) {
      throw new IOException("entry " + firstBad + " is neither a name nor {\"name\": string,"
          + " \"carriesTorch\": boolean}");
    }
    return new NixpkgsIndexFile(
        Collections.unmodifiableSortedSet(names), Collections.unmodifiableSortedSet(torch));
  }

  private record Entry(String name, boolean carriesTorch) {}

  /** The entry at the parser's current token, read to its end; null if it is not a valid one. */
  private static Entry entry(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return parser.getText().isEmpty() ? null : new Entry(parser.getText(), false);
    }
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    // A repeated key counts as its last value, as in a tree read.
    String name = null;
    JsonToken carries = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("name")) {
        name = value == JsonToken.VALUE_STRING ? parser.getText() : null;
      } else if (field.equals("carriesTorch")) {
        carries = value;
      }
      parser.skipChildren();
    }
    boolean carriesIsBoolean =
        carries == null || carries == JsonToken.VALUE_TRUE || carries == JsonToken.VALUE_FALSE;
    if (name == null || name.isEmpty() || !carriesIsBoolean) {
      return null;
    }
    return new Entry(name, carries == JsonToken.VALUE_TRUE);
  }
}
