package dev.comfypkgs.processor.model;

import dev.comfypkgs.common.PythonNames;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one compilation declares, ordered by attr so that generation does not depend on the
 * order javac hands the classes over. Lookups by attr and by requirement name are indexed once:
 * rules and emitters ask them for every recipe.
 */
public final class RecipeSet {
  private final List<PackageDescriptor> packages;
  private final List<MetaDescriptor> metas;
  private final List<String> runtimeProvides;
  private final String comfyuiRelease;
  private final String environmentName;
  private final String python;
  private final List<String> declarationClasses;
  private final List<String> torchBearing;

  private final Map<String, PackageDescriptor> byAttr = new HashMap<>();
  private final Map<String, PackageDescriptor> byClass = new HashMap<>();
  private final Map<String, PackageDescriptor> replacements = new HashMap<>();
  private final Set<String> runtime = new HashSet<>();
  private final Set<String> torch = new HashSet<>();
  // Keyed by the set's own descriptors: a record's hash walks every field and list of it, once per
  // lookup, and every file rendered looks its recipe up.
  private final Map<PackageDescriptor, Dependencies> packageDependencies = new IdentityHashMap<>();
  private final Map<MetaDescriptor, Dependencies> metaDependencies = new IdentityHashMap<>();
  private RecipeGraph graph;

  public RecipeSet(
      List<PackageDescriptor> packages,
      List<MetaDescriptor> metas,
      List<String> runtimeProvides,
      String comfyuiRelease,
      String environmentName,
      String python,
      List<String> declarationClasses,
      List<String> torchBearing) {
    this.packages = packages.stream().sorted(Comparator.comparing(PackageDescriptor::attr)).toList();
    this.metas = metas.stream().sorted(Comparator.comparing(MetaDescriptor::attr)).toList();
    this.runtimeProvides = List.copyOf(runtimeProvides);
    this.comfyuiRelease = comfyuiRelease;
    this.environmentName = environmentName;
    this.python = python;
    this.declarationClasses = declarationClasses.stream().sorted().distinct().toList();
    this.torchBearing = torchBearing.stream().sorted().distinct().toList();
    for (PackageDescriptor p : this.packages) {
      byAttr.putIfAbsent(p.attr(), p);
      byClass.putIfAbsent(p.recipeClass(), p);
      // First by attr wins, as rules report a second claim (CPK110).
      p.replaces().forEach(r -> replacements.putIfAbsent(PythonNames.normalize(r), p));
    }
    this.runtimeProvides.forEach(r -> runtime.add(PythonNames.normalize(r)));
    this.torchBearing.forEach(t -> torch.add(PythonNames.normalize(t)));
    this.packages.forEach(p -> packageDependencies.put(p, Dependencies.of(p)));
    this.metas.forEach(m -> metaDependencies.put(m, Dependencies.of(m, byAttr)));
  }

  public List<PackageDescriptor> packages() {
    return packages;
  }

  public List<MetaDescriptor> metas() {
    return metas;
  }

  public List<String> runtimeProvides() {
    return runtimeProvides;
  }

  public String comfyuiRelease() {
    return comfyuiRelease;
  }

  public String environmentName() {
    return environmentName;
  }

  public String python() {
    return python;
  }

  public List<String> declarationClasses() {
    return declarationClasses;
  }

  public List<String> torchBearing() {
    return torchBearing;
  }

  public Map<String, PackageDescriptor> packagesByAttr() {
    return Collections.unmodifiableMap(byAttr);
  }

  public Optional<PackageDescriptor> pkg(String attr) {
    return Optional.ofNullable(byAttr.get(attr));
  }

  /** The package a recipe class declares. */
  public Optional<PackageDescriptor> pkgOfClass(String recipeClass) {
    return Optional.ofNullable(byClass.get(recipeClass));
  }

  /** What a package of this set (one of {@link #packages}) depends on, on which of its systems. */
  public Dependencies dependencies(PackageDescriptor p) {
    return Objects.requireNonNull(packageDependencies.get(p), "not in this set");
  }

  /** What a meta-package of this set (one of {@link #metas}) depends on, on which of its systems. */
  public Dependencies dependencies(MetaDescriptor m) {
    return Objects.requireNonNull(metaDependencies.get(m), "not in this set");
  }

  /** The {@code @Requires} graph over the packages, built on first use and then shared. */
  public RecipeGraph graph() {
    if (graph == null) {
      graph = new RecipeGraph(packages);
    }
    return graph;
  }

  /** The union of every recipe's platforms: the systems the Flox environment declares. */
  public SystemSet systems() {
    SystemSet out = SystemSet.NONE;
    for (PackageDescriptor p : packages) {
      out = out.union(p.platforms());
    }
    for (MetaDescriptor m : metas) {
      out = out.union(m.platforms());
    }
    return out.isEmpty() ? SystemSet.ALL : out;
  }

  /** True when the name is known to carry torch at run time (PEP 503 comparison). */
  public boolean carriesTorch(String name) {
    return torch.contains(PythonNames.normalize(name));
  }

  /** True when the runtime environment provides the requirement (PEP 503 comparison). */
  public boolean runtimeProvides(String requirement) {
    return runtime.contains(PythonNames.normalize(requirement));
  }

  /** The recipe that {@code @Replaces} the requirement, if any. */
  public Optional<PackageDescriptor> replacementOf(String requirement) {
    return Optional.ofNullable(replacements.get(PythonNames.normalize(requirement)));
  }
}
