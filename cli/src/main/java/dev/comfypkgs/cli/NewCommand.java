package dev.comfypkgs.cli;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.comfypkgs.cli.fetch.Downloader;
import dev.comfypkgs.cli.fetch.Prefetcher;
import dev.comfypkgs.cli.fetch.SourceLocations;
import dev.comfypkgs.common.RecipeNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs new}: a recipe class for a GitHub project, its hash already prefetched, that
 * compiles as it stands. Never overwrites a recipe.
 */
@Command(
    name = "new",
    description = "Writes a recipe class into recipes-java for a GitHub project, with the source"
        + " hash prefetched; refuses to overwrite an existing recipe.")
final class NewCommand implements Callable<Integer> {
  private static final String ANNOTATIONS = "dev.comfypkgs.annotations";
  /**
   * Identifiers that are not keywords but cannot name a type (JLS 3.9), which {@link
   * SourceVersion#isKeyword} lets through: {@code class record} does not compile.
   */
  private static final Set<String> RESTRICTED_TYPE_IDENTIFIERS =
      Set.of("var", "yield", "record", "sealed", "permits");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern UNSTABLE = Pattern.compile("(?:.+-)?unstable-(\\d{4}-\\d{2}-\\d{2})");
  /** What buildPythonPackage puts before the pname in the store name. */
  private static final String PYTHON_PREFIX = "python3.XY-";
  private static final Set<String> PLATFORMS =
      Set.of("X86_64_LINUX", "AARCH64_LINUX", "X86_64_DARWIN", "AARCH64_DARWIN", "LINUX", "DARWIN", "UNIX");
  static final Set<String> LICENSES = Set.of("MIT", "ASL20", "GPL2_ONLY", "GPL2_PLUS",
      "GPL3_ONLY", "GPL3_PLUS", "LGPL3_ONLY", "AGPL3_ONLY", "BSD2", "BSD3", "MPL20", "ISC", "PSFL", "UNLICENSE");

  @ParentCommand Main main;

  // No standard --version here: it is the package's version.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "ATTR", description = "The Flox attribute and .nix file name.")
  String attr;

  @Option(names = "--github", required = true, paramLabel = "OWNER/REPO", description = "The GitHub project.")
  String github;

  static final class Ref {
    @Option(names = "--tag", required = true, description = "A release tag, e.g. v1.2.3.")
    String tag;

    @Option(names = "--rev", required = true, description = "A 40-hex commit (give --version too).")
    String rev;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Ref ref;

  @Option(names = "--version", paramLabel = "VERSION",
      description = "The version; defaults to the tag without its v. With --rev: <x>-unstable-YYYY-MM-DD.")
  String version;

  @Option(names = "--torch-agnostic", description = "A rebuild without torch (removes torch).")
  boolean torchAgnostic;

  @Option(names = "--remove", paramLabel = "NAME", arity = "1..*",
      description = "More requirements to remove with @TorchAgnostic (e.g. torchvision timm).")
  List<String> remove = new ArrayList<>();

  @Option(names = "--bundle", paramLabel = "NAME", arity = "1..*",
      description = "nixpkgs python3.pkgs names to bundle.")
  List<String> bundle = new ArrayList<>();

  @Option(names = "--build-system", paramLabel = "NAME", arity = "1..*",
      description = "Build backends (default: setuptools wheel).")
  List<String> buildSystem = new ArrayList<>(List.of("setuptools", "wheel"));

  @Option(names = "--platforms", paramLabel = "PLATFORM", arity = "1..*",
      description = "LINUX, DARWIN, UNIX or single systems such as X86_64_LINUX (default: every system).")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--description", description = "meta.description (default: the repository name).")
  String description;

  @Option(names = "--license", defaultValue = "MIT",
      description = "A License constant (default: ${DEFAULT-VALUE}); check upstream's.")
  String license;

  @Option(names = "--class", paramLabel = "NAME", description = "The class name (default: from ATTR).")
  String className;

  @Mixin RecipeSourcesOption recipeSources;

  @Option(names = "--package", paramLabel = "NAME", defaultValue = "dev.comfypkgs.recipes",
      description = "The recipes' Java package (default: ${DEFAULT-VALUE}).")
  String packageName;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Download timeout.")
  int timeoutSeconds;

  @Option(names = "--github-base", paramLabel = "URL", description = "Instead of https://github.com.")
  String githubBase;

  @Override
  public Integer call() throws IOException {
    // Every argument is checked before anything is read, downloaded or written.
    String[] ownerRepo = github.split("/", -1);
    if (ownerRepo.length != 2 || !RecipeNames.isGitHubOwner(ownerRepo[0]) || !RecipeNames.isGitHubRepo(ownerRepo[1])) {
      throw CliException.usage("--github takes OWNER/REPO as GitHub spells them (an owner is letters,"
          + " digits and inner hyphens; a repository letters, digits and . _ -), not '"
          + Terminal.escape(github) + "'.");
    }
    if (!RecipeNames.isNixIdentifier(attr)) {
      throw CliException.usage("'" + Terminal.escape(attr) + "' cannot be a Flox attribute: use a"
          + " letter or _, then letters, digits, _ and -, and not a Nix keyword.");
    }
    String pname = torchAgnostic && !attr.startsWith("comfyui-") ? "comfyui-" + attr : attr;
    if (!RecipeNames.isStoreName(pname)) {
      throw CliException.usage("'" + Terminal.escape(pname) + "' cannot be a package name: use a"
          + " letter or digit, then letters, digits and . _ + -.");
    }
    String refName = ref.tag != null ? ref.tag : ref.rev;
    String theVersion = version(pname);
    if (!LICENSES.contains(license)) {
      throw CliException.usage(Names.unknown("license", license, LICENSES.stream().sorted().toList()));
    }
    for (String p : platforms) {
      if (!PLATFORMS.contains(p)) {
        throw CliException.usage(Names.unknown("platform", p, PLATFORMS.stream().sorted().toList()));
      }
    }
    if (!remove.isEmpty() && !torchAgnostic) {
      throw CliException.usage("--remove goes with --torch-agnostic (other removals need @Remove with a reason).");
    }
    for (String name : remove) {
      if (!RecipeNames.isPythonProject(name)) {
        throw CliException.usage("--remove '" + Terminal.escape(name) + "' is not a requirement name"
            + " (letters, digits and . _ -, as in requirements.txt).");
      }
    }
    for (String name : concat(bundle, buildSystem)) {
      if (!RecipeNames.isNixIdentifier(name)) {
        throw CliException.usage("'" + Terminal.escape(name) + "' is not a python3.pkgs attribute"
            + " name: write it as nixpkgs does (e.g. pillow-heif, opencv4).");
      }
    }
    if (description != null && !description.equals(Terminal.escape(description))) {
      throw CliException.usage("--description '" + Terminal.escape(description) + "' holds control"
          + " or invisible characters: give one line of printable text.");
    }
    String cls = className != null ? className : classNameOf(attr);
    if (!SourceVersion.isIdentifier(cls) || SourceVersion.isKeyword(cls)
        || RESTRICTED_TYPE_IDENTIFIERS.contains(cls)) {
      throw CliException.usage("'" + Terminal.escape(cls) + "' cannot be a Java class name: give --class.");
    }
    if (isJavaLang(cls)) {
      throw CliException.usage("a class " + cls + " would hide java.lang." + cls + " from every class in"
          + " its package: give --class.");
    }
    if (!SourceVersion.isName(packageName)) {
      throw CliException.usage("--package '" + Terminal.escape(packageName) + "' is not a Java"
          + " package name (identifiers joined by dots, no keyword).");
    }
    Downloader downloader = Downloader.withTimeout(timeoutSeconds);
    SourceLocations.Fetch fetch = SourceLocations.of(githubBase, null).github(ownerRepo[0], ownerRepo[1], refName);

    Workspace ws = main.workspace();
    RecipesFile recipes = ws.recipes();
    if (recipes.reservedAttrs().contains(attr)) {
      throw CliException.usage("'" + attr + "' is a name the generated files and Flox's callPackage"
          + " scope rely on: an attr named so would hide it from every recipe. Choose another attr.");
    }
    for (RecipesFile.UnloadableAttr unloadable : recipes.unloadableAttrs()) {
      if (unloadable.matches(attr)) {
        throw CliException.usage("'" + attr + "' cannot name a Flox package file: " + unloadable.reason()
            + ". Choose another attr.");
      }
    }
    for (String name : bundle) {
      if (recipes.reservedAttrs().contains(name)) {
        throw CliException.usage("--bundle '" + name + "' is a name the generated file binds itself:"
            + " depend on the recipe with @Requires instead.");
      }
    }
    if (recipes.attrs().contains(attr)) {
      throw CliException.usage("a recipe with attr '" + attr + "' already exists.");
    }
    if (recipes.packages().stream().anyMatch(p -> p.pname().equals(pname))) {
      throw CliException.usage("a recipe with pname '" + pname + "' already exists.");
    }
    Path root = recipeSources.root(ws);
    Path file = root.resolve(packageName.replace('.', '/')).resolve(cls + ".java");
    if (Files.exists(file)) {
      throw CliException.usage(file + " already exists: comfypkgs new never overwrites a recipe.");
    }

    String hash;
    try {
      hash = new Prefetcher(downloader).hash(fetch.uri(), true, true);
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILED, "cannot prefetch " + fetch.uri() + ": " + e.getMessage()
          + "; nothing was written.");
    }

    JavaFile javaFile = JavaFile.builder(packageName, recipe(cls, pname, theVersion, ownerRepo, hash))
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
    Files.createDirectories(file.getParent());
    try {
      AtomicFiles.createString(file, javaFile.toString());
    } catch (FileAlreadyExistsException appearedMeanwhile) {
      throw CliException.usage(file + " already exists: comfypkgs new never overwrites a recipe.");
    }
    PrintWriter out = main.spec.commandLine().getOut();
    out.println("wrote " + file + " (" + pname + " " + theVersion + ", " + hash + ")");
    out.println("next: check description and license, then `mvn -B -q package -DskipTests`;"
        + " add " + cls + ".class to a meta-package's members if it belongs there.");
    out.flush();
    return ExitCode.OK;
  }

  /**
   * The version, checked as the processor will (CPK005: store-path safe; CPK106: a tag's version
   * is the tag with or without its v, a commit's is {@code <x>-unstable-YYYY-MM-DD}); for a tag,
   * the tag without its v when none is given.
   */
  private String version(String pname) {
    if (ref.rev != null) {
      if (!COMMIT.matcher(ref.rev).matches()) {
        throw CliException.usage("--rev takes a full 40-hex commit in lower case, not '"
            + Terminal.escape(ref.rev) + "' (a tag goes to --tag).");
      }
      if (version == null) {
        throw CliException.usage("with --rev, give --version <last release>-unstable-YYYY-MM-DD (the"
            + " commit's date), as the versioning rule asks.");
      }
    } else if (!Names.isGitRef(ref.tag)) {
      throw CliException.usage("--tag '" + Terminal.escape(ref.tag) + "' is not a git tag: a tag has"
          + " no spaces, control characters, '..', '~^:?*[\\' or empty or dot-led components.");
    }
    String bare = ref.tag == null ? null : ref.tag.replaceFirst("^[vV]", "");
    String theVersion = version != null ? version : ref.tag.replaceFirst("^[vV](?=\\d)", "");
    if (!RecipeNames.isStoreName(theVersion)) {
      throw CliException.usage("version '" + Terminal.escape(theVersion) + "' is not a valid version:"
          + " use letters, digits and . _ + -" + (version == null ? " (give --version)." : "."));
    }
    if (ref.tag != null && !theVersion.equals(ref.tag) && !theVersion.equals(bare)) {
      throw CliException.usage("version '" + theVersion + "' does not match the tag '" + ref.tag
          + "': the versioning rule wants '" + bare + "'.");
    }
    if (ref.rev != null && !isUnstable(theVersion)) {
      throw CliException.usage("with --rev, the version is <last release>-unstable-YYYY-MM-DD (the"
          + " commit's date), not '" + theVersion + "'.");
    }
    int storeName = PYTHON_PREFIX.length() + pname.length() + 1 + theVersion.length();
    if (storeName > RecipeNames.MAX_STORE_NAME_LENGTH) {
      throw CliException.usage("pname and version make a store name " + PYTHON_PREFIX + "<pname>-<version>"
          + " of " + storeName + " characters; Nix allows " + RecipeNames.MAX_STORE_NAME_LENGTH + ".");
    }
    return theVersion;
  }

  private static boolean isUnstable(String version) {
    Matcher m = UNSTABLE.matcher(version);
    if (!m.matches()) {
      return false;
    }
    try {
      LocalDate.parse(m.group(1));
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Whether a class of this name in a package would shadow the implicitly imported java.lang one. */
  private static boolean isJavaLang(String simpleName) {
    try {
      Class.forName("java.lang." + simpleName, false, ClassLoader.getPlatformClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private TypeSpec recipe(String cls, String pname, String theVersion, String[] ownerRepo, String hash) {
    String homepage = "https://github.com/" + ownerRepo[0] + "/" + ownerRepo[1];
    AnnotationSpec.Builder pkg = AnnotationSpec.builder(annotation("PythonPackage"))
        .addMember("pname", "$S", pname);
    if (!pname.equals(attr)) {
      pkg.addMember("attr", "$S", attr);
    }
    pkg.addMember("version", "$S", theVersion)
        .addMember("description", "$S", description != null ? description
            : ownerRepo[1] + (torchAgnostic ? ", built to use the runtime's PyTorch" : ""))
        .addMember("homepage", "$S", homepage)
        .addMember("license", "$T.$L", annotation("License"), license);
    AnnotationSpec.Builder source = AnnotationSpec.builder(annotation("GitHub"))
        .addMember("owner", "$S", ownerRepo[0])
        .addMember("repo", "$S", ownerRepo[1])
        .addMember(ref.tag != null ? "tag" : "rev", "$S", ref.tag != null ? ref.tag : ref.rev)
        .addMember("hash", "$S", hash);
    TypeSpec.Builder type = TypeSpec.classBuilder(cls)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("Added with {@code comfypkgs new}: check the description and license against upstream.\n")
        .addAnnotation(pkg.build())
        .addAnnotation(source.build());
    if (!buildSystem.isEmpty()) {
      type.addAnnotation(AnnotationSpec.builder(annotation("BuildSystem")).addMember("value", strings(buildSystem)).build());
    }
    if (!bundle.isEmpty()) {
      type.addAnnotation(AnnotationSpec.builder(annotation("Bundle")).addMember("value", strings(bundle)).build());
    }
    if (torchAgnostic) {
      Set<String> removed = new LinkedHashSet<>(List.of("torch"));
      removed.addAll(remove);
      type.addAnnotation(AnnotationSpec.builder(annotation("TorchAgnostic"))
          .addMember("remove", strings(List.copyOf(removed))).build());
    }
    if (!platforms.isEmpty()) {
      CodeBlock.Builder list = CodeBlock.builder().add(platforms.size() == 1 ? "" : "{");
      for (int i = 0; i < platforms.size(); i++) {
        list.add(i == 0 ? "$T.$L" : ", $T.$L", annotation("Platform"), platforms.get(i));
      }
      list.add(platforms.size() == 1 ? "" : "}");
      type.addAnnotation(AnnotationSpec.builder(annotation("Platforms")).addMember("value", list.build()).build());
    }
    return type.build();
  }

  private static ClassName annotation(String simpleName) {
    return ClassName.get(ANNOTATIONS, simpleName);
  }

  private static CodeBlock strings(List<String> values) {
    CodeBlock.Builder b = CodeBlock.builder().add(values.size() == 1 ? "" : "{");
    for (int i = 0; i < values.size(); i++) {
      b.add(i == 0 ? "$S" : ", $S", values.get(i));
    }
    return b.add(values.size() == 1 ? "" : "}").build();
  }

  /** {@code comfyui-open-clip-torch} becomes {@code ComfyuiOpenClipTorch}. */
  static String classNameOf(String attr) {
    StringBuilder out = new StringBuilder();
    for (String part : attr.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    String name = out.toString();
    return name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) ? "Recipe" + name : name;
  }
}
