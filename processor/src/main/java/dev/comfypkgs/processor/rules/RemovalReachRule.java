package dev.comfypkgs.processor.rules;

import dev.comfypkgs.common.PythonNames;
import dev.comfypkgs.common.RemovalHook;
import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CPK113 (warning): a removal reaches further than its name says. nixpkgs' hook deletes every
 * {@code Requires-Dist} line the removal matches as a case-sensitive regular-expression prefix
 * ({@link RemovalHook}), so {@code @Remove("opencv")} also drops a bundled {@code opencv-python}
 * from METADATA, and a {@code .} in a removal matches any character.
 */
public final class RemovalReachRule implements Rule {
  @Override
  public String id() {
    return "CPK113";
  }

  @Override
  public String summary() {
    return "(warning) A removal that, as nixpkgs' hook matches it (regex prefix), also removes a"
        + " requirement the recipe relaxes or bundles, or that contains regex metacharacters.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      List<Kept> kept = new ArrayList<>();
      d.uses("Relax").forEach(m -> d.strings(m, "value").forEach(n -> kept.add(new Kept(n, "relaxes"))));
      d.uses("Bundle").forEach(m -> d.strings(m, "value").forEach(n -> kept.add(new Kept(n, "bundles"))));
      for (AnnotationUse m : d.uses("TorchAgnostic")) {
        check(report, d, m, "remove", kept);
      }
      for (AnnotationUse m : d.uses("Remove")) {
        check(report, d, m, "value", kept);
      }
    }
  }

  /** A requirement the recipe means to keep in METADATA, and how ("relaxes", "bundles"). */
  private record Kept(String name, String how) {}

  private void check(
      ValidationReport report, RecipeDeclaration d, AnnotationUse m, String attribute, List<Kept> kept) {
    List<String> removals = d.strings(m, attribute);
    for (int i = 0; i < removals.size(); i++) {
      String removal = removals.get(i);
      String written = written(m, attribute, removal);
      for (Kept k : kept) {
        // The very same name removed and kept is CPK111's finding.
        boolean sameName = PythonNames.normalize(k.name()).equals(PythonNames.normalize(removal));
        if (!sameName && RemovalHook.removes(removal, k.name())) {
          report.warning(this, d.anchor(m, attribute, i),
              written + " also removes " + k.name() + ", which this recipe " + k.how()
                  + ": nixpkgs' hook matches Requires-Dist by regex prefix, case-sensitively, so"
                  + " that requirement leaves METADATA too.");
        }
      }
      String metacharacters = RemovalHook.metacharacters(removal);
      if (!metacharacters.isEmpty()) {
        report.warning(this, d.anchor(m, attribute, i),
            written + " contains the regex metacharacter"
                + (metacharacters.length() > 1 ? "s " : " ")
                + metacharacters.chars().mapToObj(c -> "'" + (char) c + "'").collect(Collectors.joining(", "))
                + ": nixpkgs' hook reads a removal as a regular expression"
                + (metacharacters.indexOf('.') >= 0 ? ", in which '.' matches any character," : "")
                + " so it removes every requirement the pattern matches, not only " + removal + ".");
      }
    }
  }

  /** The removal as the recipe writes it, e.g. {@code @Remove("opencv")}. */
  private static String written(AnnotationUse m, String attribute, String removal) {
    String value = "\"" + removal + "\"";
    return "@" + m.annotation() + "(" + (attribute.equals("value") ? value : attribute + " = " + value) + ")";
  }
}
