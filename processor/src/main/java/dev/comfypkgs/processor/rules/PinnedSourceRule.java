package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CPK107: a {@code rev} is a full 40-hex commit. A branch with a fixed hash breaks the day
 * upstream pushes.
 */
public final class PinnedSourceRule implements Rule {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final Set<String> BRANCHES =
      Set.of("main", "master", "head", "develop", "dev", "trunk", "latest", "stable", "release");

  @Override
  public String id() {
    return "CPK107";
  }

  @Override
  public String summary() {
    return "A @GitHub rev is a 40-hex commit, never a branch.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      for (AnnotationUse gh : d.gitHubSources()) {
        String rev = d.string(gh, "rev");
        if (rev.isEmpty() || COMMIT.matcher(rev).matches()) {
          continue;
        }
        String lower = rev.toLowerCase(Locale.ROOT);
        if (BRANCHES.contains(lower) || lower.startsWith("refs/heads/")) {
          report.error(this, d.anchor(gh, "rev"),
              "rev \"" + rev + "\" is a branch: a fixed hash on a moving branch breaks the day"
                  + " upstream pushes. Pin the commit it points at (rev = \"<40-hex commit>\")"
                  + " with a version \"<x>-unstable-YYYY-MM-DD\".");
        } else if (rev.matches("[0-9a-fA-F]{7,39}")) {
          report.error(this, d.anchor(gh, "rev"),
              "rev \"" + rev + "\" is an abbreviated commit: write all 40 hex digits.");
        } else if (rev.matches("[0-9A-F]{40}")) {
          report.error(this, d.anchor(gh, "rev"),
              "rev \"" + rev + "\" has upper-case hex: write the commit in lower case.");
        } else {
          report.error(this, d.anchor(gh, "rev"),
              "rev \"" + rev + "\" is not a commit: use tag = \"" + rev + "\" for a tag, or the"
                  + " 40-hex commit.");
        }
      }
    }
  }
}
