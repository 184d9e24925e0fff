package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.ArrayList;
import java.util.List;

/** CPK001: a package has exactly one of {@code @GitHub}, {@code @PyPI}, {@code @Vendored}. */
public final class ExactlyOneSourceRule implements Rule {
  private static final List<String> SOURCES = List.of("GitHub", "PyPI", "Vendored");

  @Override
  public String id() {
    return "CPK001";
  }

  @Override
  public String summary() {
    return "A @PythonPackage or @CustomNode has exactly one source: @GitHub, @PyPI or @Vendored.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      if (d.has("Wrapper")) {
        continue; // its source is the package it wraps; CPK123 refuses any other
      }
      List<AnnotationUse> found = new ArrayList<>();
      for (String source : SOURCES) {
        found.addAll(d.uses(source));
      }
      if (found.isEmpty()) {
        report.error(
            this,
            d.anchor(d.packageHead()),
            d.simpleName()
                + (d.has("CustomNode")
                    ? " has no source: add @GitHub(owner, repo, tag, hash), the node's repository."
                    : " has no source: add one of @GitHub(owner, repo, tag, hash), @PyPI(name, hash)"
                        + " or @Vendored(file)."));
      }
      for (AnnotationUse extra : found.subList(Math.min(1, found.size()), found.size())) {
        report.error(
            this,
            d.anchor(extra),
            d.simpleName()
                + " has more than one source: keep exactly one of @GitHub, @PyPI and @Vendored.");
      }
    }
  }
}
