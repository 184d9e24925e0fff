package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.parse.Declaration;
import dev.comfypkgs.processor.parse.ParsedRecipes;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;

/** CPK001: a package has exactly one of {@code @GitHub}, {@code @PyPI}, {@code @Vendored}. */
public final class ExactlyOneSourceRule implements Rule {
  private static final List<String> SOURCES = List.of("GitHub", "PyPI", "Vendored");

  @Override
  public String id() {
    return "CPK001";
  }

  @Override
  public String summary() {
    return "A @PythonPackage has exactly one source: @GitHub, @PyPI or @Vendored.";
  }

  @Override
  public void check(ParsedRecipes recipes, ValidationReport report) {
    for (Declaration d : recipes.packages()) {
      List<AnnotationMirror> found = new ArrayList<>();
      for (String source : SOURCES) {
        found.addAll(d.mirrors(source));
      }
      if (found.isEmpty()) {
        report.error(
            this,
            d.anchor("PythonPackage"),
            d.simpleName()
                + " has no source: add one of @GitHub(owner, repo, tag, hash), @PyPI(name, hash) or"
                + " @Vendored(file).");
      }
      for (AnnotationMirror extra : found.subList(Math.min(1, found.size()), found.size())) {
        report.error(
            this,
            d.anchor(extra),
            d.simpleName()
                + " has more than one source: keep exactly one of @GitHub, @PyPI and @Vendored.");
      }
    }
  }
}
