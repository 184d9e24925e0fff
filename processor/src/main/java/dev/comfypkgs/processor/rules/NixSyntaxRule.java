package dev.comfypkgs.processor.rules;

import dev.comfypkgs.common.RecipeNames;
import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.DeclaredRecipes;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.PackageFiles;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import dev.comfypkgs.processor.model.Scope;
import dev.comfypkgs.processor.nix.Nix;
import dev.comfypkgs.processor.nix.NixNames;
import dev.comfypkgs.processor.nix.NixStrings;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * CPK005: every text a recipe gives reaches the generated files as it is meant. Every string of
 * every recipe annotation (found from the annotation types, so an attribute added later is covered
 * too) holds no NUL and no unpaired surrogate, which no generated file can carry. Names have the
 * syntax of what they name: attrs and nixpkgs names are Nix identifiers (a nixpkgs name neither
 * bound by the file nor a recipe's attr, which {@code with python3.pkgs} cannot reach), pnames and
 * versions store-path safe and short enough for a store path, GitHub and PyPI coordinates what
 * their URLs take, requirement and module names Python's, vendored files path literals. A recipe
 * that breaks this is a compile error, never a file Nix cannot parse or one that says something
 * else.
 */
public final class NixSyntaxRule implements Rule {
  private static final Pattern VENDORED_PATH =
      Pattern.compile("/?(" + NixNames.PATH_SEGMENT + "/)*" + NixNames.PATH_SEGMENT);
  private static final Pattern GIT_OBJECT_ID = Pattern.compile("[0-9a-f]{40}");
  /** No {@code .} or {@code ..} parts, and no part python3 would read as an option. */
  private static final Pattern RELATIVE_SCRIPT =
      Pattern.compile("([A-Za-z0-9_][A-Za-z0-9._+\\-]*/)*[A-Za-z0-9_][A-Za-z0-9._+\\-]*");
  /** Conservative: what a directory, a FloxHub name and a shell prompt all take as it is. */
  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}");
  private static final Pattern MODULE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  /** The longest file name fetchPypi asks for after {@code <name>-<version>}. */
  private static final String LONGEST_PYPI_SUFFIX = "-py3-none-any.whl.drv";
  private static final int SHOWN_LENGTH = 60;

  /** The syntax one text attribute must have; {@code optional} ones may also be empty. */
  private record Syntax(Predicate<String> accepts, boolean optional, String is, String fix) {
    static Syntax of(Pattern pattern, String is, String fix) {
      return new Syntax(pattern.asMatchPredicate(), false, is, fix);
    }

    Syntax orEmpty() {
      return new Syntax(accepts, true, is, fix);
    }
  }

  private static final Syntax PNAME =
      new Syntax(RecipeNames::isStoreName, false, "a valid package name",
          "use letters, digits and . _ + -, starting with a letter or digit");
  private static final Syntax VERSION =
      new Syntax(RecipeNames::isStoreName, false, "a valid version",
          "use letters, digits and . _ + -, e.g. \"1.0.22\" or \"0.1.5-unstable-2025-12-22\"");
  private static final Syntax NIXPKGS_NAME =
      new Syntax(NixNames::isIdentifier, false, "a nixpkgs Python attribute name",
          "write it as in python3.pkgs (e.g. \"pillow-heif\", \"opencv4\")");
  private static final Syntax REQUIREMENT_NAME =
      new Syntax(RecipeNames::isPythonProject, false, "a requirement name",
          "use the name as the package's metadata spells it (PEP 508: letters, digits and . _ -,"
              + " starting and ending with a letter or digit)");
  private static final Syntax MODULE_NAME =
      Syntax.of(MODULE, "a Python module name",
          "use dotted identifiers of letters, digits and _, e.g. \"ultralytics\" or \"PIL.Image\"");

  private static final Syntax GITHUB_OWNER =
      new Syntax(RecipeNames::isGitHubOwner, false, "a GitHub user or organisation name",
          "use letters, digits and -, as in the repository's URL");
  private static final Syntax GITHUB_REPO =
      new Syntax(RecipeNames::isGitHubRepo, false, "a GitHub repository name",
          "use letters, digits and . _ -, as in the repository's URL");
  private static final Syntax GITHUB_TAG =
      new Syntax(NixSyntaxRule::isTagForUrl, true, "a tag that git and a download URL take",
          "use printable ASCII without space or ~ ^ : ? * [ \\ # %, no \"..\", \"@{\" or"
              + " \"//\", no part starting with \".\" or ending in \".lock\", not starting"
              + " with - or / and not ending in / or .").orEmpty();
  private static final Syntax VENDORED_FILE =
      Syntax.of(VENDORED_PATH, "a file name a Nix path literal can hold",
          "use a path relative to sources/ made of letters, digits and . _ + - (rename the"
              + " file if needed)");

  /** Attributes with a syntax of their own, by {@code Annotation.attribute}. */
  private static final Map<String, Syntax> SYNTAX =
      Map.ofEntries(
          Map.entry("PythonPackage.pname", PNAME),
          // Empty only with @TracksComfyUI, which gives the release; CPK106 says so otherwise.
          Map.entry("PythonPackage.version", VERSION.orEmpty()),
          // The version of every @TracksComfyUI package, and bump's argument.
          Map.entry("ComfyUIRelease.value", VERSION),
          Map.entry("MetaPackage.pname", PNAME),
          Map.entry("MetaPackage.version", VERSION.orEmpty()),
          Map.entry("MetaPackage.nixpkgs", NIXPKGS_NAME),
          Map.entry("Bundle.value", NIXPKGS_NAME),
          Map.entry("BuildSystem.value", NIXPKGS_NAME),
          Map.entry("GitHub.owner", GITHUB_OWNER),
          Map.entry("GitHub.repo", GITHUB_REPO),
          Map.entry("GitHub.tag", GITHUB_TAG),
          // A vendored @Node leaves the GitHub attributes empty, a GitHub one its file.
          Map.entry("Node.owner", GITHUB_OWNER.orEmpty()),
          Map.entry("Node.repo", GITHUB_REPO.orEmpty()),
          Map.entry("Node.tag", GITHUB_TAG),
          Map.entry("Node.file", VENDORED_FILE.orEmpty()),
          Map.entry("GitHub.sourceRoot",
              new Syntax(NixSyntaxRule::isRelativeDirectory, true, "a directory inside the archive",
                  "give a relative path such as \"libs/spandrel\", without . or .. parts,"
                      + " backslashes or control characters")),
          Map.entry("PyPI.name",
              new Syntax(RecipeNames::isPythonProject, false, "a PyPI project name",
                  "use the name as on pypi.org (letters, digits and . _ -, starting and ending with"
                      + " a letter or digit)")),
          Map.entry("PyPI.version", VERSION.orEmpty()),
          Map.entry("Vendored.file", VENDORED_FILE.orEmpty()),
          Map.entry("Vendored.directory",
              Syntax.of(VENDORED_PATH, "a directory name a Nix path literal can hold",
                  "use a path relative to sources/ made of letters, digits and . _ + - (rename the"
                      + " directory if needed)").orEmpty()),
          Map.entry("Vendored.gitTree",
              Syntax.of(GIT_OBJECT_ID, "a git tree id",
                  "give the 40 lower-case hex digits `git rev-parse HEAD:sources/<directory>`"
                      + " prints").orEmpty()),
          Map.entry("Workflows.pname", PNAME),
          Map.entry("Workflows.version", VERSION.orEmpty()),
          Map.entry("Workflows.converter",
              Syntax.of(RELATIVE_SCRIPT, "a script path inside the vendored directory",
                  "give its path relative to the directory, each part a letter, digit or _ then"
                      + " letters, digits and . _ + -, e.g. \"convert_to_webui.py\"")),
          Map.entry("Wrapper.pname", PNAME),
          Map.entry("Wrapper.fix", VENDORED_FILE),
          Map.entry("Relax.value", REQUIREMENT_NAME),
          Map.entry("Remove.value", REQUIREMENT_NAME),
          Map.entry("Replaces.value", REQUIREMENT_NAME),
          Map.entry("TorchAgnostic.remove", REQUIREMENT_NAME),
          Map.entry("Runtime.provides", REQUIREMENT_NAME),
          Map.entry("TorchBearing.value", REQUIREMENT_NAME),
          Map.entry("ImportsCheck.value", MODULE_NAME),
          Map.entry("SmokeImport.value", MODULE_NAME),
          Map.entry("FloxEnvironment.name",
              Syntax.of(ENVIRONMENT_NAME, "a Flox environment name",
                  "use at most 64 letters, digits and . _ -, starting with a letter or digit")),
          Map.entry("FloxEnvironment.python",
              new Syntax(NixSyntaxRule::isAttributePath, false, "a nixpkgs attribute path",
                  "name the interpreter as nixpkgs does, e.g. \"python313\"")));

  @Override
  public String id() {
    return "CPK005";
  }

  @Override
  public String summary() {
    return "Every text can be written into the generated files as meant: no NUL or unpaired"
        + " surrogate anywhere; attrs and nixpkgs names are Nix identifiers, and a nixpkgs name is"
        + " neither a name the file binds nor a recipe's attr; pname and version are"
        + " store-path safe and fit a store name; GitHub, PyPI, requirement, module, vendored file"
        + " and Flox environment names have their own syntax.";
  }

  @Override
  public void check(DeclaredRecipes recipes, ValidationReport report) {
    for (RecipeDeclaration d : recipes.all()) {
      for (String annotation : d.annotations()) {
        for (AnnotationUse m : d.uses(annotation)) {
          for (String attribute : d.textAttributes(m)) {
            checkTexts(report, d, m, annotation, attribute);
          }
        }
      }
    }
    Map<String, String> recipeAttrs = recipeClassesByAttr(recipes);
    for (RecipeDeclaration d : recipes.packages()) {
      PackageDescriptor p = recipes.packageOf(d);
      checkHead(report, d, d.packageHead(), p.version());
      List<String> siblings = p.requires();
      notShadowed(report, d, "Bundle", "value", siblings, recipeAttrs, "@Requires");
      notShadowed(report, d, "BuildSystem", "value", siblings, recipeAttrs, "@Requires");
      for (AnnotationUse m : d.uses("PyPI")) {
        String name = d.string(m, "name");
        String version = d.string(m, "version").isEmpty() ? p.version() : d.string(m, "version");
        int length = (name + "-" + version + LONGEST_PYPI_SUFFIX).length();
        if (fits(name) && fits(version) && length > RecipeNames.MAX_STORE_NAME_LENGTH) {
          report.error(this, d.anchor(m, "name"),
              "the PyPI file '" + shown(name + "-" + version) + "...' makes a store name of "
                  + length + " characters; Nix allows " + RecipeNames.MAX_STORE_NAME_LENGTH
                  + ": no real release is named that long, check the name and version.");
        }
      }
      for (AnnotationUse m : d.uses("Substitute")) {
        for (String attribute : List.of("file", "replace", "with")) {
          if (d.string(m, attribute).indexOf('\r') >= 0) {
            report.error(this, d.anchor(m, attribute),
                "@Substitute " + attribute + " holds a carriage return, which postPatch cannot"
                    + " carry (Nix reads it as a line break): remove it.");
          }
        }
        if (d.string(m, "file").isEmpty() || d.string(m, "replace").isEmpty()) {
          report.error(this, d.anchor(m, d.string(m, "file").isEmpty() ? "file" : "replace"),
              "@Substitute needs a file and a non-empty text to replace.");
        }
      }
    }
    for (RecipeDeclaration d : recipes.metas()) {
      checkHead(report, d, "MetaPackage", recipes.metaOf(d).version());
      List<String> members = recipes.metaOf(d).members();
      notShadowed(report, d, "MetaPackage", "nixpkgs", members, recipeAttrs, "members");
      notShadowed(report, d, "Bundle", "value", members, recipeAttrs, "members");
    }
  }

  /** Representable first; then, when the attribute has one, its syntax. */
  private void checkTexts(
      ValidationReport report, RecipeDeclaration d, AnnotationUse m, String annotation,
      String attribute) {
    Syntax syntax = SYNTAX.get(annotation + "." + attribute);
    List<String> values = d.strings(m, attribute);
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String label = label(annotation, attribute);
      int surrogate = NixStrings.unpairedSurrogateAt(value);
      if (value.indexOf('\0') >= 0) {
        report.error(this, d.anchor(m, attribute, i),
            label + " holds a NUL character, which no generated file can hold (Nix strings cannot,"
                + " and Nix stops reading a file at it): remove it.");
      } else if (surrogate >= 0) {
        report.error(this, d.anchor(m, attribute, i),
            label + " holds an unpaired surrogate ("
                + NixStrings.visible(value.substring(surrogate, surrogate + 1))
                + "), which UTF-8 cannot encode: write the character it was meant to be, or"
                + " remove it.");
      } else if (syntax != null
          && !(syntax.optional() && value.isEmpty())
          && !syntax.accepts().test(value)) {
        report.error(this, d.anchor(m, attribute, i),
            label + " '" + shown(value) + "' is not " + syntax.is() + ": " + syntax.fix() + ".");
      }
    }
  }

  /**
   * The attr (or the pname standing in for it) and the store name of the derivation, made with
   * the version the model resolved ({@code @TracksComfyUI}: the release). A wrapper has no version
   * of its own: its store name is checked when nixpkgs gives it one.
   */
  private void checkHead(ValidationReport report, RecipeDeclaration d, String annotation, String version) {
    AnnotationUse m = d.uses(annotation).get(0);
    String pname = d.string(m, "pname");
    boolean explicit = d.explicit(m, "attr");
    String attr = explicit ? d.string(m, "attr") : pname;
    if (fits(attr)
        && !(NixNames.isIdentifier(attr)
            && Nix.PathLit.isValid("./" + PackageFiles.of(attr)))) {
      report.error(this, d.anchor(m, explicit ? "attr" : "pname"),
          "'" + shown(attr) + "' cannot be a Flox attribute: it must be a Nix identifier that is"
              + " also a file name (a letter or _, then letters, digits, _ and -) and not a"
              + " keyword; set attr = \"...\" to one.");
    }
    if (RecipeNames.isStoreName(pname) && RecipeNames.isStoreName(version)) {
      String name = NixNames.derivationStoreName(pname, version);
      if (name.length() > RecipeNames.MAX_STORE_NAME_LENGTH) {
        report.error(this, d.anchor(m, "pname"),
            "pname and version make the derivation's store name " + name.length()
                + " characters long ('" + shown(name) + "'); Nix allows "
                + RecipeNames.MAX_STORE_NAME_LENGTH + ": shorten the pname.");
      }
    }
  }

  /**
   * Names under {@code with python3.pkgs} must not be bound in the file itself: {@code with} never
   * overrides an argument or a Nix builtin, so {@code lib} or a required recipe's attr would be
   * taken instead of the nixpkgs package. Nor may they be the attr of a recipe the file is not
   * given: a recipe is an argument only where it is required (a member, for a meta-package), so
   * elsewhere {@code with python3.pkgs} would look it up in nixpkgs, which holds another package
   * of that name or none (the file then fails to evaluate where the name is used).
   *
   * @param siblings the recipes the file takes as arguments
   * @param recipeAttrs the class of every recipe of the set, by attr
   * @param requireWith where the recipe is named to become an argument, for the message
   */
  private void notShadowed(
      ValidationReport report, RecipeDeclaration d, String annotation, String attribute,
      Collection<String> siblings, Map<String, String> recipeAttrs, String requireWith) {
    for (AnnotationUse m : d.uses(annotation)) {
      List<String> names = d.strings(m, attribute);
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (Scope.reserved().contains(name)) {
          report.error(this, d.anchor(m, attribute, i),
              "'" + name + "' is also a name the generated file takes from its scope (an argument,"
                  + " nixpkgs' or Nix's), which `with python3.pkgs` cannot override: no nixpkgs"
                  + " package can be reached by this name here.");
        } else if (siblings.contains(name)) {
          report.error(this, d.anchor(m, attribute, i),
              "'" + name + "' is also the attr of a recipe this file is given as an argument,"
                  + " which `with python3.pkgs` cannot override: the recipe would be taken for the"
                  + " nixpkgs package. Keep one of the two (or give the recipe another attr).");
        } else if (recipeAttrs.containsKey(name)) {
          report.error(this, d.anchor(m, attribute, i),
              "'" + name + "' is the attr of the recipe " + recipeAttrs.get(name) + ", not a"
                  + " nixpkgs package: this file is not given the recipe, so `with python3.pkgs`"
                  + " would look the name up in nixpkgs (another package, or an undefined variable"
                  + " where it has none). Name "
                  + recipeAttrs.get(name) + " in " + requireWith + " instead.");
        }
      }
    }
  }

  /** Every package's and meta-package's class, by attr. */
  private static Map<String, String> recipeClassesByAttr(DeclaredRecipes recipes) {
    Map<String, String> out = new HashMap<>();
    recipes.set().packages().forEach(p -> out.putIfAbsent(p.attr(), p.recipeClass()));
    recipes.set().metas().forEach(m -> out.putIfAbsent(m.attr(), m.recipeClass()));
    return out;
  }

  /** True when a text passed the representability check, so its syntax can be judged. */
  private static boolean fits(String text) {
    return NixStrings.isRepresentable(text);
  }

  private static String label(String annotation, String attribute) {
    if (annotation.equals("PythonPackage") || annotation.equals("MetaPackage")
        || annotation.equals("CustomNode") || annotation.equals("NodeBundle")
        || annotation.equals("Workflows") || annotation.equals("Wrapper")) {
      return attribute;
    }
    return "@" + annotation + (attribute.equals("value") ? "" : " " + attribute);
  }

  /** A value as a message quotes it: whole when short, else its beginning. */
  private static String shown(String value) {
    if (value.codePointCount(0, value.length()) <= SHOWN_LENGTH) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, SHOWN_LENGTH - 3)) + "...";
  }

  /**
   * What {@code git check-ref-format} accepts as a tag, narrowed to what a download URL carries
   * unescaped ({@code #} and {@code %} would change the URL's meaning).
   */
  private static boolean isTagForUrl(String tag) {
    if (tag.isEmpty()
        || tag.startsWith("-")
        || tag.startsWith("/")
        || tag.endsWith("/")
        || tag.endsWith(".")
        || tag.contains("..")
        || tag.contains("@{")
        || tag.contains("//")
        || tag.equals("@")) {
      return false;
    }
    for (String part : tag.split("/")) {
      if (part.startsWith(".") || part.endsWith(".lock")) {
        return false;
      }
    }
    return tag.chars().allMatch(c -> c > ' ' && c < 0x7f && "~^:?*[\\#%".indexOf(c) < 0);
  }

  private static boolean isRelativeDirectory(String path) {
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return path.codePoints().noneMatch(c -> c == '\\' || Character.isISOControl(c));
  }

  private static boolean isAttributePath(String path) {
    for (String part : path.split("\\.", -1)) {
      if (!NixNames.isIdentifier(part)) {
        return false;
      }
    }
    return true;
  }
}
