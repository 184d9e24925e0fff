package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.ArrayList;
import java.util.List;

/**
 * A kind of recipe that is not a wheel carries only annotations that mean something for it; the
 * others would be read and then silently dropped by its emitter. CPK117: a custom node or node
 * bundle is a source tree copied into custom_nodes/: there is no METADATA for pythonRemoveDeps or
 * pythonRelaxDeps to edit, no build backend, nothing importable from site-packages, and a custom
 * node's source is a {@code @GitHub} archive (a bundle's own sources are CPK001's). CPK125: a workflows package is a vendored directory converted at build time:
 * no wheel either, no dependencies to propagate and no other source.
 */
public final class KindAnnotationsRule implements Rule {
  /**
   * What a refused annotation would have done, and what to write instead of it; {@code onlyOn}
   * names the one head it is refused on here, or is null for every head of the rule.
   */
  record Refused(String annotation, String does, String instead, String onlyOn) {
    Refused(String annotation, String does, String instead) {
      this(annotation, does, instead, null);
    }
  }

  private static final String BUNDLE_TORCH_FREE = " and bundle only torch-free dependencies.";
  private static final List<Refused> WHEEL_ONLY =
      List.of(
          new Refused("TorchAgnostic", "edits the wheel's METADATA", BUNDLE_TORCH_FREE),
          new Refused("Remove", "edits the wheel's METADATA", BUNDLE_TORCH_FREE),
          new Refused("Relax", "edits the wheel's METADATA", BUNDLE_TORCH_FREE),
          new Refused("Replaces", "stands in for a requirement of the wheel's METADATA",
              BUNDLE_TORCH_FREE),
          new Refused("SkipRuntimeDepsCheck", "skips a check of the wheel's METADATA",
              BUNDLE_TORCH_FREE),
          new Refused("BuildSystem", "names the wheel's build backend", BUNDLE_TORCH_FREE),
          new Refused("ImportsCheck", "imports the package from site-packages",
              BUNDLE_TORCH_FREE));

  private final String id;
  private final List<String> heads;
  private final String is;
  private final String summary;
  private final List<Refused> refused;

  private KindAnnotationsRule(
      String id, List<String> heads, String is, String summary, List<Refused> refused) {
    this.id = id;
    this.heads = heads;
    this.is = is;
    this.summary = summary;
    this.refused = refused;
  }

  /** CPK117, for {@code @CustomNode} and {@code @NodeBundle}. */
  static KindAnnotationsRule customNodes() {
    List<Refused> refused = new ArrayList<>(WHEEL_ONLY);
    String gitHub = " and give the node's @GitHub source.";
    refused.add(new Refused("PyPI", "is a wheel or sdist source", gitHub, "CustomNode"));
    refused.add(new Refused("Vendored", "is a wheel or sdist source", gitHub, "CustomNode"));
    return new KindAnnotationsRule("CPK117", List.of("CustomNode", "NodeBundle"),
        "a custom node is a source tree copied into custom_nodes/, with no wheel",
        "A @CustomNode has a @GitHub source, and neither it nor a @NodeBundle has any of the"
            + " annotations that act on a wheel (@TorchAgnostic, @Remove, @Relax, @Replaces,"
            + " @SkipRuntimeDepsCheck, @BuildSystem, @ImportsCheck).",
        refused);
  }

  /** CPK125, for {@code @Workflows}. */
  static KindAnnotationsRule workflows() {
    List<Refused> refused = new ArrayList<>();
    String nothing = ".";
    for (Refused wheel : WHEEL_ONLY) {
      refused.add(new Refused(wheel.annotation(), wheel.does(), nothing));
    }
    String nothingToPropagate = ": the workflows need no Python package at run time.";
    refused.add(new Refused("Bundle", "propagates nixpkgs packages", nothingToPropagate));
    refused.add(new Refused("Requires", "propagates a recipe", nothingToPropagate));
    refused.add(new Refused("SmokeImport", "imports a Python module", nothing));
    refused.add(new Refused("Substitute", "edits the source in postPatch",
        " and edit the vendored file itself."));
    String vendored = " and give @Vendored(directory = \"...\").";
    refused.add(new Refused("GitHub", "is a fetched source", vendored));
    refused.add(new Refused("PyPI", "is a wheel or sdist source", vendored));
    return new KindAnnotationsRule("CPK125", List.of("Workflows"),
        "a workflows package is a vendored directory converted at build time, with no wheel and"
            + " nothing to propagate",
        "A @Workflows has a @Vendored directory source and none of the annotations that act on a"
            + " wheel or propagate dependencies (@Bundle, @Requires, @SmokeImport, @Substitute"
            + " and those CPK117 names).",
        refused);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String summary() {
    return summary;
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.packages()) {
      String head = d.packageHead();
      if (!heads.contains(head)) {
        continue;
      }
      refuse(this, report, d, head, is, refused);
    }
  }

  /**
   * Reports each of {@code refused} that {@code d}, a {@code @head}, carries: what it would have
   * done, what the kind {@code is} instead, and what to write. Shared with CPK123, whose kind's
   * description names the package it wraps.
   */
  static void refuse(Rule rule, ValidationReport report, RecipeDeclaration d, String head,
      String is, List<Refused> refused) {
    for (Refused r : refused) {
      if (r.onlyOn() != null && !r.onlyOn().equals(head)) {
        continue;
      }
      for (AnnotationUse use : d.uses(r.annotation())) {
        report.error(rule, d.anchor(use),
            "@" + r.annotation() + " on a @" + head + ": it " + r.does() + ", and " + is
                + "; remove it" + r.instead());
      }
    }
  }
}
