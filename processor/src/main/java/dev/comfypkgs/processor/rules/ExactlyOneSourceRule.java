package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.ArrayList;
import java.util.List;

/**
 * CPK001: a package has exactly one of {@code @GitHub}, {@code @PyPI}, {@code @Vendored}; a node
 * bundle has none, since each of its {@code @Node}s names its own source.
 */
public final class ExactlyOneSourceRule implements Rule {
  private static final List<String> SOURCES = List.of("GitHub", "PyPI", "Vendored");

  @Override
  public String id() {
    return "CPK001";
  }

  @Override
  public String summary() {
    return "A @PythonPackage, @CustomNode or @Workflows has exactly one source: @GitHub, @PyPI or"
        + " @Vendored; a @NodeBundle has none of its own.";
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
      if (d.has("NodeBundle")) {
        for (AnnotationUse own : found) {
          report.error(this, d.anchor(own),
              "@" + own.annotation() + " on a @NodeBundle: a bundle has no source of its own;"
                  + " give each node's source in its @Node (owner, repo, tag or rev, hash; or"
                  + " file).");
        }
        continue;
      }
      if (found.isEmpty()) {
        report.error(
            this,
            d.anchor(d.packageHead()),
            d.simpleName()
                + (d.has("Workflows")
                    ? " has no source: add @Vendored(directory, gitTree), the directory in sources/."
                    : d.has("CustomNode")
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
