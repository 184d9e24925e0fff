package dev.comfypkgs.processor.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where each recipe's file lives in the output directory, and which attrs Flox's loader cannot
 * take back from a file name. One fact for the emitters, which write and call the file, for
 * CPK003 and CPK005, which refuse an attr that cannot name it, and (through {@code recipes.json})
 * for {@code comfypkgs new}.
 */
public final class PackageFiles {
  /** The directory Flox builds packages from, relative to the output directory. */
  public static final String DIR = ".flox/pkgs";

  /**
   * An attr Flox's loader would not turn into a package of that name: a Java regular expression
   * over the whole attr, and why.
   */
  public record UnloadableAttr(String pattern, String reason) {}

  /**
   * From Flox's {@code package-builder/nef}: {@code dirToAttrs} maps each {@code NAME.nix} to
   * attribute NAME, and {@code mkOverlay} adds that attribute to nixpkgs' top-level set.
   */
  public static final List<UnloadableAttr> UNLOADABLE = List.of(
      new UnloadableAttr("default", "Flox reads a directory holding default.nix as that one"
          + " package, so .flox/pkgs/default.nix would hide every other recipe"),
      new UnloadableAttr(".*flake", "Flox skips every file whose name ends in flake.nix, so the"
          + " recipe would never be built"),
      new UnloadableAttr("__.*", "Nix gives attributes starting with __ a meaning of their own"
          + " (__functor makes a set a function, __toString a string), and Flox adds the recipe to"
          + " nixpkgs' own package set"));

  /** {@link #UNLOADABLE}'s patterns, compiled once: every recipe's attr is matched against them. */
  private static final List<Pattern> UNLOADABLE_PATTERNS =
      UNLOADABLE.stream().map(u -> Pattern.compile(u.pattern())).toList();

  private PackageFiles() {}

  /** The file of the recipe with this attr, relative to the output directory. */
  public static String of(String attr) {
    return DIR + "/" + attr + ".nix";
  }

  /** Why Flox would not load the attr's file as that attr, or empty when it would. */
  public static Optional<String> whyUnloadable(String attr) {
    for (int i = 0; i < UNLOADABLE.size(); i++) {
      if (UNLOADABLE_PATTERNS.get(i).matcher(attr).matches()) {
        return Optional.of(UNLOADABLE.get(i).reason());
      }
    }
    return Optional.empty();
  }
}
