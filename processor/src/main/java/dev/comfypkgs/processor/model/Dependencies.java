package dev.comfypkgs.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a generated file depends on, and on which of its systems each name goes in. One fact for
 * the emitters (which write it as a list plus {@code lib.optionals} per condition), the formal
 * arguments (a condition needs {@code stdenv}) and {@code recipes.json} (which lists a
 * meta-package's members per system).
 */
public final class Dependencies {
  /** Names that go in on the systems {@code on}, in declaration order. */
  private record Group(List<String> names, SystemSet on) {}

  private final SystemSet platforms;
  private final List<Group> groups;

  private Dependencies(SystemSet platforms, List<Group> groups) {
    this.platforms = platforms;
    // A name that goes in nowhere is no dependency; CPK007 reports what declared it.
    this.groups = groups.stream().filter(g -> !g.on().isEmpty()).toList();
  }

  /** A package's: its {@code @Bundle}s, then the recipes it requires, on all its systems. */
  static Dependencies of(PackageDescriptor p) {
    List<Group> groups = new ArrayList<>(bundles(p.bundles(), p.platforms()));
    groups.add(new Group(p.requires(), p.platforms()));
    return new Dependencies(p.platforms(), groups);
  }

  /**
   * A meta-package's: its nixpkgs members, its {@code @Bundle}s, then each member recipe on the
   * systems it shares with the meta-package.
   */
  static Dependencies of(MetaDescriptor m, Map<String, PackageDescriptor> packagesByAttr) {
    List<Group> groups = new ArrayList<>();
    groups.add(new Group(m.nixpkgs(), m.platforms()));
    groups.addAll(bundles(m.bundles(), m.platforms()));
    for (String attr : m.members()) {
      PackageDescriptor member = packagesByAttr.get(attr);
      if (member != null) {
        groups.add(new Group(List.of(attr), m.memberSystems(member)));
      }
    }
    return new Dependencies(m.platforms(), groups);
  }

  private static List<Group> bundles(List<BundleGroup> bundles, SystemSet platforms) {
    return bundles.stream()
        .map(b -> new Group(b.names(), b.systemsWithin(platforms)))
        .toList();
  }

  /** True when nothing goes in on any system. */
  public boolean isEmpty() {
    return groups.stream().allMatch(g -> g.names().isEmpty());
  }

  /** The names that go in on every system of the file, in declaration order. */
  public List<String> always() {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    groups.stream().filter(g -> g.on().equals(platforms)).forEach(g -> out.addAll(g.names()));
    return List.copyOf(out);
  }

  /** The names that go in on some systems only, by those systems, first declared first. */
  public Map<SystemSet, List<String>> conditional() {
    Map<SystemSet, LinkedHashSet<String>> bySystems = new LinkedHashMap<>();
    for (Group g : groups) {
      if (!g.on().equals(platforms)) {
        bySystems.computeIfAbsent(g.on(), k -> new LinkedHashSet<>()).addAll(g.names());
      }
    }
    Map<SystemSet, List<String>> out = new LinkedHashMap<>();
    bySystems.forEach((on, names) -> out.put(on, List.copyOf(names)));
    return out;
  }

  /** The names that go in on each system of the file, by Nix system name, in declaration order. */
  public Map<String, List<String>> bySystem() {
    Map<String, List<String>> out = new TreeMap<>();
    for (Sys sys : platforms.systems()) {
      LinkedHashSet<String> names = new LinkedHashSet<>();
      groups.stream().filter(g -> g.on().contains(sys)).forEach(g -> names.addAll(g.names()));
      out.put(sys.nixName(), List.copyOf(names));
    }
    return out;
  }
}
