package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code @Requires} graph over recipe indices. Transitive closures are bit sets computed once,
 * children before parents, so asking for every recipe's closure costs O(V·E/64) rather than a walk
 * per recipe; every walk is iterative, so a chain of thousands of recipes cannot overflow the
 * stack of javac's thread.
 */
final class RecipeGraph {
  private final List<String> attrs = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private final int[][] edges;
  private BitSet[] closures;

  RecipeGraph(RecipeSet set) {
    for (PackageDescriptor p : set.packages()) {
      index.put(p.attr(), attrs.size());
      attrs.add(p.attr());
    }
    edges = new int[attrs.size()][];
    for (PackageDescriptor p : set.packages()) {
      edges[index.get(p.attr())] = p.requires().stream()
          .filter(index::containsKey).mapToInt(index::get).toArray();
    }
  }

  /** True when {@code from} requires {@code to}, directly or through others. */
  boolean reaches(String from, String to) {
    Integer f = index.get(from);
    Integer t = index.get(to);
    return f != null && t != null && closures()[f].get(t);
  }

  /** The recipes among {@code targets} that {@code attr} requires (directly or not), first by index. */
  String firstReached(String attr, java.util.Collection<String> targets) {
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
    wanted.and(closures()[i]);
    int first = wanted.nextSetBit(0);
    return first < 0 ? null : attrs.get(first);
  }

  /** Every recipe {@code attr} requires, directly or through others. */
  List<String> closure(String attr) {
    Integer i = index.get(attr);
    List<String> out = new ArrayList<>();
    if (i != null) {
      BitSet b = closures()[i];
      for (int j = b.nextSetBit(0); j >= 0; j = b.nextSetBit(j + 1)) {
        out.add(attrs.get(j));
      }
    }
    return out;
  }

  private BitSet[] closures() {
    if (closures == null) {
      int n = attrs.size();
      closures = new BitSet[n];
      // Post-order: a node is finished after all it requires. A node met again on the stack
      // belongs to a cycle (CPK110 reports it); its partial closure is used as it stands.
      int[] state = new int[n];
      for (int start = 0; start < n; start++) {
        if (state[start] != 0) {
          continue;
        }
        Deque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {start, 0});
        state[start] = 1;
        closures[start] = new BitSet(n);
        while (!stack.isEmpty()) {
          int[] top = stack.peek();
          int node = top[0];
          if (top[1] < edges[node].length) {
            int child = edges[node][top[1]++];
            if (state[child] == 0) {
              state[child] = 1;
              closures[child] = new BitSet(n);
              stack.push(new int[] {child, 0});
            }
          } else {
            for (int child : edges[node]) {
              closures[node].set(child);
              closures[node].or(closures[child]);
            }
            closures[node].clear(node);
            state[node] = 2;
            stack.pop();
          }
        }
      }
    }
    return closures;
  }

  /** One shortest path of requirements from {@code from} to {@code to}, both included. */
  List<String> path(String from, String to) {
    Integer f = index.get(from);
    Integer t = index.get(to);
    List<String> path = new ArrayList<>();
    if (f == null || t == null) {
      return path;
    }
    int[] parent = new int[attrs.size()];
    java.util.Arrays.fill(parent, -2);
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

  /** Every cycle's recipes in order, first recipe repeated at the end; each cycle once. */
  List<List<String>> cycles() {
    List<List<String>> out = new ArrayList<>();
    int n = attrs.size();
    int[] state = new int[n];
    List<Integer> order = new ArrayList<>(index.values());
    order.sort((a, b) -> attrs.get(a).compareTo(attrs.get(b)));
    for (int start : order) {
      if (state[start] != 0) {
        continue;
      }
      Deque<int[]> stack = new ArrayDeque<>();
      List<Integer> onStack = new ArrayList<>();
      stack.push(new int[] {start, 0});
      onStack.add(start);
      state[start] = 1;
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
            out.add(cycle);
          } else if (state[child] == 0) {
            state[child] = 1;
            stack.push(new int[] {child, 0});
            onStack.add(child);
          }
        } else {
          state[node] = 2;
          stack.pop();
          onStack.remove(onStack.size() - 1);
        }
      }
    }
    return out;
  }
}
