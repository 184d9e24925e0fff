package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How {@code nix-store --query --graph} output becomes a closure with its edges. */
class ClosureGraphTest {
  private static final String STORE = "/nix/store";
  private static final String ROOT = STORE + "/" + "r".repeat(32) + "-root-1.0";

  private static String base(char hash, String name) {
    return String.valueOf(hash).repeat(32) + "-" + name;
  }

  @Test
  void readsNodesAndEdgesAsNixPrintsThem() {
    String a = base('a', "python3.13-a-1.0");
    String b = base('b', "python3.13-b-1.0");
    String dot = String.join("\n",
        "digraph G {",
        "\"" + ROOT.substring(STORE.length() + 1) + "\" [label = \"root-1.0\", shape = box];",
        "\"" + a + "\" -> \"" + ROOT.substring(STORE.length() + 1) + "\" [color = \"black\"];",
        "\"" + b + "\" -> \"" + a + "\" [color = \"red\"];",
        "\"" + a + "\" [label = \"a\"];",
        "\"" + b + "\" [label = \"b\"];",
        "}",
        "");
    ClosureGraph graph = ClosureGraph.parseDot(ROOT, STORE, dot);
    assertEquals(Set.of(ROOT, STORE + "/" + a, STORE + "/" + b), graph.paths());
    assertEquals(List.of(ROOT, STORE + "/" + a, STORE + "/" + b), graph.chain(STORE + "/" + b));
  }

  @Test
  void ignoresWhatIsNeitherANodeNorAnEdge() {
    String a = base('a', "a-1.0");
    String dot = String.join("\n",
        "digraph G {",
        "\"\" [label = \"empty name\"];",
        "\"" + a + "\" -> junk;",
        "\"" + a + "\" -> \"\" [color = \"red\"];",
        "\"" + a + "\"",
        "  \"" + a + "\" [label = \"indented\"];",
        "\"unterminated [label = \"x\"];",
        "}");
    ClosureGraph graph = ClosureGraph.parseDot(ROOT, STORE, dot);
    assertEquals(Set.of(ROOT), graph.paths());
  }

  @Test
  void aSelfReferenceIsAPathButNoEdge() {
    String a = base('a', "a-1.0");
    String dot = "\"" + a + "\" -> \"" + a + "\" [color = \"red\"];\n"
        + "\"" + a + "\" -> \"" + ROOT.substring(STORE.length() + 1) + "\" [color = \"red\"];\n";
    ClosureGraph graph = ClosureGraph.parseDot(ROOT, STORE, dot);
    assertEquals(Set.of(ROOT, STORE + "/" + a), graph.paths());
    assertEquals(List.of(ROOT, STORE + "/" + a), graph.chain(STORE + "/" + a));
  }
}
