package dev.comfypkgs.processor.model;

import dev.comfypkgs.annotations.Format;
import dev.comfypkgs.common.PackageKind;
import java.util.List;

/**
 * One package recipe ({@code @PythonPackage}, {@code @CustomNode}, {@code @NodeBundle}, {@code
 * @Wrapper} or {@code @Workflows}) as the generators see it: plain immutable data, no compiler
 * types. {@code requires} holds the attrs of the recipes this one depends on; {@code
 * customNodeDirectory} is the directory a custom node installs under {@code
 * share/comfyui/custom_nodes}, and null otherwise. A bundle's source is {@link Source.Nodes}, and
 * its substitutions name the node they edit; {@code workflowsConverter} is the converter script a
 * {@code @Workflows} package runs, and null for any other. A {@code @Wrapper}'s version, homepage
 * and license are empty: they are the wrapped package's, known only to Nix.
 */
public record PackageDescriptor(
    String recipeClass,
    String attr,
    String pname,
    String version,
    String description,
    String homepage,
    String license,
    Format format,
    Source source,
    List<String> buildSystem,
    List<BundleGroup> bundles,
    List<String> requires,
    boolean torchAgnostic,
    List<Removal> removals,
    List<String> relax,
    List<String> replaces,
    SystemSet platforms,
    String skipRuntimeDepsCheck,
    List<Substitution> substitutions,
    List<String> importsCheck,
    List<String> smokeImports,
    boolean tracksComfyUI,
    String floxBuildUpstream,
    String customNodeDirectory,
    String workflowsConverter) {

  public PackageDescriptor {
    buildSystem = List.copyOf(buildSystem);
    bundles = List.copyOf(bundles);
    requires = List.copyOf(requires);
    removals = List.copyOf(removals);
    relax = List.copyOf(relax);
    replaces = List.copyOf(replaces);
    substitutions = List.copyOf(substitutions);
    importsCheck = List.copyOf(importsCheck);
    smokeImports = List.copyOf(smokeImports);
  }

  /** A {@code @CustomNode}: installed into ComfyUI's custom_nodes, not into site-packages. */
  public boolean isCustomNode() {
    return customNodeDirectory != null;
  }

  /** A {@code @Workflows}: a vendored directory converted at build time, not a Python package. */
  public boolean isWorkflows() {
    return workflowsConverter != null;
  }

  /** A {@code @NodeBundle}: its source is its nodes, each installed into custom_nodes. */
  public boolean isNodeBundle() {
    return source instanceof Source.Nodes;
  }

  /** A {@code @Wrapper}: a fixed copy of a nixpkgs package, with no version or meta of its own. */
  public boolean isWrapper() {
    return source instanceof Source.Wraps;
  }

  /** What the recipe builds, as {@code recipes.json} tells the CLI. */
  public PackageKind kind() {
    if (isWorkflows()) {
      return PackageKind.WORKFLOWS;
    }
    if (isNodeBundle()) {
      return PackageKind.NODE_BUNDLE;
    }
    if (isWrapper()) {
      return PackageKind.WRAPPER;
    }
    return isCustomNode() ? PackageKind.CUSTOM_NODE : PackageKind.PYTHON_PACKAGE;
  }

  /**
   * The directories it installs under {@code share/comfyui/custom_nodes}, in install order: a
   * custom node's one, a bundle's sorted; none for any other kind.
   */
  public List<String> nodeDirectories() {
    if (source instanceof Source.Nodes nodes) {
      return nodes.sorted().stream().map(Source.Node::directory).toList();
    }
    return isCustomNode() ? List.of(customNodeDirectory) : List.of();
  }

  /** The same package with {@code requires} replaced. */
  public PackageDescriptor withRequires(List<String> newRequires) {
    return toBuilder().requires(newRequires).build();
  }

  /** The same package with {@code newVersion}. */
  public PackageDescriptor withVersion(String newVersion) {
    return toBuilder().version(newVersion).build();
  }

  /** An empty builder: the parse layer names each component as it reads it. */
  public static Builder builder() {
    return new Builder();
  }

  private Builder toBuilder() {
    return builder()
        .recipeClass(recipeClass)
        .attr(attr)
        .pname(pname)
        .version(version)
        .description(description)
        .homepage(homepage)
        .license(license)
        .format(format)
        .source(source)
        .buildSystem(buildSystem)
        .bundles(bundles)
        .requires(requires)
        .torchAgnostic(torchAgnostic)
        .removals(removals)
        .relax(relax)
        .replaces(replaces)
        .platforms(platforms)
        .skipRuntimeDepsCheck(skipRuntimeDepsCheck)
        .substitutions(substitutions)
        .importsCheck(importsCheck)
        .smokeImports(smokeImports)
        .tracksComfyUI(tracksComfyUI)
        .floxBuildUpstream(floxBuildUpstream)
        .customNodeDirectory(customNodeDirectory)
        .workflowsConverter(workflowsConverter);
  }

  /**
   * Names the components of a {@link PackageDescriptor} one by one: the parse layer reads 24 of
   * them, and a positional call that long lets two neighbours of one type swap unnoticed. Lists
   * and booleans left unset are empty and false; the rest stay null.
   */
  public static final class Builder {
    private String recipeClass;
    private String attr;
    private String pname;
    private String version;
    private String description;
    private String homepage;
    private String license;
    private Format format;
    private Source source;
    private List<String> buildSystem = List.of();
    private List<BundleGroup> bundles = List.of();
    private List<String> requires = List.of();
    private boolean torchAgnostic;
    private List<Removal> removals = List.of();
    private List<String> relax = List.of();
    private List<String> replaces = List.of();
    private SystemSet platforms;
    private String skipRuntimeDepsCheck;
    private List<Substitution> substitutions = List.of();
    private List<String> importsCheck = List.of();
    private List<String> smokeImports = List.of();
    private boolean tracksComfyUI;
    private String floxBuildUpstream;
    private String customNodeDirectory;
    private String workflowsConverter;

    private Builder() {}

    public Builder recipeClass(String recipeClass) {
      this.recipeClass = recipeClass;
      return this;
    }

    public Builder attr(String attr) {
      this.attr = attr;
      return this;
    }

    public Builder pname(String pname) {
      this.pname = pname;
      return this;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder homepage(String homepage) {
      this.homepage = homepage;
      return this;
    }

    public Builder license(String license) {
      this.license = license;
      return this;
    }

    public Builder format(Format format) {
      this.format = format;
      return this;
    }

    public Builder source(Source source) {
      this.source = source;
      return this;
    }

    public Builder buildSystem(List<String> buildSystem) {
      this.buildSystem = buildSystem;
      return this;
    }

    public Builder bundles(List<BundleGroup> bundles) {
      this.bundles = bundles;
      return this;
    }

    public Builder requires(List<String> requires) {
      this.requires = requires;
      return this;
    }

    public Builder torchAgnostic(boolean torchAgnostic) {
      this.torchAgnostic = torchAgnostic;
      return this;
    }

    public Builder removals(List<Removal> removals) {
      this.removals = removals;
      return this;
    }

    public Builder relax(List<String> relax) {
      this.relax = relax;
      return this;
    }

    public Builder replaces(List<String> replaces) {
      this.replaces = replaces;
      return this;
    }

    public Builder platforms(SystemSet platforms) {
      this.platforms = platforms;
      return this;
    }

    public Builder skipRuntimeDepsCheck(String skipRuntimeDepsCheck) {
      this.skipRuntimeDepsCheck = skipRuntimeDepsCheck;
      return this;
    }

    public Builder substitutions(List<Substitution> substitutions) {
      this.substitutions = substitutions;
      return this;
    }

    public Builder importsCheck(List<String> importsCheck) {
      this.importsCheck = importsCheck;
      return this;
    }

    public Builder smokeImports(List<String> smokeImports) {
      this.smokeImports = smokeImports;
      return this;
    }

    public Builder tracksComfyUI(boolean tracksComfyUI) {
      this.tracksComfyUI = tracksComfyUI;
      return this;
    }

    public Builder floxBuildUpstream(String floxBuildUpstream) {
      this.floxBuildUpstream = floxBuildUpstream;
      return this;
    }

    public Builder customNodeDirectory(String customNodeDirectory) {
      this.customNodeDirectory = customNodeDirectory;
      return this;
    }

    public Builder workflowsConverter(String workflowsConverter) {
      this.workflowsConverter = workflowsConverter;
      return this;
    }

    public PackageDescriptor build() {
      return new PackageDescriptor(
          recipeClass, attr, pname, version, description, homepage, license, format, source,
          buildSystem, bundles, requires, torchAgnostic, removals, relax, replaces, platforms,
          skipRuntimeDepsCheck, substitutions, importsCheck, smokeImports, tracksComfyUI,
          floxBuildUpstream, customNodeDirectory, workflowsConverter);
    }
  }
}
