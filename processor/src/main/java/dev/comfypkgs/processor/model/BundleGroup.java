package dev.comfypkgs.processor.model;

import java.util.List;

/**
 * nixpkgs Python packages bundled as dependencies on the systems in {@code onlyOn}
 * ({@link SystemSet#ALL} for an unconditional {@code @Bundle}).
 */
public record BundleGroup(List<String> names, SystemSet onlyOn) {
  public BundleGroup {
    names = List.copyOf(names);
  }

  public boolean unconditional() {
    return onlyOn.equals(SystemSet.ALL);
  }

  /** The systems of a recipe with {@code platforms} on which these names are bundled. */
  public SystemSet systemsWithin(SystemSet platforms) {
    return unconditional() ? platforms : onlyOn;
  }
}
