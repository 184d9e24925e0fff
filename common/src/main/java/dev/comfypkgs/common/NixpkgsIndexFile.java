package dev.comfypkgs.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  /** Reads and checks {@code file}; a malformed index throws with the offending entry. */
  public static NixpkgsIndexFile read(Path file) throws IOException {
    JsonNode list = new ObjectMapper().readTree(file.toFile());
    if (list == null || !list.isArray()) {
      throw new IOException("not a JSON list");
    }
    SortedSet<String> names = new TreeSet<>();
    SortedSet<String> torch = new TreeSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      JsonNode name = entry.isTextual() ? entry : entry.path("name");
      JsonNode carries = entry.path("carriesTorch");
      if (!name.isTextual() || name.asText().isEmpty()
          || !(carries.isMissingNode() || carries.isBoolean())) {
        throw new IOException("entry " + i + " is neither a name nor {\"name\": string,"
            + " \"carriesTorch\": boolean}");
      }
      names.add(name.asText());
      if (carries.asBoolean(false)) {
        torch.add(name.asText());
      }
    }
    return new NixpkgsIndexFile(
        Collections.unmodifiableSortedSet(names), Collections.unmodifiableSortedSet(torch));
  }
}
