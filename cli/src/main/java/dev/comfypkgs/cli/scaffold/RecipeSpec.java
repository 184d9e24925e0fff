package dev.comfypkgs.cli.scaffold;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One recipe class to write, as {@link RecipeWriter} writes it: every value already checked
 * ({@link RecipeArguments}), so the class compiles as it stands.
 *
 * @param kind whether it is a {@code @PythonPackage} or a {@code @CustomNode}
 * @param packageName the Java package
 * @param className the class's simple name
 * @param pname the package name
 * @param attr the Flox attr; written only when it differs from {@code pname}
 * @param directory a custom node's directory under custom_nodes; empty for the default
 * @param license a {@code License} constant
 * @param source where the sources come from
 * @param buildSystem the build backends; none for a custom node
 * @param bundles the nixpkgs names bundled, each group with the systems it is limited to
 * @param requires the recipes required, by class
 * @param torchRemove what {@code @TorchAgnostic} removes; empty for a recipe that is not a rebuild
 * @param replaces the requirement names the recipe stands for ({@code @Replaces})
 * @param platforms {@code Platform} constants; empty for every system
 * @param smokeImports the modules {@code @SmokeImport} imports
 * @param javadoc the class comment, one line or more
 */
public record RecipeSpec(
    Kind kind,
    String packageName,
    String className,
    String pname,
    String attr,
    String version,
    String description,
    String homepage,
    String license,
    String directory,
    Source source,
    List<String> buildSystem,
    List<BundleSpec> bundles,
    List<ClassName> requires,
    List<String> torchRemove,
    List<String> replaces,
    List<String> platforms,
    List<String> smokeImports,
    String javadoc) {

  /** The head annotation. */
  public enum Kind {
    PYTHON_PACKAGE("PythonPackage"),
    CUSTOM_NODE("CustomNode");

    final String annotation;

    Kind(String annotation) {
      this.annotation = annotation;
    }
  }

  /** Where a recipe's sources come from. */
  public sealed interface Source {}

  /**
   * {@code @GitHub}: exactly one of {@code tag} and {@code rev} is set.
   *
   * @param hash the SRI hash of the unpacked archive
   */
  public record GitHubSource(String owner, String repo, String tag, String rev, String hash) implements Source {
    public GitHubSource {
      if ((tag == null) == (rev == null)) {
        throw new IllegalArgumentException("a GitHub source has a tag or a commit, not " + tag + "/" + rev);
      }
    }

    /** The tag or the commit. */
    public String ref() {
      return tag != null ? tag : rev;
    }

    /** The project's page. */
    public String homepage() {
      return "https://github.com/" + owner + "/" + repo;
    }
  }

  /**
   * {@code @PyPI}, an sdist.
   *
   * @param name the project name as its sdist's file name spells it
   * @param version the version, when it differs from the recipe's; else empty
   * @param hash the SRI hash of the file
   */
  public record PyPISource(String name, String version, String hash) implements Source {}

  /**
   * One {@code @Bundle}.
   *
   * @param systems {@code Platform} constants the names are bundled on; empty for every system
   */
  public record BundleSpec(List<String> names, List<String> systems) {
    public BundleSpec {
      names = List.copyOf(names);
      systems = List.copyOf(systems);
    }
  }

  public RecipeSpec {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(source);
    buildSystem = List.copyOf(buildSystem);
    bundles = List.copyOf(bundles);
    requires = List.copyOf(requires);
    torchRemove = List.copyOf(torchRemove);
    replaces = List.copyOf(replaces);
    platforms = List.copyOf(platforms);
    smokeImports = List.copyOf(smokeImports);
  }

  /** A builder: a recipe sets only some of the many optional parts. */
  public static Builder builder(Kind kind, String packageName, String className) {
    return new Builder(kind, packageName, className);
  }

  /** Builds a {@link RecipeSpec}; lists default to empty, {@code attr} to {@code pname}. */
  public static final class Builder {
    private final Kind kind;
    private final String packageName;
    private final String className;
    private String pname;
    private String attr;
    private String version;
    private String description;
    private String homepage;
    private String license = "MIT";
    private String directory = "";
    private Source source;
    private List<String> buildSystem = List.of();
    private final List<BundleSpec> bundles = new ArrayList<>();
    private List<ClassName> requires = List.of();
    private List<String> torchRemove = List.of();
    private List<String> replaces = List.of();
    private List<String> platforms = List.of();
    private List<String> smokeImports = List.of();
    private String javadoc = "";

    private Builder(Kind kind, String packageName, String className) {
      this.kind = kind;
      this.packageName = packageName;
      this.className = className;
    }

    public Builder pname(String pname) {
      this.pname = pname;
      return this;
    }

    public Builder attr(String attr) {
      this.attr = attr;
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

    public Builder directory(String directory) {
      this.directory = directory;
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

    /** Adds one {@code @Bundle}; a group with no names is left out. */
    public Builder bundle(List<String> names, List<String> systems) {
      if (!names.isEmpty()) {
        bundles.add(new BundleSpec(names, systems));
      }
      return this;
    }

    public Builder requires(List<ClassName> requires) {
      this.requires = requires;
      return this;
    }

    public Builder torchRemove(List<String> torchRemove) {
      this.torchRemove = torchRemove;
      return this;
    }

    public Builder replaces(List<String> replaces) {
      this.replaces = replaces;
      return this;
    }

    public Builder platforms(List<String> platforms) {
      this.platforms = platforms;
      return this;
    }

    public Builder smokeImports(List<String> smokeImports) {
      this.smokeImports = smokeImports;
      return this;
    }

    public Builder javadoc(String javadoc) {
      this.javadoc = javadoc;
      return this;
    }

    public RecipeSpec build() {
      return new RecipeSpec(kind, packageName, className, pname, attr != null ? attr : pname, version,
          description, homepage, license, directory, source, buildSystem, bundles, requires, torchRemove,
          replaces, platforms, smokeImports, javadoc);
    }
  }
}
