package dev.comfypkgs.processor.model;

import dev.comfypkgs.annotations.Platform;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** An immutable set of {@link Sys}, iterated in canonical order. */
public final class SystemSet {
  public static final SystemSet ALL = new SystemSet(EnumSet.allOf(Sys.class));
  public static final SystemSet NONE = new SystemSet(EnumSet.noneOf(Sys.class));
  public static final SystemSet LINUX = of(List.of(Sys.X86_64_LINUX, Sys.AARCH64_LINUX));
  public static final SystemSet DARWIN = of(List.of(Sys.X86_64_DARWIN, Sys.AARCH64_DARWIN));

  private final EnumSet<Sys> systems;

  private SystemSet(EnumSet<Sys> systems) {
    this.systems = systems;
  }

  public static SystemSet of(Collection<Sys> systems) {
    return new SystemSet(systems.isEmpty() ? EnumSet.noneOf(Sys.class) : EnumSet.copyOf(systems));
  }

  /** The union of what the annotation constants stand for; all four when none are given. */
  public static SystemSet ofPlatforms(Collection<Platform> platforms) {
    if (platforms.isEmpty()) {
      return ALL;
    }
    EnumSet<Sys> out = EnumSet.noneOf(Sys.class);
    for (Platform platform : platforms) {
      for (String system : platform.systems()) {
        out.add(bySystemName(system));
      }
    }
    return new SystemSet(out);
  }

  private static Sys bySystemName(String name) {
    for (Sys sys : Sys.values()) {
      if (sys.nixName().equals(name)) {
        return sys;
      }
    }
    throw new IllegalArgumentException("unknown system " + name);
  }

  public Set<Sys> systems() {
    return EnumSet.copyOf(systems.isEmpty() ? EnumSet.noneOf(Sys.class) : systems);
  }

  public boolean contains(Sys sys) {
    return systems.contains(sys);
  }

  public boolean isEmpty() {
    return systems.isEmpty();
  }

  public SystemSet intersect(SystemSet other) {
    EnumSet<Sys> out = EnumSet.noneOf(Sys.class);
    out.addAll(systems);
    out.retainAll(other.systems);
    return new SystemSet(out);
  }

  public SystemSet minus(SystemSet other) {
    EnumSet<Sys> out = EnumSet.noneOf(Sys.class);
    out.addAll(systems);
    out.removeAll(other.systems);
    return new SystemSet(out);
  }

  public SystemSet union(SystemSet other) {
    EnumSet<Sys> out = EnumSet.noneOf(Sys.class);
    out.addAll(systems);
    out.addAll(other.systems);
    return new SystemSet(out);
  }

  /** The Nix system doubles in canonical order. */
  public List<String> nixNames() {
    return systems.stream().map(Sys::nixName).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SystemSet other && other.systems.equals(systems);
  }

  @Override
  public int hashCode() {
    return systems.hashCode();
  }

  @Override
  public String toString() {
    return String.join(", ", nixNames());
  }
}
