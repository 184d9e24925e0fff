package dev.comfypkgs.processor.nix;

import dev.comfypkgs.common.RecipeNames;
import java.util.Set;

/** Which names Nix accepts unquoted, as variables and as attribute names. */
public final class NixNames {

  /**
   * One segment of a path literal Nix reads without quoting. The printer's {@code PathLit} and
   * CPK005's check of {@code @Vendored(file)}, which becomes the tail of such a literal, both build
   * on it, so a file name CPK005 lets through is always one the printer can write.
   */
  public static final String PATH_SEGMENT = "[A-Za-z0-9._+\\-]+";

  /**
   * The names Nix binds in every file's scope: Nix 2.8's global builtins (each found by evaluating
   * it bare), and {@code break}, which later versions add. {@code with} never overrides them, and
   * a function argument of the same name hides them. Names starting with {@code __} are left out:
   * no generated file refers to one.
   */
  public static final Set<String> GLOBAL_SCOPE =
      Set.of(
          "abort", "baseNameOf", "break", "builtins", "derivation", "derivationStrict", "dirOf",
          "false", "fetchGit", "fetchMercurial", "fetchTarball", "fetchTree", "fromTOML", "import",
          "isNull", "map", "null", "placeholder", "removeAttrs", "scopedImport", "throw",
          "toString", "true");

  private NixNames() {}

  /**
   * The store name of the derivation nixpkgs' {@code buildPythonPackage} makes of a package or
   * meta-package file: the interpreter's prefix ({@code python3.13-}; no Python 3 in nixpkgs has a
   * longer one), pname, version, and the {@code .drv} of the derivation file, which Nix's store
   * name limit applies to.
   */
  public static String derivationStoreName(String pname, String version) {
    return "python3.13-" + pname + "-" + version + ".drv";
  }

  /** True when {@code name} can stand as a variable: an identifier that is not a keyword. */
  public static boolean isIdentifier(String name) {
    return RecipeNames.isNixIdentifier(name);
  }

  static void requireIdentifier(String name) {
    if (!isIdentifier(name)) {
      throw new IllegalArgumentException("not a Nix identifier: '" + name + "'");
    }
  }

  static void requireAttributeName(String name) {
    // Attribute names in bindings may be keywords-free identifiers only: the generated files never
    // need quoted attribute names, and refusing them keeps the printer trivial.
    requireIdentifier(name);
  }
}
