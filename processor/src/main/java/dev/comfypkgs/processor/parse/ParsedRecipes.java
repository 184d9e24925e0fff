package dev.comfypkgs.processor.parse;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.Location;
import dev.comfypkgs.processor.model.MetaDescriptor;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.RuleSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What parsing produced: the model read from every declaration of the compilation, the
 * compiler-free {@link DeclaredRecipes} the rules check, and the anchor index the diagnostic
 * printer resolves their {@link Location}s with.
 */
public final class ParsedRecipes {
  private final Map<String, PackageDescriptor> packageByClass = new LinkedHashMap<>();
  private final Map<String, MetaDescriptor> metaByClass = new LinkedHashMap<>();
  private final Map<String, Declaration> byClass = new LinkedHashMap<>();
  private final DeclaredRecipes declared;

  public ParsedRecipes(RecipeReader reader, List<Declaration> declarations) {
    this(reader, declarations, RuleSettings.NONE);
  }

  public ParsedRecipes(RecipeReader reader, List<Declaration> declarations, RuleSettings settings) {
    List<Declaration> sorted = new ArrayList<>(declarations);
    sorted.sort(Comparator.comparing(Declaration::className));
    sorted.forEach(d -> byClass.putIfAbsent(d.className(), d));
    List<Declaration> packages = sorted.stream().filter(d -> d.declared().isPackage()).toList();
    List<Declaration> metas = sorted.stream().filter(d -> d.declared().isMeta()).toList();
    List<Declaration> runtimes = sorted.stream().filter(d -> d.has("Runtime")).toList();
    List<Declaration> releases = sorted.stream().filter(d -> d.has("ComfyUIRelease")).toList();
    List<Declaration> environments = sorted.stream().filter(d -> d.has("FloxEnvironment")).toList();
    String release =
        releases.isEmpty() ? null : reader.runtimeString(releases.get(0), "ComfyUIRelease", "value");
    Map<String, PackageDescriptor> raw = new LinkedHashMap<>();
    for (Declaration d : packages) {
      PackageDescriptor p = reader.describePackage(d);
      raw.put(d.className(), tracksRelease(p.tracksComfyUI(), p.version(), release) ? p.withVersion(release) : p);
    }
    Map<String, String> attrOfClass = new LinkedHashMap<>();
    raw.forEach((cls, p) -> attrOfClass.put(cls, p.attr()));
    raw.forEach((cls, p) -> packageByClass.put(cls, p.withRequires(resolve(p.requires(), attrOfClass))));
    for (Declaration d : metas) {
      MetaDescriptor m = reader.describeMeta(d);
      if (tracksRelease(m.tracksComfyUI(), m.version(), release)) {
        m = m.withVersion(release);
      }
      metaByClass.put(d.className(), m.withMembers(resolve(m.members(), attrOfClass)));
    }
    List<String> provides = new ArrayList<>();
    runtimes.forEach(d -> provides.addAll(reader.runtimeStrings(d, "Runtime", "provides")));
    String envName =
        environments.isEmpty()
            ? "comfypkgs"
            : reader.runtimeString(environments.get(0), "FloxEnvironment", "name");
    String python =
        environments.isEmpty()
            ? "python313"
            : reader.runtimeString(environments.get(0), "FloxEnvironment", "python");
    RecipeSet set =
        new RecipeSet(
            List.copyOf(packageByClass.values()),
            List.copyOf(metaByClass.values()),
            provides,
            release,
            envName,
            python,
            sorted.stream().map(Declaration::className).toList(),
            torchBearing(settings, sorted));
    this.declared = new DeclaredRecipes(
        sorted.stream().map(Declaration::declared).toList(), packageByClass, metaByClass, set, settings);
  }

  /** The shipped torch-bearing names plus every {@code @TorchBearing} of the set. */
  /**
   * Whether a recipe's version is the release: a {@code @TracksComfyUI} recipe omits it (CPK106),
   * and resolving it here, once, gives every rule and emitter the same version. A version written
   * anyway is kept as written, for CPK106 to report.
   */
  private static boolean tracksRelease(boolean tracksComfyUI, String version, String release) {
    return tracksComfyUI && version.isEmpty() && release != null;
  }

  private List<String> torchBearing(RuleSettings settings, List<Declaration> declarations) {
    List<String> out = new ArrayList<>(settings.torchBearing());
    for (Declaration d : declarations) {
      for (AnnotationUse use : d.declared().uses("TorchBearing")) {
        out.addAll(use.strings("value"));
      }
    }
    return out;
  }

  private static List<String> resolve(List<String> classNames, Map<String, String> attrOfClass) {
    // A set, not a list's contains: a meta-package of N members made this N squared / 2 string
    // comparisons, two thirds of the model phase at 5,000 recipes.
    Set<String> out = new LinkedHashSet<>();
    for (String cls : classNames) {
      String attr = attrOfClass.get(cls);
      if (attr != null) {
        out.add(attr);
      }
    }
    return List.copyOf(out);
  }

  /** What the rules check. */
  public DeclaredRecipes declared() {
    return declared;
  }

  /** The model. */
  public RecipeSet set() {
    return declared.set();
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
}
