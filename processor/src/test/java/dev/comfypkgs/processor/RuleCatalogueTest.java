package dev.comfypkgs.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.processor.rules.Rule;
import dev.comfypkgs.processor.rules.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule ids are unique and stable in form, and the README documents every one of them. */
class RuleCatalogueTest {
  @Test
  void idsAreUniqueAndWellFormed() {
    Set<String> seen = new HashSet<>();
    for (Rule rule : Rules.all()) {
      assertTrue(rule.id().matches("CPK[01]\\d\\d"), rule.id());
      assertTrue(seen.add(rule.id()), "duplicate id " + rule.id());
      assertTrue(!rule.summary().isBlank(), rule.id() + " has a summary");
    }
    assertEquals(32, seen.size(),
        "seven structural rules, fourteen dependency rules, six custom-node and node-bundle rules,"
            + " two workflows rules, three wrapper rules");
  }

  @Test
  void readmeHasARowForEveryRule() throws IOException {
    Path readme = Path.of(System.getProperty("comfypkgs.repoRoot", "..")).resolve("README.md");
    List<String> lines = Files.readAllLines(readme);
    for (Rule rule : Rules.all()) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("| " + rule.id() + " |")),
          "README.md's rule table lacks " + rule.id());
    }
  }
}
