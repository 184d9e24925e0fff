package dev.comfypkgs.cli.scaffold;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.Names;
import dev.comfypkgs.cli.RecipesFile;
import dev.comfypkgs.cli.Terminal;
import dev.comfypkgs.common.RecipeNames;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * The checks a recipe's names and values pass before anything is downloaded or written, the way
 * the processor will check them, so that a recipe {@code new} or {@code adopt} writes compiles.
 * Each failed check is a usage error (exit 2) naming the option and what it accepts.
 */
public final class RecipeArguments {
  /** The {@code Platform} constants, named as text: the annotations are not needed at run time. */
  public static final Set<String> PLATFORMS =
      Set.of("X86_64_LINUX", "AARCH64_LINUX", "X86_64_DARWIN", "AARCH64_DARWIN", "LINUX", "DARWIN", "UNIX");
  /** The {@code License} constants, named as text. */
  public static final Set<String> LICENSES = Set.of("MIT", "ASL20", "GPL2_ONLY", "GPL2_PLUS",
      "GPL3_ONLY", "GPL3_PLUS", "LGPL3_ONLY", "AGPL3_ONLY", "BSD2", "BSD3", "MPL20", "ISC", "PSFL", "UNLICENSE");

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

  private RecipeArguments() {}

  /** A GitHub project as GitHub spells it. */
  public record OwnerRepo(String owner, String repo) {}

  /** {@code OWNER/REPO}, given to {@code option}. */
  public static OwnerRepo ownerRepo(String option, String value) {
    String[] parts = value.split("/", -1);
    if (parts.length != 2 || !RecipeNames.isGitHubOwner(parts[0]) || !RecipeNames.isGitHubRepo(parts[1])) {
      throw CliException.usage(option + " takes OWNER/REPO as GitHub spells them (an owner is letters,"
          + " digits and inner hyphens; a repository letters, digits and . _ -), not '"
          + Terminal.escape(value) + "'.");
    }
    return new OwnerRepo(parts[0], parts[1]);
  }

  /** A Flox attr. */
  public static String attr(String attr) {
    if (!RecipeNames.isNixIdentifier(attr)) {
      throw CliException.usage("'" + Terminal.escape(attr) + "' cannot be a Flox attribute: use a"
          + " letter or _, then letters, digits, _ and -, and not a Nix keyword.");
    }
    return attr;
  }

  /** The pname for {@code attr}: a torch-agnostic rebuild's is {@code comfyui-} prefixed. */
  public static String pname(String attr, boolean torchAgnostic) {
    String pname = torchAgnostic && !attr.startsWith("comfyui-") ? "comfyui-" + attr : attr;
    if (!RecipeNames.isStoreName(pname)) {
      throw CliException.usage("'" + Terminal.escape(pname) + "' cannot be a package name: use a"
          + " letter or digit, then letters, digits and . _ + -.");
    }
    return pname;
  }

  /**
   * The version, checked as the processor will (CPK005: store-path safe; CPK106: a tag's version
   * is the tag with or without its v, a commit's is {@code <x>-unstable-YYYY-MM-DD}); for a tag,
   * the tag without its v when none is given. Exactly one of {@code tag} and {@code rev} is set.
   */
  public static String version(String tag, String rev, String version, String pname) {
    if (rev != null) {
      if (!COMMIT.matcher(rev).matches()) {
        throw CliException.usage("--rev takes a full 40-hex commit in lower case, not '"
            + Terminal.escape(rev) + "' (a tag goes to --tag).");
      }
      if (version == null) {
        throw CliException.usage("with --rev, give --version <last release>-unstable-YYYY-MM-DD (the"
            + " commit's date), as the versioning rule asks.");
      }
    } else if (!Names.isGitRef(tag)) {
      throw CliException.usage("--tag '" + Terminal.escape(tag) + "' is not a git tag: a tag has"
          + " no spaces, control characters, '..', '~^:?*[\\' or empty or dot-led components.");
    }
    String bare = tag == null ? null : tag.replaceFirst("^[vV]", "");
    String theVersion = version != null ? version : tag.replaceFirst("^[vV](?=\\d)", "");
    if (!RecipeNames.isStoreName(theVersion)) {
      throw CliException.usage("version '" + Terminal.escape(theVersion) + "' is not a valid version:"
          + " use letters, digits and . _ + -" + (version == null ? " (give --version)." : "."));
    }
    if (tag != null && !theVersion.equals(tag) && !theVersion.equals(bare)) {
      throw CliException.usage("version '" + theVersion + "' does not match the tag '" + tag
          + "': the versioning rule wants '" + bare + "'.");
    }
    if (rev != null && !isUnstable(theVersion)) {
      throw CliException.usage("with --rev, the version is <last release>-unstable-YYYY-MM-DD (the"
          + " commit's date), not '" + theVersion + "'.");
    }
    storeNameFits(pname, theVersion);
    return theVersion;
  }

  /** {@code python3.XY-<pname>-<version>} is a store name Nix accepts in length. */
  public static void storeNameFits(String pname, String version) {
    int storeName = PYTHON_PREFIX.length() + pname.length() + 1 + version.length();
    if (storeName > RecipeNames.MAX_STORE_NAME_LENGTH) {
      throw CliException.usage("pname and version make a store name " + PYTHON_PREFIX + "<pname>-<version>"
          + " of " + storeName + " characters; Nix allows " + RecipeNames.MAX_STORE_NAME_LENGTH + ".");
    }
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

  /** A {@code License} constant. */
  public static String license(String license) {
    if (!LICENSES.contains(license)) {
      throw CliException.usage(Names.unknown("license", license, LICENSES.stream().sorted().toList()));
    }
    return license;
  }

  /** {@code Platform} constants. */
  public static List<String> platforms(List<String> platforms) {
    for (String p : platforms) {
      if (!PLATFORMS.contains(p)) {
        throw CliException.usage(Names.unknown("platform", p, PLATFORMS.stream().sorted().toList()));
      }
    }
    return platforms;
  }

  /** Requirement names as requirements.txt spells them, given to {@code option}. */
  public static List<String> requirementNames(String option, List<String> names) {
    for (String name : names) {
      if (!RecipeNames.isPythonProject(name)) {
        throw CliException.usage(option + " '" + Terminal.escape(name) + "' is not a requirement name"
            + " (letters, digits and . _ -, as in requirements.txt).");
      }
    }
    return names;
  }

  /** python3.pkgs attribute names (bundled names, build backends). */
  public static List<String> nixpkgsNames(List<String> names) {
    for (String name : names) {
      if (!RecipeNames.isNixIdentifier(name)) {
        throw CliException.usage("'" + Terminal.escape(name) + "' is not a python3.pkgs attribute"
            + " name: write it as nixpkgs does (e.g. pillow-heif, opencv4).");
      }
    }
    return names;
  }

  /** One line of printable text for meta.description. */
  public static String description(String description) {
    if (description != null && !description.equals(Terminal.escape(description))) {
      throw CliException.usage("--description '" + Terminal.escape(description) + "' holds control"
          + " or invisible characters: give one line of printable text.");
    }
    return description;
  }

  /** A class name that compiles and hides nothing. */
  public static String className(String cls) {
    if (!SourceVersion.isIdentifier(cls) || SourceVersion.isKeyword(cls)
        || RESTRICTED_TYPE_IDENTIFIERS.contains(cls)) {
      throw CliException.usage("'" + Terminal.escape(cls) + "' cannot be a Java class name: give --class.");
    }
    if (isJavaLang(cls)) {
      throw CliException.usage("a class " + cls + " would hide java.lang." + cls + " from every class in"
          + " its package: give --class.");
    }
    return cls;
  }

  /** A Java package name. */
  public static String packageName(String packageName) {
    if (!SourceVersion.isName(packageName)) {
      throw CliException.usage("--package '" + Terminal.escape(packageName) + "' is not a Java"
          + " package name (identifiers joined by dots, no keyword).");
    }
    return packageName;
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

  /**
   * {@code attr} and {@code pname} are free in {@code recipes}, and {@code attr} is a name the
   * generated files can hold.
   */
  public static void freeAttr(RecipesFile recipes, String attr, String pname) {
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
    if (recipes.attrs().contains(attr)) {
      throw CliException.usage("a recipe with attr '" + attr + "' already exists.");
    }
    if (recipes.packages().stream().anyMatch(p -> p.pname().equals(pname))) {
      throw CliException.usage("a recipe with pname '" + pname + "' already exists.");
    }
  }

  /** Names to bundle are not names the generated file binds itself. */
  public static List<String> bundleNames(RecipesFile recipes, List<String> names) {
    for (String name : names) {
      if (recipes.reservedAttrs().contains(name)) {
        throw CliException.usage("--bundle '" + name + "' is a name the generated file binds itself:"
            + " depend on the recipe with @Requires instead.");
      }
    }
    return names;
  }
}
