package dev.comfypkgs.processor.emit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.comfypkgs.common.PackageKind;
import dev.comfypkgs.processor.model.BundleGroup;
import dev.comfypkgs.processor.model.MetaDescriptor;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.PackageFiles;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.Scope;
import dev.comfypkgs.processor.model.Source;
import dev.comfypkgs.processor.model.SystemSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code recipes.json}: the model the CLI reads (it never reads the Java recipes). Keys are sorted
 * and lines end in LF, so the file is byte-identical across runs and machines.
 */
public final class RecipesJson {
  public static final String PATH = "recipes.json";
  public static final int FORMAT_VERSION = 2;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private RecipesJson() {}

  /*
   * The schema, version FORMAT_VERSION: records of its own, filled from the model, so that a
   * model refactoring cannot rename or drop a field the CLI reads without this file changing (and
   * the CLI's test against the golden recipes.json failing). Keys are written in alphabetical order.
   */

  record Document(
      String comfyuiRelease,
      int formatVersion,
      List<MetaEntry> metaPackages,
      List<PackageEntry> packages,
      List<String> recipeClasses,
      Collection<String> reservedAttrs,
      List<String> runtimeProvides,
      List<String> systems,
      List<String> torchBearing,
      List<UnloadableEntry> unloadableAttrs) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PackageEntry(
      String attr,
      List<String> buildSystem,
      List<BundleEntry> bundles,
      List<String> customNodes,
      String description,
      String floxBuildUpstream,
      String format,
      String homepage,
      List<String> importsCheck,
      PackageKind kind,
      String license,
      List<String> platforms,
      String pname,
      String recipeClass,
      List<String> relax,
      List<RemovalEntry> removals,
      List<String> replaces,
      List<String> requires,
      String skipRuntimeDepsCheck,
      List<String> smokeImports,
      SourceEntry source,
      List<SubstitutionEntry> substitutions,
      boolean torchAgnostic,
      boolean tracksComfyUI,
      String version,
      // The converter a workflows package runs; written for that kind only.
      String workflowsConverter) {}

  record MetaEntry(
      String attr,
      List<BundleEntry> bundles,
      String description,
      String homepage,
      String license,
      List<String> members,
      Map<String, List<String>> membersBySystem,
      List<String> nixpkgs,
      List<String> platforms,
      String pname,
      String recipeClass,
      boolean tracksComfyUI,
      String version) {}

  record BundleEntry(List<String> names, List<String> onlyOn) {}

  record RemovalEntry(String name, String reason, boolean torch) {}

  /** {@code node}: the bundle's node whose file it edits; empty for a package's own source. */
  record SubstitutionEntry(String file, String node, String replace, String with) {}

  record UnloadableEntry(String pattern, String reason) {}

  /** Where a package's source comes from; {@code kind} says which, and is written first. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = GitHubSource.class, name = "github"),
    @JsonSubTypes.Type(value = PyPISource.class, name = "pypi"),
    @JsonSubTypes.Type(value = VendoredSource.class, name = "vendored"),
    @JsonSubTypes.Type(value = VendoredDirectorySource.class, name = "vendored-directory"),
    @JsonSubTypes.Type(value = NodesSource.class, name = "nodes"),
    @JsonSubTypes.Type(value = WrapsSource.class, name = "wraps")
  })
  sealed interface SourceEntry
      permits GitHubSource, PyPISource, VendoredSource, VendoredDirectorySource, NodesSource,
          WrapsSource {}

  record GitHubSource(String hash, String owner, String repo, String rev, String sourceRoot, String tag)
      implements SourceEntry {}

  record PyPISource(String hash, String name, String version, boolean wheel) implements SourceEntry {}

  record VendoredSource(String file, String sha256) implements SourceEntry {}

  record VendoredDirectorySource(String directory, String gitTree) implements SourceEntry {}

  /** A node bundle's sources, one per node, in install order. */
  record NodesSource(List<NodeEntry> nodes) implements SourceEntry {}

  /** One node of a bundle: its directory under custom_nodes and its github or vendored source. */
  record NodeEntry(String directory, SourceEntry source) {}
  /** A wrapper's: the {@code python3.pkgs} attribute it copies, and its fix under sources/. */
  record WrapsSource(String attr, String fix) implements SourceEntry {}

  public static String render(RecipeSet set) {
    Document document = new Document(
        set.comfyuiRelease(),
        FORMAT_VERSION,
        set.metas().stream().map(m -> meta(m, set.dependencies(m).bySystem())).toList(),
        set.packages().stream().map(RecipesJson::pkg).toList(),
        set.declarationClasses(),
        // For `comfypkgs new`, which refuses these attrs before it downloads anything.
        Scope.reserved(),
        set.runtimeProvides(),
        set.systems().nixNames(),
        set.torchBearing(),
        PackageFiles.UNLOADABLE.stream().map(u -> new UnloadableEntry(u.pattern(), u.reason())).toList());
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("recipes.json could not be written", e);
    }
  }

  private static PackageEntry pkg(PackageDescriptor p) {
    return new PackageEntry(
        p.attr(), p.buildSystem(), bundles(p.bundles(), p.platforms()),
        // The directories it installs under share/comfyui/custom_nodes, for list and smoke.
        p.nodeDirectories(),
        p.description(), p.floxBuildUpstream(),
        p.format().name(), p.homepage(), p.importsCheck(), p.kind(), p.license(),
        p.platforms().nixNames(),
        p.pname(), p.recipeClass(), p.relax(),
        p.removals().stream().map(r -> new RemovalEntry(r.name(), r.reason(), r.torch())).toList(),
        p.replaces(), p.requires(), p.skipRuntimeDepsCheck(), p.smokeImports(), source(p.source()),
        p.substitutions().stream()
            .map(s -> new SubstitutionEntry(s.file(), s.node(), s.replace(), s.with()))
            .toList(),
        p.torchAgnostic(), p.tracksComfyUI(), p.version(), p.workflowsConverter());
  }

  private static MetaEntry meta(MetaDescriptor m, Map<String, List<String>> membersBySystem) {
    return new MetaEntry(
        m.attr(), bundles(m.bundles(), m.platforms()), m.description(), m.homepage(), m.license(), m.members(),
        membersBySystem, m.nixpkgs(), m.platforms().nixNames(), m.pname(), m.recipeClass(),
        m.tracksComfyUI(), m.version());
  }

  /** Each group's systems within the recipe's: an unconditional one is not "on every system". */
  private static List<BundleEntry> bundles(List<BundleGroup> groups, SystemSet platforms) {
    return groups.stream()
        .map(g -> new BundleEntry(g.names(), g.systemsWithin(platforms).nixNames()))
        .toList();
  }

  private static SourceEntry source(Source source) {
    if (source instanceof Source.GitHub g) {
      return new GitHubSource(g.hash(), g.owner(), g.repo(), g.rev(), g.sourceRoot(), g.tag());
    }
    if (source instanceof Source.PyPI p) {
      return new PyPISource(p.hash(), p.name(), p.version(), p.wheel());
    }
    if (source instanceof Source.VendoredDirectory d) {
      return new VendoredDirectorySource(d.directory(), d.gitTree());
    }
    if (source instanceof Source.Nodes n) {
      return new NodesSource(n.sorted().stream()
          .map(node -> new NodeEntry(node.directory(), source(node.source())))
          .toList());
    }
    if (source instanceof Source.Wraps w) {
      return new WrapsSource(w.attribute(), w.fix());
    }
    Source.Vendored v = (Source.Vendored) source;
    return new VendoredSource(v.file(), v.sha256());
  }
}
