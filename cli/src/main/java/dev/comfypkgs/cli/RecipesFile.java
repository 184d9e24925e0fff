package dev.comfypkgs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.comfypkgs.common.PackageKind;
import dev.comfypkgs.common.PythonNames;
import dev.comfypkgs.common.RecipeNames;
import dev.comfypkgs.common.TorchNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;

/**
 * The CLI's view of {@code generated-nix/recipes.json}: what the processor generated, field for
 * field (the processor's {@code RecipesJson} writes it; {@code GoldenRecipesJsonTest} holds the
 * two sides together; {@link RecipesFileReader} reads it). The CLI never reads the Java recipes.
 * Every component is required and non-null unless marked otherwise, a field this format does not have is an error, and attrs,
 * pnames and versions must be what the processor accepts: a file that is not is refused on read
 * with one line naming the field, instead of being misread somewhere later.
 */
public record RecipesFile(
    int formatVersion,
    // Null until a release is tracked.
    String comfyuiRelease,
    List<Package> packages,
    List<Meta> metaPackages,
    List<String> recipeClasses,
    List<String> runtimeProvides,
    Set<String> torchBearing,
    List<String> systems,
    List<String> reservedAttrs,
    List<UnloadableAttr> unloadableAttrs) {

  public static final int SUPPORTED_FORMAT = 2;

  /**
   * The torch-bearing names are kept as a set of PEP 503 normalised names: {@link #carriesTorch}
   * is asked once per requirement, and a large requirements file asks it 100,000 times.
   */
  public RecipesFile {
    torchBearing = torchBearing == null ? null
        : torchBearing.stream().map(PythonNames::normalize).collect(Collectors.toUnmodifiableSet());
  }

  private static final String REGENERATE = "regenerate it with `mvn -B -q package -DskipTests`"
      + " at the repository root.";

  /**
   * One package recipe of any {@link PackageKind}; {@code customNodes} holds the directories it
   * installs under {@code share/comfyui/custom_nodes} (none unless its kind installs custom nodes).
   * A wrapper's version, homepage and license are empty: they are those of the nixpkgs package it
   * wraps, at the locked revision.
   */
  public record Package(
      PackageKind kind,
      String recipeClass,
      String attr,
      String pname,
      String version,
      String description,
      String homepage,
      String license,
      String format,
      Source source,
      List<String> buildSystem,
      List<Bundle> bundles,
      List<String> requires,
      boolean torchAgnostic,
      List<Removal> removals,
      List<String> relax,
      List<String> replaces,
      List<String> platforms,
      // Written only when the recipe skips the check, with the reason.
      String skipRuntimeDepsCheck,
      List<Substitution> substitutions,
      List<String> importsCheck,
      List<String> smokeImports,
      boolean tracksComfyUI,
      // Written only when the recipe names an upstream for Flox's build.
      String floxBuildUpstream,
      List<String> customNodes,
      // Written only for a workflows package: the converter its build runs.
      String workflowsConverter) {
    /**
     * Whether it installs ComfyUI custom nodes (into {@code share/comfyui/custom_nodes}) rather
     * than a Python distribution with METADATA of its own.
     */
    public boolean isCustomNode() {
      return kind.installsCustomNodes();
    }

    /**
     * Whether it is a workflows package: a vendored directory converted at build time into
     * {@code share/comfyui/workflows}, with no Python distribution either.
     */
    public boolean isWorkflows() {
      return kind == PackageKind.WORKFLOWS;
    }
  }

  /** Where a package's source comes from: one record per kind the processor writes. */
  public sealed interface Source {
    /** A source Nix downloads, pinned by the recipe's hash (empty: not known yet). */
    sealed interface Downloaded extends Source {
      String hash();
    }

    /** {@code fetchFromGitHub}; one of tag and rev is non-empty. */
    record GitHub(String owner, String repo, String tag, String rev, String hash, String sourceRoot)
        implements Downloaded {}

    /** {@code fetchPypi}; an empty version is the package's. */
    record PyPI(String name, String version, String hash, boolean wheel) implements Downloaded {}

    /** A file under {@code sources/}, by its path relative to that directory. */
    record Vendored(String file, String sha256) implements Source {}

    /** A directory under {@code sources/} (a workflows package's), with its git tree id. */
    record VendoredDirectory(String directory, String gitTree) implements Source {}

    /** A node bundle's sources, in install order: each a github or vendored source. */
    record Nodes(List<Node> nodes) implements Source {}

    /** One node of a bundle, installed as {@code custom_nodes/<directory>}. */
    record Node(String directory, Source source) {}

    /**
     * A wrapper's: nixpkgs' {@code python3.pkgs.<attr>}, copied and fixed by the script {@code
     * fix}, a path relative to {@code sources/}.
     */
    record Wraps(String attr, String fix) implements Source {}
  }

  /** nixpkgs packages bundled into a package, only on the listed systems. */
  public record Bundle(List<String> names, List<String> onlyOn) {}

  /**
   * One {@code substituteInPlace} edit of the unpacked source or, in a node bundle, of the
   * installed node {@code node} (empty otherwise).
   */
  public record Substitution(String file, String node, String replace, String with) {}

  /** One {@code pythonRemoveDeps} entry. */
  public record Removal(
      String name,
      boolean torch,
      // A torch removal needs no reason: the runtime provides torch.
      String reason) {}

  /** Attrs Flox's loader would not load under their name: a regular expression over the attr, and why. */
  public record UnloadableAttr(String pattern, String reason) {
    public boolean matches(String attr) {
      return attr.matches(pattern);
    }
  }

  /** One {@code @MetaPackage}. */
  public record Meta(
      String recipeClass,
      String attr,
      String pname,
      String version,
      String description,
      String homepage,
      String license,
      List<String> members,
      List<String> nixpkgs,
      List<Bundle> bundles,
      List<String> platforms,
      boolean tracksComfyUI,
      Map<String, List<String>> membersBySystem) {}

  /** Reads and checks the file; anything wrong with it is a usage error naming the field. */
  public static RecipesFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CliException(ExitCode.USAGE, file + " does not exist: generate it with"
          + " `mvn -B -q package -DskipTests` at the repository root, or point --dir at a"
          + " generated-nix directory.");
    }
    // The processor's OutputDirectory journal: present only while a generation applies its files
    // or after one was killed doing so, and then the directory mixes two generations.
    if (Files.exists(file.resolveSibling(".comfypkgs-transaction").resolve("journal"))) {
      throw new CliException(ExitCode.USAGE, file + " may be part old, part new: a generation is"
          + " writing its directory or was interrupted; run `mvn -B -q compile` at the repository"
          + " root to finish it.");
    }
    RecipesFile r;
    try {
      r = parse(file);
    } catch (StreamConstraintsException e) {
      throw invalid(file, "", "is larger or deeper than a recipes.json the processor writes ("
          + e.getOriginalMessage() + location(e) + ")");
    } catch (JsonProcessingException e) {
      throw invalid(file, "", "is not valid JSON ("
          + e.getOriginalMessage().lines().findFirst().orElse("") + location(e) + ")");
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, file + " cannot be read: " + e.getMessage());
    }
    checkFormat(file, r.formatVersion());
    r.checkNames(file);
    return r;
  }

  /**
   * Attrs end up in file names and in Nix, pnames and versions in store paths, classes in paths.
   * A field's path is spelled out only for a message: each string concatenation costs a short
   * command its first use.
   */
  private void checkNames(Path file) {
    for (int i = 0; i < packages.size(); i++) {
      Package p = packages.get(i);
      boolean wrapper = p.kind() == PackageKind.WRAPPER;
      if (wrapper != p.source() instanceof Source.Wraps) {
        throw invalid(file, "packages[" + i + "].source", wrapper
            ? "is not what a wrapper has: its source is the package it wraps"
            : "wraps a nixpkgs package, but a " + p.kind().description() + " wraps none");
      }
      checkNames(file, "packages", i, p.attr(), p.pname(), wrapper ? null : p.version());
      if (wrapper && !p.version().isEmpty()) {
        throw invalid(file, "packages[" + i + "].version",
            "is a wrapper's, which has none of its own (it is the wrapped package's)");
      }
      if (wrapper && !RecipeNames.isNixIdentifier(((Source.Wraps) p.source()).attr())) {
        throw invalid(file, "packages[" + i + "].source.attr",
            "'" + Terminal.escape(((Source.Wraps) p.source()).attr()) + "' is not a Nix identifier");
      }
      if (!SourceVersion.isName(p.recipeClass())) {
        throw invalid(file, "packages[" + i + "].recipeClass",
            "'" + Terminal.escape(p.recipeClass()) + "' is not a Java class name");
      }
      if (p.isCustomNode() == p.customNodes().isEmpty()) {
        throw invalid(file, "packages[" + i + "].customNodes", p.isCustomNode()
            ? "is empty, but a " + p.kind().description() + " installs custom nodes"
            : "names custom nodes, but a " + p.kind().description() + " installs none");
      }
      if (p.isWorkflows() == (p.workflowsConverter() == null)) {
        throw invalid(file, "packages[" + i + "].workflowsConverter", p.isWorkflows()
            ? "is missing, but a workflows package runs a converter"
            : "is set, but a " + p.kind().description() + " runs no converter");
      }
      // Joined to an environment's share/comfyui/custom_nodes by smoke: one segment, never "..".
      for (int n = 0; n < p.customNodes().size(); n++) {
        if (!RecipeNames.isNodeDirectory(p.customNodes().get(n))) {
          throw notANodeDirectory(
              file, "packages[" + i + "].customNodes[" + n + "]", p.customNodes().get(n));
        }
      }
      if (p.source() instanceof Source.Nodes nodes) {
        for (int n = 0; n < nodes.nodes().size(); n++) {
          if (!RecipeNames.isNodeDirectory(nodes.nodes().get(n).directory())) {
            throw notANodeDirectory(file, "packages[" + i + "].source.nodes[" + n + "].directory",
                nodes.nodes().get(n).directory());
          }
        }
      }
    }
    for (int i = 0; i < metaPackages.size(); i++) {
      Meta m = metaPackages.get(i);
      checkNames(file, "metaPackages", i, m.attr(), m.pname(), m.version());
    }
  }

  private static CliException notANodeDirectory(Path file, String at, String directory) {
    return invalid(file, at, "'" + Terminal.escape(directory) + "' is not a custom node directory");
  }

  /**
   * The names of entry {@code index} of the list {@code list}; a null version is not checked: a
   * wrapper's is the wrapped package's.
   */
  private static void checkNames(
      Path file, String list, int index, String attr, String pname, String version) {
    if (!RecipeNames.isNixIdentifier(attr)) {
      throw invalid(file, list + "[" + index + "].attr",
          "'" + Terminal.escape(attr) + "' is not a Nix identifier");
    }
    if (!RecipeNames.isStoreName(pname)) {
      throw invalid(file, list + "[" + index + "].pname",
          "'" + Terminal.escape(pname) + "' is not a package name");
    }
    if (version != null && !RecipeNames.isStoreName(version)) {
      throw invalid(file, list + "[" + index + "].version",
          "'" + Terminal.escape(version) + "' is not a version");
    }
  }

  /**
   * The records, or the first field that is not what the processor writes; if any is not, the
   * format version is looked for again: another format's fields are not errors but a sign of
   * its version.
   */
  private static RecipesFile parse(Path file) throws IOException {
    try {
      return RecipesFileReader.read(file);
    } catch (CliException wrongField) {
      OptionalInt version = RecipesFileReader.formatVersion(file);
      if (version.isPresent()) {
        checkFormat(file, version.getAsInt());
      }
      throw wrongField;
    }
  }

  private static void checkFormat(Path file, int version) {
    if (version != SUPPORTED_FORMAT) {
      throw new CliException(ExitCode.USAGE, file + " has format " + version
          + "; this comfypkgs reads format " + SUPPORTED_FORMAT + ": rebuild the tool and"
          + " regenerate with `mvn -B -q package -DskipTests`.");
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
  }

  /** "recipes.json: packages[2].attr is missing or null; regenerate it ...". */
  static CliException invalid(Path file, String field, String problem) {
    return new CliException(ExitCode.USAGE,
        file + (field.isEmpty() ? " " : ": " + field + " ") + problem + "; " + REGENERATE);
  }

  /** Every attr, packages and meta-packages, sorted. */
  public List<String> attrs() {
    List<String> out = new ArrayList<>();
    packages.forEach(p -> out.add(p.attr()));
    metaPackages.forEach(m -> out.add(m.attr()));
    out.sort(String::compareTo);
    return out;
  }

  public Optional<Package> pkg(String attr) {
    return packages.stream().filter(p -> p.attr().equals(attr)).findFirst();
  }

  /** Every package by its pname (the first, should two share one); an index, made on each call. */
  public Map<String, Package> packagesByPname() {
    Map<String, Package> out = new HashMap<>();
    packages.forEach(p -> out.putIfAbsent(p.pname(), p));
    return out;
  }

  public Optional<Meta> meta(String attr) {
    return metaPackages.stream().filter(m -> m.attr().equals(attr)).findFirst();
  }

  /** The systems a package or meta-package supports; empty for an attr that is neither. */
  public List<String> platforms(String attr) {
    return pkg(attr).map(Package::platforms)
        .or(() -> meta(attr).map(Meta::platforms))
        .orElse(List.of());
  }

  /** Checks that every name is an attr; a typo is a usage error naming the closest attr. */
  public List<String> resolve(List<String> names) {
    List<String> known = attrs();
    for (String name : names) {
      if (!known.contains(name)) {
        throw CliException.usage(Names.unknown("package", name, known));
      }
    }
    return names;
  }

  /** True when the name carries torch: torch itself or any name on the processor's list. */
  public boolean carriesTorch(String name) {
    String n = PythonNames.normalize(name);
    if (TorchNames.CORE.contains(n)) {
      return true;
    }
    return torchBearing.contains(n);
  }
}
