package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * CPK112: with {@code -Acomfypkgs.nixpkgsIndex=<file>}, every {@code @Bundle}, {@code @BuildSystem}
 * and meta-package nixpkgs name exists in nixpkgs' {@code python3.pkgs}. Off without the option.
 */
public final class UnknownNixpkgsNameRule implements Rule {
  @Override
  public String id() {
    return "CPK112";
  }

  @Override
  public String summary() {
    return "With -Acomfypkgs.nixpkgsIndex, every @Bundle, @BuildSystem and meta-package nixpkgs"
        + " name is a python3.pkgs attribute (suggestions given).";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    Set<String> index = recipes.settings().nixpkgsIndex();
    if (index == null) {
      return;
    }
    for (RecipeDeclaration d : recipes.packages()) {
      check(report, index, d, "Bundle", "value");
      check(report, index, d, "BuildSystem", "value");
    }
    for (RecipeDeclaration d : recipes.metas()) {
      check(report, index, d, "Bundle", "value");
      check(report, index, d, "MetaPackage", "nixpkgs");
    }
  }

  private void check(
      ValidationReport report, Set<String> index, RecipeDeclaration d, String annotation, String attribute) {
    for (AnnotationUse m : d.uses(annotation)) {
      List<String> names = d.strings(m, attribute);
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (index.contains(name)) {
          continue;
        }
        List<String> closest = closest(name, index);
        report.error(this, d.anchor(m, attribute, i),
            "'" + name + "' is not a python3.pkgs attribute in the nixpkgs index"
                + (closest.isEmpty() ? "" : "; did you mean " + String.join(", ", closest) + "?"));
      }
    }
  }

  /** Up to three names within a small edit distance, nearest first. */
  static List<String> closest(String name, Set<String> index) {
    int limit = Math.max(2, name.length() / 3);
    return index.stream()
        .map(candidate -> new Object[] {candidate, distance(name.toLowerCase(), candidate.toLowerCase())})
        .filter(pair -> (int) pair[1] <= limit)
        .sorted(Comparator.<Object[]>comparingInt(pair -> (int) pair[1])
            .thenComparing(pair -> (String) pair[0]))
        .limit(3)
        .map(pair -> "'" + pair[0] + "'")
        .toList();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
