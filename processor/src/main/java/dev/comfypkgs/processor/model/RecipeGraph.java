package dev.comfypkgs.processor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code @Requires} graph over a recipe set's packages, built once per set ({@link
 * RecipeSet#graph()}). One depth-first walk finds every cycle and every transitive closure (a bit
 * set, children before parents), so asking for every recipe's closure costs O(V·E/64) rather than
 * a walk per recipe; the walk is iterative, so a chain of thousands of recipes cannot overflow the
 * stack of javac's thread.
 */
public final class RecipeGraph {
  private final List<String> attrs = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private final int[][] edges;
  private final BitSet[] closures;
  private final List<List<String>> cycles = new ArrayList<>();

  /** {@code packages} sorted by attr; of two with one attr, the last one's requirements count. */
  RecipeGraph(List<PackageDescriptor> packages) {
    for (PackageDescriptor p : packages) {
      if (!index.containsKey(p.attr())) {
        index.put(p.attr(), attrs.size());
        attrs.add(p.attr());
      }
    }
    edges = new int[attrs.size()][];
    for (PackageDescriptor p : packages) {
      edges[index.get(p.attr())] = p.requires().stream()
          .filter(index::containsKey).mapToInt(index::get).toArray();
    }
    closures = new BitSet[attrs.size()];
    walk();
  }

  /** True when {@code from} requires {@code to}, directly or through others. */
  public boolean reaches(String from, String to) {
    Integer f = index.get(from);
    Integer t = index.get(to);
    return f != null && t != null && closures[f].get(t);
  }

  /** The first recipe by attr among {@code targets} that {@code attr} requires, directly or not. */
  public String firstReached(String attr, Collection<String> targets) {
    Integer i = index.get(attr);
    if (i == null) {
      return null;
    }
    BitSet wanted = new BitSet(attrs.size());
    for (String t : targets) {
      Integer j = index.get(t);
      if (j != null) {
        wanted.set(j);
      }
    }
    wanted.and(closures[i]);
    int first = wanted.nextSetBit(0);
    return first < 0 ? null : attrs.get(first);
  }

  /** Every cycle's recipes in order, first recipe repeated at the end; each cycle once. */
  public List<List<String>> cycles() {
    return List.copyOf(cycles);
  }

  /**
   * Post-order from each recipe by attr: a node is finished after all it requires. A node met
   * again while on the stack closes a cycle (CPK110 reports it); its partial closure is used as it
   * stands.
   */
  private void walk() {
    int n = attrs.size();
    int[] state = new int[n];
    for (int start = 0; start < n; start++) {
      if (state[start] != 0) {
        continue;
      }
      Deque<int[]> stack = new ArrayDeque<>();
      List<Integer> onStack = new ArrayList<>();
      stack.push(new int[] {start, 0});
      onStack.add(start);
      state[start] = 1;
      closures[start] = new BitSet(n);
      while (!stack.isEmpty()) {
        int[] top = stack.peek();
        int node = top[0];
        if (top[1] < edges[node].length) {
          int child = edges[node][top[1]++];
          if (state[child] == 1) {
            List<String> cycle = new ArrayList<>();
            for (int k = onStack.indexOf(child); k < onStack.size(); k++) {
              cycle.add(attrs.get(onStack.get(k)));
            }
            cycle.add(attrs.get(child));
            cycles.add(List.copyOf(cycle));
          } else if (state[child] == 0) {
            state[child] = 1;
            closures[child] = new BitSet(n);
            stack.push(new int[] {child, 0});
            onStack.add(child);
          }
        } else {
          for (int child : edges[node]) {
            closures[node].set(child);
            closures[node].or(closures[child]);
          }
          closures[node].clear(node);
          state[node] = 2;
          stack.pop();
          onStack.remove(onStack.size() - 1);
        }
      }
    }
  }

  /** One shortest path of requirements from {@code from} to {@code to}, both included. */
  public List<String> path(String from, String to) {
    Integer f = index.get(from);
    Integer t = index.get(to);
    List<String> path = new ArrayList<>();
    if (f == null || t == null) {
      return path;
    }
    int[] parent = new int[attrs.size()];
    Arrays.fill(parent, -2);
    parent[f] = -1;
    Deque<Integer> queue = new ArrayDeque<>(List.of(f));
    while (!queue.isEmpty() && parent[t] == -2) {
      int at = queue.removeFirst();
      for (int next : edges[at]) {
        if (parent[next] == -2) {
          parent[next] = at;
          queue.addLast(next);
        }
      }
    }
    if (parent[t] == -2 && !f.equals(t)) {
      return path;
    }
    for (int at = t; at >= 0; at = parent[at]) {
      path.add(0, attrs.get(at));
      if (at == f) {
        break;
      }
    }
    return path;
  }
}
