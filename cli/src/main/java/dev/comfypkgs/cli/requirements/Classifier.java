package dev.comfypkgs.cli.requirements;

import dev.comfypkgs.cli.Names;
import dev.comfypkgs.cli.RecipesFile;
import dev.comfypkgs.common.PythonNames;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Sorts a requirement into what a maintainer does about it. */
public final class Classifier {
  /** The classes, in the order they are tried. */
  public enum Kind {
    /** The runtime environment provides it (@Runtime): strip it. */
    RUNTIME,
    /** A recipe provides it (@Replaces, or the recipe is the package): depend on the recipe. */
    RECIPE,
    /** Carries torch and no recipe rebuilds it yet: needs a torch-agnostic rebuild. */
    TORCH_BEARING,
    /** A nixpkgs Python package: bundle it. */
    NIXPKGS,
    /** Not known to nixpkgs (per the index) or to this repository. */
    UNKNOWN;

    private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** How the class is shown: {@code torch-bearing}, {@code nixpkgs}... */
    public String label() {
      return label;
    }
  }

  /**
   * nixpkgs attributes named differently from the distribution's normalised name; every other
   * distribution is looked up under its own name. {@code opencv-python} and
   * {@code opencv-python-headless} are not here: nixpkgs has both names, and depending on them
   * keeps the runtime-deps check satisfied, where {@code opencv4} would not be by name.
   */
  static final Map<String, String> NIXPKGS_NAMES = Map.ofEntries(
      Map.entry("opencv-contrib-python", "opencv4"),
      Map.entry("opencv-contrib-python-headless", "opencv4"),
      Map.entry("onnxruntime-gpu", "onnxruntime"),
      Map.entry("msgpack-python", "msgpack"));

  /** One classified requirement, with what to do. */
  public record Result(RequirementsFile.Requirement requirement, Kind kind, String provider,
      String nixpkgsAttr, String action) {}

  private final RecipesFile recipes;
  private final Set<String> index;
  private final Set<String> indexTorch;
  /** The runtime's and the recipes' names, normalised once rather than for every requirement. */
  private final Set<String> runtime = new HashSet<>();
  private final Map<String, RecipesFile.Package> recipeByName = new HashMap<>();

  /**
   * @param index nixpkgs python3.pkgs attribute names, or null when no index was given
   * @param indexTorch those of them that carry torch (from the index)
   */
  public Classifier(RecipesFile recipes, Set<String> index, Set<String> indexTorch) {
    this.recipes = recipes;
    this.index = index;
    this.indexTorch = indexTorch;
    recipes.runtimeProvides().forEach(p -> runtime.add(PythonNames.normalize(p)));
    for (RecipesFile.Package p : recipes.packages()) {
      // The first recipe that names it provides it, as in the order recipes.json lists them.
      Stream.concat(p.replaces().stream(), Stream.of(p.pname(), p.attr()))
          .forEach(name -> recipeByName.putIfAbsent(PythonNames.normalize(name), p));
    }
  }

  /**
   * What a distribution is to this repository, the first class that applies: the recipe that
   * provides it (for {@link Kind#RECIPE}), and the nixpkgs attribute it maps to (for
   * {@link Kind#TORCH_BEARING} and {@link Kind#NIXPKGS}); the others are null.
   */
  public record Decision(Kind kind, RecipesFile.Package recipe, String nixpkgsAttr) {}

  /**
   * The class of a distribution named {@code name}, required through {@code url} when it is a
   * direct reference (else null): the one decision {@code import-requirements} and {@code adopt}
   * both act on. Without an index a nixpkgs name is assumed, unverified ({@link #hasIndex}).
   */
  public Decision decide(String name, String url) {
    String n = PythonNames.normalize(name);
    if (runtime.contains(n)) {
      return new Decision(Kind.RUNTIME, null, null);
    }
    RecipesFile.Package p = recipeByName.get(n);
    if (p != null) {
      return new Decision(Kind.RECIPE, p, null);
    }
    String attr = NIXPKGS_NAMES.getOrDefault(n, n);
    if (carriesTorch(name)) {
      return new Decision(Kind.TORCH_BEARING, null, attr);
    }
    if (url != null || (index != null && !index.contains(attr))) {
      return new Decision(Kind.UNKNOWN, null, null);
    }
    return new Decision(Kind.NIXPKGS, null, attr);
  }

  /**
   * Whether the distribution brings torch by what this repository knows (torch itself, the
   * processor's list, {@code @TorchBearing} recipes, the index), whatever class it is in.
   */
  public boolean carriesTorch(String name) {
    String n = PythonNames.normalize(name);
    String attr = NIXPKGS_NAMES.getOrDefault(n, n);
    return recipes.carriesTorch(n) || (!attr.equals(n) && recipes.carriesTorch(attr)) || indexTorch.contains(attr);
  }

  /** Whether nixpkgs names are checked against an index, rather than assumed. */
  public boolean hasIndex() {
    return index != null;
  }

  /** The requirement's class, with what to do about it in words. */
  public Result classify(RequirementsFile.Requirement r) {
    Decision d = decide(r.name(), r.url());
    String n = PythonNames.normalize(r.name());
    return switch (d.kind()) {
      case RUNTIME -> new Result(r, Kind.RUNTIME, "runtime", null,
          "provided by the runtime: strip it with @TorchAgnostic(remove = \"" + r.name() + "\")");
      case RECIPE -> {
        RecipesFile.Package p = d.recipe();
        String cls = p.recipeClass() == null ? p.attr()
            : p.recipeClass().substring(p.recipeClass().lastIndexOf('.') + 1);
        yield new Result(r, Kind.RECIPE, p.pname(), null,
            (p.torchAgnostic() ? "remove it and " : "") + "depend on " + p.pname() + ": @Requires(" + cls + ".class)"
                + (p.torchAgnostic() ? " with @TorchAgnostic(remove = \"" + r.name() + "\")" : ""));
      }
      case TORCH_BEARING -> {
        String github = RequirementsFile.github(r.url());
        yield new Result(r, Kind.TORCH_BEARING, null, d.nixpkgsAttr(),
            "carries torch and has no recipe: ./comfypkgs new " + n + " --github "
                + (github != null ? github : "OWNER/REPO") + " --tag TAG --torch-agnostic");
      }
      case NIXPKGS -> new Result(r, Kind.NIXPKGS, null, d.nixpkgsAttr(), index == null
          ? "bundle python3.pkgs." + d.nixpkgsAttr() + " (unverified: no --index)"
          : "bundle it: @Bundle(\"" + d.nixpkgsAttr() + "\")");
      case UNKNOWN -> {
        if (r.url() != null) {
          String github = RequirementsFile.github(r.url());
          yield new Result(r, Kind.UNKNOWN, null, null, "a direct URL: package it with ./comfypkgs new "
              + n + (github != null ? " --github " + github : "") + " --tag TAG (or --rev COMMIT)");
        }
        String attr = NIXPKGS_NAMES.getOrDefault(n, n);
        Optional<String> close = Names.closest(attr, index);
        yield new Result(r, Kind.UNKNOWN, null, null, "not in the nixpkgs index"
            + close.map(c -> "; did you mean python3.pkgs." + c + "?").orElse(": package it with ./comfypkgs new"));
      }
    };
  }
}
