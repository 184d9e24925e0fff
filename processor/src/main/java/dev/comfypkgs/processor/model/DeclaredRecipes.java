package dev.comfypkgs.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules check: every recipe declaration of the compilation, ordered by class name, next
 * to the model read from them. Class references are already resolved to attrs in the model; ones
 * that name no recipe are left out there and reported by a rule from the declarations.
 */
public final class DeclaredRecipes {
  private final List<RecipeDeclaration> all;
  private final List<RecipeDeclaration> packages = new ArrayList<>();
  private final List<RecipeDeclaration> metas = new ArrayList<>();
  private final List<RecipeDeclaration> runtimes = new ArrayList<>();
  private final List<RecipeDeclaration> releases = new ArrayList<>();
  private final List<RecipeDeclaration> environments = new ArrayList<>();
  private final Map<String, PackageDescriptor> packageByClass;
  private final Map<String, MetaDescriptor> metaByClass;
  private final RecipeSet set;
  private final RuleSettings settings;

  /**
   * @param all the declarations, ordered by class name
   * @param packageByClass each {@code @PythonPackage} declaration's descriptor, by class name
   * @param metaByClass each {@code @MetaPackage} declaration's descriptor, by class name
   */
  public DeclaredRecipes(
      List<RecipeDeclaration> all,
      Map<String, PackageDescriptor> packageByClass,
      Map<String, MetaDescriptor> metaByClass,
      RecipeSet set,
      RuleSettings settings) {
    this.all = List.copyOf(all);
    this.packageByClass = Map.copyOf(packageByClass);
    this.metaByClass = Map.copyOf(metaByClass);
    this.set = set;
    this.settings = settings;
    for (RecipeDeclaration d : this.all) {
      if (d.isPackage()) {
        packages.add(d);
      } else if (d.isMeta()) {
        metas.add(d);
      }
      if (d.has("Runtime")) {
        runtimes.add(d);
      }
      if (d.has("ComfyUIRelease")) {
        releases.add(d);
      }
      if (d.has("FloxEnvironment")) {
        environments.add(d);
      }
    }
  }

  public RuleSettings settings() {
    return settings;
  }

  /** Every declaration, ordered by class name. */
  public List<RecipeDeclaration> all() {
    return all;
  }

  /** The declaration of the recipe with this attr (package or meta-package), if any. */
  public Optional<RecipeDeclaration> declarationOf(String attr) {
    for (RecipeDeclaration d : packages) {
      if (packageOf(d).attr().equals(attr)) {
        return Optional.of(d);
      }
    }
    for (RecipeDeclaration d : metas) {
      if (metaOf(d).attr().equals(attr)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  public RecipeSet set() {
    return set;
  }

  public List<RecipeDeclaration> packages() {
    return packages;
  }

  public List<RecipeDeclaration> metas() {
    return metas;
  }

  public List<RecipeDeclaration> runtimes() {
    return runtimes;
  }

  public List<RecipeDeclaration> releases() {
    return releases;
  }

  public List<RecipeDeclaration> environments() {
    return environments;
  }

  public PackageDescriptor packageOf(RecipeDeclaration d) {
    return packageByClass.get(d.className());
  }

  public MetaDescriptor metaOf(RecipeDeclaration d) {
    return metaByClass.get(d.className());
  }

  /** True when the class name is a {@code @PythonPackage} recipe of this compilation. */
  public boolean isPackage(String className) {
    return packageByClass.containsKey(className);
  }
}
