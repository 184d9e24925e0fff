package dev.comfypkgs.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A runtime closure with its reference edges, from one {@code nix-store --query --graph} call:
 * enough to list the closure and to explain, as {@code nix why-depends} would, how the root
 * reaches any path in it.
 */
public final class ClosureGraph {
  private final String root;
  private final Set<String> paths = new TreeSet<>();
  private final Map<String, Set<String>> references = new HashMap<>();

  private ClosureGraph(String root) {
    this.root = root;
  }

  /**
   * Parses Nix's DOT output. An edge {@code "A" -> "B"} means B refers to A; node names are
   * store base names, made full paths with {@code storeDir}.
   */
  public static ClosureGraph parseDot(String root, String storeDir, String dot) {
    ClosureGraph g = new ClosureGraph(root);
    g.paths.add(root);
    // Scanned by hand, not with a regex: a closure's graph has a line per path and per edge.
    for (String line : dot.split("\n")) {
      int nameEnd = quotedEnd(line, 0);
      if (nameEnd < 0) {
        continue;
      }
      String name = storeDir + "/" + line.substring(1, nameEnd - 1);
      if (line.startsWith(" -> ", nameEnd)) {
        int referrerEnd = quotedEnd(line, nameEnd + 4);
        if (referrerEnd >= 0) {
          String referrer = storeDir + "/" + line.substring(nameEnd + 5, referrerEnd - 1);
          g.paths.add(name);
          g.paths.add(referrer);
          if (!name.equals(referrer)) {
            g.references.computeIfAbsent(referrer, k -> new LinkedHashSet<>()).add(name);
          }
          continue;
        }
      }
      if (line.startsWith(" [", nameEnd)) {
        g.paths.add(name);
      }
    }
    return g;
  }

  /**
   * Where the non-empty double-quoted name starting at {@code from} ends (after its closing
   * quote), or -1 if none starts there.
   */
  private static int quotedEnd(String line, int from) {
    if (!line.startsWith("\"", from)) {
      return -1;
    }
    int close = line.indexOf('"', from + 1);
    return close > from + 1 ? close + 1 : -1;
  }

  /** Builds a graph from explicit edges (referrer to its references), for static walks. */
  static ClosureGraph of(String root, Map<String, ? extends Iterable<String>> edges) {
    ClosureGraph g = new ClosureGraph(root);
    g.paths.add(root);
    edges.forEach((from, tos) -> {
      g.paths.add(from);
      for (String to : tos) {
        g.paths.add(to);
        g.references.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
      }
    });
    return g;
  }

  public String root() {
    return root;
  }

  /** Every path of the closure, the root included, sorted. */
  public Set<String> paths() {
    return Collections.unmodifiableSet(paths);
  }

  /** A shortest chain of references from the root to {@code target}, both included. */
  public List<String> chain(String target) {
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(root));
    parent.put(root, null);
    while (!queue.isEmpty()) {
      String at = queue.removeFirst();
      if (at.equals(target)) {
        break;
      }
      for (String next : references.getOrDefault(at, Set.of())) {
        if (!parent.containsKey(next)) {
          parent.put(next, at);
          queue.addLast(next);
        }
      }
    }
    if (!parent.containsKey(target)) {
      return List.of(target);
    }
    List<String> chain = new ArrayList<>();
    for (String at = target; at != null; at = parent.get(at)) {
      chain.add(0, at);
    }
    return chain;
  }
}
