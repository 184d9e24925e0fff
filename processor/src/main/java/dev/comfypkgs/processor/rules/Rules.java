package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.parse.ParsedRecipes;
import java.util.List;

/** Every rule, in the order they run and are documented. */
public final class Rules {
  private Rules() {}

  /** Structural rules: what must hold before any Nix can be written. */
  public static List<Rule> all() {
    return List.of(
        new ExactlyOneSourceRule(),
        new TagXorRevRule(),
        new UniqueNamesRule(),
        new RecipeReferencesRule(),
        new NixSyntaxRule(),
        new SingletonsRule(),
        new ApplicabilityRule());
    // The dependency rules (torch contamination, providers, platforms, versions, hashes) join
    // this list as CPK1xx.
  }

  public static ValidationReport check(ParsedRecipes recipes) {
    ValidationReport report = new ValidationReport();
    for (Rule rule : all()) {
      rule.check(recipes, report);
    }
    return report;
  }
}
