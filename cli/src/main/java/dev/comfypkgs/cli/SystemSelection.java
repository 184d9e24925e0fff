package dev.comfypkgs.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The packages a command works on for one system. Flox refuses a package whose
 * {@code meta.platforms} leaves out the building system, and {@code flox build} of several stops
 * at the first refusal, so a whole set ({@code --all}, or smoke's every package) keeps only the
 * packages whose {@code recipes.json} platforms include the system and names the rest, while a
 * named package the system cannot build is a usage error before anything runs.
 *
 * @param system the system planned for
 * @param attrs the packages to work on, in the order chosen
 * @param skipped the packages of a whole set left out, each with why
 */
record SystemSelection(String system, List<String> attrs, List<Skipped> skipped) {
  /** A package left out of a whole set: the systems it supports instead. */
  record Skipped(String attr, List<String> platforms, String reason) {
    static Skipped of(String attr, List<String> platforms) {
      return new Skipped(attr, platforms, String.join(", ", platforms) + " only");
    }

    /** {@code skipped comfyui-pixeloe: x86_64-linux, x86_64-darwin, aarch64-darwin only}. */
    String line() {
      return "skipped " + attr + ": " + reason;
    }
  }

  /**
   * Selects from {@code candidates} (attrs already checked against the recipes): for a whole set
   * ({@code wholeSet}) those {@code system} supports; for named packages all of them, or a usage
   * error naming the first that {@code system} cannot build.
   */
  static SystemSelection of(
      RecipesFile recipes, String system, List<String> candidates, boolean wholeSet) {
    List<String> attrs = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (String attr : candidates) {
      List<String> platforms = recipes.platforms(attr);
      if (platforms.contains(system)) {
        attrs.add(attr);
      } else if (wholeSet) {
        skipped.add(Skipped.of(attr, platforms));
      } else {
        throw CliException.usage(attr + " is not for " + system + ": its platforms are "
            + String.join(", ", platforms) + " only (give --system to plan for one of them).");
      }
    }
    if (attrs.isEmpty() && !candidates.isEmpty()) {
      throw CliException.usage("no package supports " + system + " (recipes.json's systems: "
          + String.join(", ", recipes.systems()) + ").");
    }
    return new SystemSelection(system, List.copyOf(attrs), List.copyOf(skipped));
  }
}
