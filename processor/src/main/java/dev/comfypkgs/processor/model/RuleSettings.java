package dev.comfypkgs.processor.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the rules need from outside the recipes.
 *
 * @param sourcesDir the vendored sources directory, or null when not configured (file checks off)
 * @param nixpkgsIndex the known nixpkgs Python attribute names, or null (the unknown-name rule off)
 * @param torchBearing the shipped list of torch-carrying nixpkgs names
 */
public record RuleSettings(Path sourcesDir, Set<String> nixpkgsIndex, List<String> torchBearing) {
  public static final RuleSettings NONE = new RuleSettings(null, null, TorchBearingList.shipped());
}
