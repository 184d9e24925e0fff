package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.List;

/**
 * CPK117: a custom node or node bundle carries only annotations that mean something for it. It is
 * a source tree copied into custom_nodes/, not a wheel: there is no METADATA for pythonRemoveDeps
 * or pythonRelaxDeps to edit, no build backend, nothing importable from site-packages. A custom
 * node's source is a {@code @GitHub} archive, which the install copies as a directory (a bundle's
 * own sources are CPK001's).
 */
public final class CustomNodeAnnotationsRule implements Rule {
  /** Each annotation refused on a custom node, with what it would have done for a package. */
  private static final List<List<String>> WHEEL_ONLY =
      List.of(
          List.of("TorchAgnostic", "edits the wheel's METADATA"),
          List.of("Remove", "edits the wheel's METADATA"),
          List.of("Relax", "edits the wheel's METADATA"),
          List.of("Replaces", "stands in for a requirement of the wheel's METADATA"),
          List.of("SkipRuntimeDepsCheck", "skips a check of the wheel's METADATA"),
          List.of("BuildSystem", "names the wheel's build backend"),
          List.of("ImportsCheck", "imports the package from site-packages"),
          List.of("PyPI", "is a wheel or sdist source"),
          List.of("Vendored", "is a wheel or sdist source"));

  @Override
  public String id() {
    return "CPK117";
  }

  @Override
  public String summary() {
    return "A @CustomNode has a @GitHub source, and neither it nor a @NodeBundle has any of the"
        + " annotations that act on a wheel (@TorchAgnostic, @Remove, @Relax, @Replaces,"
        + " @SkipRuntimeDepsCheck, @BuildSystem, @ImportsCheck).";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      String head = d.packageHead();
      if (head.equals("PythonPackage")) {
        continue;
      }
      for (List<String> refused : WHEEL_ONLY) {
        boolean source = refused.get(0).equals("PyPI") || refused.get(0).equals("Vendored");
        if (source && head.equals("NodeBundle")) {
          continue;
        }
        for (AnnotationUse use : d.uses(refused.get(0))) {
          report.error(this, d.anchor(use),
              "@" + refused.get(0) + " on a @" + head + ": it " + refused.get(1) + ", and a"
                  + " custom node is a source tree copied into custom_nodes/, with no wheel;"
                  + " remove it"
                  + (source
                      ? " and give the node's @GitHub source."
                      : " and bundle only torch-free dependencies."));
        }
      }
    }
  }
}
