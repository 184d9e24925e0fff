package dev.comfypkgs.processor.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything one compilation declares, ordered by attr so that generation does not depend on the
 * order javac hands the classes over.
 */
public record RecipeSet(
    List<PackageDescriptor> packages,
    List<MetaDescriptor> metas,
    List<String> runtimeProvides,
    String comfyuiRelease,
    String environmentName,
    String python,
    List<String> declarationClasses,
    List<String> torchBearing) {

  public RecipeSet {
    torchBearing = torchBearing.stream().sorted().distinct().toList();
    declarationClasses = declarationClasses.stream().sorted().distinct().toList();
    packages = packages.stream().sorted(Comparator.comparing(PackageDescriptor::attr)).toList();
    metas = metas.stream().sorted(Comparator.comparing(MetaDescriptor::attr)).toList();
    runtimeProvides = List.copyOf(runtimeProvides);
  }

  public Map<String, PackageDescriptor> packagesByAttr() {
    return packages.stream()
        .collect(Collectors.toMap(PackageDescriptor::attr, Function.identity(), (a, b) -> a));
  }

  public Optional<PackageDescriptor> pkg(String attr) {
    return packages.stream().filter(p -> p.attr().equals(attr)).findFirst();
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
    String n = Requirements.normalize(name);
    return torchBearing.stream().anyMatch(t -> Requirements.normalize(t).equals(n));
  }

  /** True when the runtime environment provides the requirement (PEP 503 comparison). */
  public boolean runtimeProvides(String requirement) {
    String n = Requirements.normalize(requirement);
    return runtimeProvides.stream().anyMatch(r -> Requirements.normalize(r).equals(n));
  }

  /** The recipe that {@code @Replaces} the requirement, if any. */
  public Optional<PackageDescriptor> replacementOf(String requirement) {
    String n = Requirements.normalize(requirement);
    return packages.stream()
        .filter(p -> p.replaces().stream().anyMatch(r -> Requirements.normalize(r).equals(n)))
        .findFirst();
  }
}
