package dev.comfypkgs.processor.parse;

import dev.comfypkgs.processor.model.Location;
import dev.comfypkgs.processor.model.MetaDescriptor;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.RuleSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rules check: every declaration of the compilation next to the model read from it.
 * Class references are already resolved to attrs in the model; ones that name no recipe are left
 * out there and reported by a rule from the declarations.
 */
public final class ParsedRecipes {
  private final List<Declaration> packages = new ArrayList<>();
  private final List<Declaration> metas = new ArrayList<>();
  private final List<Declaration> runtimes = new ArrayList<>();
  private final List<Declaration> releases = new ArrayList<>();
  private final List<Declaration> environments = new ArrayList<>();
  private final Map<String, PackageDescriptor> packageByClass = new LinkedHashMap<>();
  private final Map<String, MetaDescriptor> metaByClass = new LinkedHashMap<>();
  private final RecipeSet set;
  private final RuleSettings settings;
  private final List<Declaration> all;
  private final Map<String, Declaration> byClass = new LinkedHashMap<>();

  public ParsedRecipes(RecipeReader reader, List<Declaration> declarations) {
    this(reader, declarations, RuleSettings.NONE);
  }

  public ParsedRecipes(RecipeReader reader, List<Declaration> declarations, RuleSettings settings) {
    this.settings = settings;
    List<Declaration> sorted = new ArrayList<>(declarations);
    sorted.sort(Comparator.comparing(Declaration::className));
    this.all = List.copyOf(sorted);
    for (Declaration d : sorted) {
      byClass.putIfAbsent(d.className(), d);
      if (d.has("PythonPackage")) {
        packages.add(d);
      } else if (d.has("MetaPackage")) {
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
    Map<String, PackageDescriptor> raw = new LinkedHashMap<>();
    for (Declaration d : packages) {
      raw.put(d.className(), reader.describePackage(d));
    }
    Map<String, String> attrOfClass = new LinkedHashMap<>();
    raw.forEach((cls, p) -> attrOfClass.put(cls, p.attr()));
    raw.forEach((cls, p) -> packageByClass.put(cls, p.withRequires(resolve(p.requires(), attrOfClass))));
    for (Declaration d : metas) {
      MetaDescriptor m = reader.describeMeta(d);
      metaByClass.put(d.className(), m.withMembers(resolve(m.members(), attrOfClass)));
    }
    List<String> provides = new ArrayList<>();
    runtimes.forEach(d -> provides.addAll(reader.runtimeStrings(d, "Runtime", "provides")));
    String release =
        releases.isEmpty() ? null : reader.runtimeString(releases.get(0), "ComfyUIRelease", "value");
    String envName =
        environments.isEmpty()
            ? "comfypkgs"
            : reader.runtimeString(environments.get(0), "FloxEnvironment", "name");
    String python =
        environments.isEmpty()
            ? "python313"
            : reader.runtimeString(environments.get(0), "FloxEnvironment", "python");
    this.set =
        new RecipeSet(
            List.copyOf(packageByClass.values()),
            List.copyOf(metaByClass.values()),
            provides,
            release,
            envName,
            python,
            sorted.stream().map(Declaration::className).toList(),
            torchBearing(settings, sorted));
  }

  /** The shipped torch-bearing names plus every {@code @TorchBearing} of the set. */
  private List<String> torchBearing(RuleSettings settings, List<Declaration> declarations) {
    List<String> out = new ArrayList<>(settings.torchBearing());
    for (Declaration d : declarations) {
      for (javax.lang.model.element.AnnotationMirror m : d.mirrors("TorchBearing")) {
        out.addAll(d.strings(m, "value"));
      }
    }
    return out;
  }

  private static List<String> resolve(List<String> classNames, Map<String, String> attrOfClass) {
    List<String> out = new ArrayList<>();
    for (String cls : classNames) {
      String attr = attrOfClass.get(cls);
      if (attr != null && !out.contains(attr)) {
        out.add(attr);
      }
    }
    return out;
  }

  public RuleSettings settings() {
    return settings;
  }

  /**
   * The anchor index: what javac needs to place a diagnostic at a location the rules reported.
   * Only the diagnostic printer asks, so rules and findings hold no compiler types.
   */
  public Anchor anchorOf(Location location) {
    Declaration d = byClass.get(location.recipeClass());
    if (d == null) {
      throw new IllegalArgumentException("no recipe class " + location.recipeClass());
    }
    return d.resolve(location);
  }

  /** Every declaration, ordered by class name. */
  public List<Declaration> all() {
    return all;
  }

  /** The declaration of the recipe with this attr (package or meta-package), if any. */
  public java.util.Optional<Declaration> declarationOf(String attr) {
    for (Declaration d : packages) {
      if (packageOf(d).attr().equals(attr)) {
        return java.util.Optional.of(d);
      }
    }
    for (Declaration d : metas) {
      if (metaOf(d).attr().equals(attr)) {
        return java.util.Optional.of(d);
      }
    }
    return java.util.Optional.empty();
  }

  public RecipeSet set() {
    return set;
  }

  public List<Declaration> packages() {
    return packages;
  }

  public List<Declaration> metas() {
    return metas;
  }

  public List<Declaration> runtimes() {
    return runtimes;
  }

  public List<Declaration> releases() {
    return releases;
  }

  public List<Declaration> environments() {
    return environments;
  }

  public PackageDescriptor packageOf(Declaration d) {
    return packageByClass.get(d.className());
  }

  public MetaDescriptor metaOf(Declaration d) {
    return metaByClass.get(d.className());
  }

  /** True when the class name is a {@code @PythonPackage} recipe of this compilation. */
  public boolean isPackage(String className) {
    return packageByClass.containsKey(className);
  }
}
