package dev.comfypkgs.processor.parse;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.ComfyUIRelease;
import dev.comfypkgs.annotations.CustomNode;
import dev.comfypkgs.annotations.FloxBuild;
import dev.comfypkgs.annotations.FloxEnvironment;
import dev.comfypkgs.annotations.Format;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.ImportsCheck;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.MetaPackage;
import dev.comfypkgs.annotations.Node;
import dev.comfypkgs.annotations.NodeBundle;
import dev.comfypkgs.annotations.Platform;
import dev.comfypkgs.annotations.Platforms;
import dev.comfypkgs.annotations.PyPI;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.Relax;
import dev.comfypkgs.annotations.Remove;
import dev.comfypkgs.annotations.Replaces;
import dev.comfypkgs.annotations.Requires;
import dev.comfypkgs.annotations.Runtime;
import dev.comfypkgs.annotations.SkipRuntimeDepsCheck;
import dev.comfypkgs.annotations.SmokeImport;
import dev.comfypkgs.annotations.Substitute;
import dev.comfypkgs.annotations.TorchAgnostic;
import dev.comfypkgs.annotations.TorchBearing;
import dev.comfypkgs.annotations.TracksComfyUI;
import dev.comfypkgs.annotations.Vendored;
import dev.comfypkgs.annotations.Workflows;
import dev.comfypkgs.annotations.Wrapper;
import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.BundleGroup;
import dev.comfypkgs.processor.model.MetaDescriptor;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.Removal;
import dev.comfypkgs.processor.model.Source;
import dev.comfypkgs.processor.model.Substitution;
import dev.comfypkgs.processor.model.SystemSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Turns recipe classes into {@link Declaration}s and those into the immutable model. Reading never
 * fails: what is malformed is read as best it can be and left to the rules to report.
 */
public final class RecipeReader {
  /** Every annotation a recipe class may carry, with the container of the repeatable ones. */
  private static final Map<Class<?>, Class<?>> VOCABULARY = new LinkedHashMap<>();

  static {
    for (Class<?> c :
        List.of(
            PythonPackage.class, MetaPackage.class, CustomNode.class, GitHub.class, PyPI.class, Vendored.class,
            BuildSystem.class, Requires.class, TorchAgnostic.class, Relax.class, Replaces.class,
            Runtime.class, Platforms.class, SkipRuntimeDepsCheck.class, SmokeImport.class,
            ImportsCheck.class, FloxBuild.class, TracksComfyUI.class, ComfyUIRelease.class,
            FloxEnvironment.class, TorchBearing.class, Workflows.class, NodeBundle.class,
            Wrapper.class)) {
      VOCABULARY.put(c, null);
    }
    VOCABULARY.put(Bundle.class, Bundle.List.class);
    VOCABULARY.put(Remove.class, Remove.List.class);
    VOCABULARY.put(Substitute.class, Substitute.List.class);
    VOCABULARY.put(Node.class, Node.List.class);
  }

  /** The annotations that make a class part of the recipe set. */
  public static final List<Class<?>> ROOTS =
      List.of(
          PythonPackage.class, MetaPackage.class, CustomNode.class, Runtime.class,
          ComfyUIRelease.class,
          FloxEnvironment.class, TorchBearing.class, Workflows.class, NodeBundle.class,
          Wrapper.class);

  private final Mirrors mirrors;

  /** True when the class carries one of the {@link #ROOTS} annotations. */
  public static boolean isRecipe(TypeElement type) {
    return type.getAnnotationMirrors().stream()
        .map(Mirrors::qualifiedName)
        .anyMatch(n -> ROOTS.stream().anyMatch(r -> r.getCanonicalName().equals(n)));
  }

  public RecipeReader(Elements elements) {
    this.mirrors = new Mirrors(elements);
  }

  public Declaration declare(TypeElement element) {
    Map<String, List<AnnotationMirror>> found = new LinkedHashMap<>();
    VOCABULARY.forEach(
        (annotation, container) -> {
          List<AnnotationMirror> all = mirrors.all(element, annotation, container);
          if (!all.isEmpty()) {
            found.put(annotation.getSimpleName(), all);
          }
        });
    return new Declaration(element, found, mirrors);
  }

  /**
   * The package a declaration describes. {@code requires} holds the qualified class names of the
   * required recipes; {@link ParsedRecipes} resolves them to attrs once every class is read.
   */
  public PackageDescriptor describePackage(Declaration d) {
    AnnotationUse pkg = d.declared().uses(d.declared().packageHead()).get(0);
    // Read from the head alone: a class with two heads (CPK006) is described by the first.
    String head = d.declared().packageHead();
    // A bundle is built the way a custom node is: no wheel, pyproject = false.
    boolean customNode = head.equals("CustomNode") || head.equals("NodeBundle");
    boolean workflows = head.equals("Workflows");
    boolean wrapper = head.equals("Wrapper");
    String pname = pkg.string("pname");
    String attr = pkg.string("attr");
    SystemSet platforms = platforms(d);

    List<Removal> removals = new ArrayList<>();
    for (AnnotationUse m : d.declared().uses("TorchAgnostic")) {
      for (String name : m.strings("remove")) {
        removals.add(new Removal(name, true, null));
      }
    }
    for (AnnotationUse m : d.declared().uses("Remove")) {
      for (String name : m.strings("value")) {
        removals.add(new Removal(name, false, m.string("reason")));
      }
    }
    List<Substitution> substitutions = new ArrayList<>();
    for (AnnotationUse m : d.declared().uses("Substitute")) {
      substitutions.add(
          new Substitution(
              m.string("file"), m.string("replace"), m.string("with"), m.string("node")));
    }
    return PackageDescriptor.builder()
        .recipeClass(d.className())
        .attr(attr.isEmpty() ? pname : attr)
        .pname(pname)
        // A wrapper's version and meta are the wrapped package's, read when the file is evaluated:
        // empty here.
        .version(wrapper ? "" : pkg.string("version"))
        .description(pkg.string("description"))
        .homepage(wrapper ? "" : pkg.string("homepage"))
        .license(wrapper ? "" : license(pkg))
        // A custom node is built with pyproject = false, nixpkgs' format "other"; workflows and a
        // wrapper are no Python build at all.
        .format(customNode || workflows || wrapper ? Format.OTHER : Format.valueOf(orDefault(pkg.enumName("format"), "PYPROJECT")))
        .source(wrapper ? new Source.Wraps(pkg.string("wraps"), pkg.string("fix")) : source(d))
        .buildSystem(strings(d, "BuildSystem", "value"))
        .bundles(bundles(d, platforms))
        .requires(classes(d, "Requires", "value"))
        .torchAgnostic(d.has("TorchAgnostic"))
        .removals(removals)
        .relax(strings(d, "Relax", "value"))
        .replaces(strings(d, "Replaces", "value"))
        .platforms(platforms)
        .skipRuntimeDepsCheck(
            d.has("SkipRuntimeDepsCheck")
                ? d.declared().uses("SkipRuntimeDepsCheck").get(0).string("reason")
                : null)
        .substitutions(substitutions)
        .importsCheck(strings(d, "ImportsCheck", "value"))
        .smokeImports(strings(d, "SmokeImport", "value"))
        .tracksComfyUI(d.has("TracksComfyUI"))
        .floxBuildUpstream(
            d.has("FloxBuild") ? d.declared().uses("FloxBuild").get(0).string("upstream") : null)
        .customNodeDirectory(
            head.equals("CustomNode") ? customNodeDirectory(pkg, d) : null)
        .workflowsConverter(workflows ? pkg.string("converter") : null)
        .build();
  }

  /** The directory a custom node names, or by default its GitHub repository's name. */
  private static String customNodeDirectory(AnnotationUse node, Declaration d) {
    String directory = node.string("directory");
    if (!directory.isEmpty() || !d.has("GitHub")) {
      return directory;
    }
    return d.declared().uses("GitHub").get(0).string("repo");
  }

  /** The meta-package a declaration describes; {@code members} holds qualified class names. */
  public MetaDescriptor describeMeta(Declaration d) {
    AnnotationUse meta = d.declared().uses("MetaPackage").get(0);
    String pname = meta.string("pname");
    String attr = meta.string("attr");
    SystemSet platforms = platforms(d);
    return new MetaDescriptor(
        d.className(),
        attr.isEmpty() ? pname : attr,
        pname,
        meta.string("version"),
        meta.string("description"),
        meta.string("homepage"),
        license(meta),
        meta.classNames("members"),
        meta.strings("nixpkgs"),
        bundles(d, platforms),
        platforms,
        d.has("TracksComfyUI"));
  }

  private String license(AnnotationUse use) {
    String name = use.enumName("license");
    return name.isEmpty() ? License.MIT.nixName() : License.valueOf(name).nixName();
  }

  private Source source(Declaration d) {
    if (d.has("NodeBundle")) {
      // A bundle's own @GitHub, @PyPI or @Vendored is refused (CPK001): its nodes are its source.
      return new Source.Nodes(d.declared().uses("Node").stream().map(RecipeReader::node).toList());
    }
    // With several sources (a rule reports it) the first one found stands in.
    if (d.has("GitHub")) {
      AnnotationUse m = d.declared().uses("GitHub").get(0);
      return new Source.GitHub(
          m.string("owner"),
          m.string("repo"),
          m.string("tag"),
          m.string("rev"),
          m.string("hash"),
          m.string("sourceRoot"));
    }
    if (d.has("PyPI")) {
      AnnotationUse m = d.declared().uses("PyPI").get(0);
      return new Source.PyPI(
          m.string("name"),
          m.string("version"),
          m.string("hash"),
          m.enumName("format").equals(PyPI.Dist.WHEEL.name()));
    }
    if (d.has("Vendored")) {
      AnnotationUse m = d.declared().uses("Vendored").get(0);
      if (!m.string("directory").isEmpty()) {
        return new Source.VendoredDirectory(m.string("directory"), m.string("gitTree"));
      }
      return new Source.Vendored(m.string("file"), m.string("sha256"));
    }
    return null;
  }

  /** One {@code @Node}: vendored when it names a file, else fetched from GitHub. */
  private static Source.Node node(AnnotationUse m) {
    String file = m.string("file");
    return new Source.Node(
        m.string("directory"),
        file.isEmpty()
            ? new Source.GitHub(
                m.string("owner"), m.string("repo"), m.string("tag"), m.string("rev"),
                m.string("hash"), "")
            : new Source.Vendored(file, ""));
  }

  SystemSet platforms(Declaration d) {
    List<Platform> platforms = new ArrayList<>();
    for (AnnotationUse m : d.declared().uses("Platforms")) {
      m.enumNames("value").forEach(n -> platforms.add(Platform.valueOf(n)));
    }
    return SystemSet.ofPlatforms(platforms);
  }

  /** The systems of the recipe a {@code @Bundle} applies on. */
  private SystemSet bundleSystems(AnnotationUse bundle, SystemSet platforms) {
    List<Platform> only = new ArrayList<>();
    bundle.enumNames("systems").forEach(n -> only.add(Platform.valueOf(n)));
    List<Platform> unless = new ArrayList<>();
    bundle.enumNames("unless").forEach(n -> unless.add(Platform.valueOf(n)));
    SystemSet on = only.isEmpty() ? SystemSet.ALL : SystemSet.ofPlatforms(only);
    if (!unless.isEmpty()) {
      on = on.minus(SystemSet.ofPlatforms(unless));
    }
    return on.intersect(platforms);
  }

  private List<BundleGroup> bundles(Declaration d, SystemSet platforms) {
    List<BundleGroup> out = new ArrayList<>();
    for (AnnotationUse m : d.declared().uses("Bundle")) {
      SystemSet on = bundleSystems(m, platforms);
      out.add(new BundleGroup(m.strings("value"), on.equals(platforms) ? SystemSet.ALL : on));
    }
    return out;
  }

  private List<String> strings(Declaration d, String annotation, String attribute) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (AnnotationUse m : d.declared().uses(annotation)) {
      out.addAll(m.strings(attribute));
    }
    return List.copyOf(out);
  }

  private List<String> classes(Declaration d, String annotation, String attribute) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (AnnotationUse m : d.declared().uses(annotation)) {
      out.addAll(m.classNames(attribute));
    }
    return List.copyOf(out);
  }

  public String runtimeString(Declaration d, String annotation, String attribute) {
    return d.declared().uses(annotation).get(0).string(attribute);
  }

  public List<String> runtimeStrings(Declaration d, String annotation, String attribute) {
    return d.declared().uses(annotation).get(0).strings(attribute);
  }

  private static String orDefault(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }
}
