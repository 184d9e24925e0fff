package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.DeclaredRecipes;
import java.util.List;

/** Every rule, in the order they run and are documented. */
public final class Rules {
  private Rules() {}

  /**
   * CPK0xx are structural (what must hold before any Nix can be written); CPK1xx are the
   * dependency rules (what keeps torch out of every closure but the runtime's).
   */
  public static List<Rule> all() {
    return List.of(
        new ExactlyOneSourceRule(),
        new TagXorRevRule(),
        new UniqueNamesRule(),
        new RecipeReferencesRule(),
        new NixSyntaxRule(),
        new SingletonsRule(),
        new ApplicabilityRule(),
        new TorchBundledRule(),
        new RemovedWithoutProviderRule(),
        new ProviderOutOfReachRule(),
        new TorchNotRemovedRule(),
        new RequiresPlatformsRule(),
        new VersioningRule(),
        new PinnedSourceRule(),
        new HashRule(),
        new VendoredFileRule(),
        new IdentityRule(),
        new RemovedAndBundledRule(),
        new UnknownNixpkgsNameRule(),
        new RemovalReachRule(),
        new SkipReasonProvidableRule(),
        new NodeDirectoryRule(),
        new UniqueNodeDirectoriesRule(),
        KindAnnotationsRule.customNodes(),
        new VendoredDirectoryRule(),
        KindAnnotationsRule.workflows(),
        new NodeEditRule(),
        new BundleNodesRule(),
        new BundleEditRule(),
        new WrappedPackageRule(),
        new WrapperFixRule(),
        new WrapperUseRule());
  }

  public static ValidationReport check(DeclaredRecipes recipes) {
    ValidationReport report = new ValidationReport();
    for (Rule rule : all()) {
      rule.check(recipes, report);
    }
    return report;
  }
}
