package dev.comfypkgs.processor.rules;

import dev.comfypkgs.common.PythonNames;
import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPK114 (warning): {@code @SkipRuntimeDepsCheck} blames a requirement the recipe removes although
 * nixpkgs has a package of that very name. Bundling it keeps the requirement satisfied, and the
 * check, which {@code dontCheckRuntimeDeps} turns off for every other requirement too, can stay on.
 */
public final class SkipReasonProvidableRule implements Rule {
  /** A word of a reason that could be a PEP 508 name: starts and ends with a letter or digit. */
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");

  @Override
  public String id() {
    return "CPK114";
  }

  @Override
  public String summary() {
    return "(warning) A @SkipRuntimeDepsCheck reason names a requirement the recipe removes that"
        + " nixpkgs provides by name (nixpkgs index, or bundled by a recipe): bundle it instead.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse skip : d.uses("SkipRuntimeDepsCheck")) {
        Set<String> named = words(d.string(skip, "reason"));
        Set<String> reported = new LinkedHashSet<>();
        for (AnnotationUse remove : d.uses("Remove")) {
          for (String removed : d.strings(remove, "value")) {
            String normal = PythonNames.normalize(removed);
            if (!named.contains(normal) || !reported.add(normal)) {
              continue;
            }
            provider(recipes, normal).ifPresent(provider -> report.warning(this, d.anchor(skip, "reason"),
                "reason names " + removed + ", which python3.pkgs." + provider.attribute()
                    + " provides by name (" + provider.where() + "): bundle it instead of removing"
                    + " it, and drop @SkipRuntimeDepsCheck if that was its only reason."));
          }
        }
      }
    }
  }

  /** The nixpkgs attribute providing a requirement, and how this compilation knows it exists. */
  private record Provider(String attribute, String where) {}

  private static Optional<Provider> provider(DeclaredRecipes recipes, String normalName) {
    Set<String> index = recipes.settings().nixpkgsIndex();
    if (index != null) {
      for (String attribute : index) {
        if (PythonNames.normalize(attribute).equals(normalName)) {
          return Optional.of(new Provider(attribute, "in the nixpkgs index"));
        }
      }
    }
    // A name a recipe bundles is a python3.pkgs attribute (CPK112 checks it against the index).
    for (RecipeDeclaration other : recipes.all()) {
      for (AnnotationUse bundle : other.uses("Bundle")) {
        for (String attribute : other.strings(bundle, "value")) {
          if (PythonNames.normalize(attribute).equals(normalName)) {
            return Optional.of(new Provider(attribute, other.simpleName() + " bundles it"));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The PEP 503 forms of the words of {@code reason}. */
  private static Set<String> words(String reason) {
    Set<String> words = new LinkedHashSet<>();
    Matcher m = WORD.matcher(reason);
    while (m.find()) {
      words.add(PythonNames.normalize(m.group()));
    }
    return words;
  }
}
