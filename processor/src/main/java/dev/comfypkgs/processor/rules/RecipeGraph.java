package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code @Requires} graph. Closures are memoised, so walking it for every recipe stays linear
 * in the size of the graph rather than quadratic.
 */
final class RecipeGraph {
  private final Map<String, PackageDescriptor> byAttr;
  private final Map<String, Set<String>> closures = new HashMap<>();

  RecipeGraph(RecipeSet set) {
    this.byAttr = set.packagesByAttr();
  }

  /** Every recipe {@code attr} requires, directly or through others (itself excluded). */
  Set<String> closure(String attr) {
    Set<String> known = closures.get(attr);
    if (known != null) {
      return known;
    }
    // Guard against cycles (reported by the identity rule): a recipe in progress counts as empty.
    closures.put(attr, Set.of());
    Set<String> out = new LinkedHashSet<>();
    PackageDescriptor p = byAttr.get(attr);
    if (p != null) {
      for (String r : p.requires()) {
        out.add(r);
        out.addAll(closure(r));
      }
    }
    out.remove(attr);
    Set<String> result = Set.copyOf(out);
    closures.put(attr, result);
    return result;
  }

  /** One shortest path of requirements from {@code from} to {@code to}, both included. */
  List<String> path(String from, String to) {
    Map<String, String> parent = new HashMap<>();
    List<String> queue = new ArrayList<>(List.of(from));
    parent.put(from, null);
    for (int i = 0; i < queue.size(); i++) {
      String current = queue.get(i);
      if (current.equals(to) && i > 0) {
        break;
      }
      PackageDescriptor p = byAttr.get(current);
      if (p == null) {
        continue;
      }
      for (String next : p.requires()) {
        if (!parent.containsKey(next)) {
          parent.put(next, current);
          queue.add(next);
        }
      }
    }
    List<String> path = new ArrayList<>();
    for (String at = to; at != null; at = parent.get(at)) {
      path.add(0, at);
      if (at.equals(from)) {
        break;
      }
    }
    return path;
  }

  /** Every cycle's recipes in order, first recipe repeated at the end; each cycle once. */
  List<List<String>> cycles() {
    List<List<String>> out = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>(); // 1 on the stack, 2 done
    for (String start : byAttr.keySet().stream().sorted().toList()) {
      visit(start, new ArrayList<>(), state, out);
    }
    return out;
  }

  private void visit(String attr, List<String> stack, Map<String, Integer> state, List<List<String>> out) {
    Integer s = state.get(attr);
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(attr), stack.size()));
      cycle.add(attr);
      out.add(cycle);
      return;
    }
    state.put(attr, 1);
    stack.add(attr);
    PackageDescriptor p = byAttr.get(attr);
    if (p != null) {
      for (String r : p.requires()) {
        visit(r, stack, state, out);
      }
    }
    stack.remove(stack.size() - 1);
    state.put(attr, 2);
  }
}
