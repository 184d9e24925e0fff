package dev.comfypkgs.processor.model;

import dev.comfypkgs.processor.nix.NixNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The names generated files take from their scope or bind themselves, beside the recipes. A
 * recipe's attr is an argument of every file that requires it and a name in the scope every file
 * is called in (nixpkgs' top level overlaid with {@code .flox/pkgs/}, by Flox and default.nix
 * alike), so an attr equal to one
 * of these names shadows it: a recipe named {@code lib} or {@code true} breaks every file that
 * requires it, and one named {@code callPackage} the scope itself. The emitters take their
 * argument names from here, and the rules the names a file binds; CPK003 refuses {@link #reserved()} as attrs, and {@code recipes.json}
 * publishes the list so that {@code comfypkgs new} refuses them before it downloads anything.
 */
public final class Scope {
  // Arguments of package and meta-package files.
  public static final String LIB = "lib";
  public static final String PYTHON3 = "python3";
  public static final String STDENV = "stdenv";
  public static final String FETCH_FROM_GITHUB = "fetchFromGitHub";
  /** nixpkgs' {@code removeReferencesTo}, which a wrapper's install runs. */
  public static final String REMOVE_REFERENCES_TO = "removeReferencesTo";

  /**
   * Names of nixpkgs' top level that the overlay would replace for every consumer ({@code system},
   * {@code pkgs}, {@code callPackage}), and the ones the first default.nix bound itself
   * ({@code nixpkgs}, {@code packages}), which stay refused so that no published name changes.
   */
  private static final List<String> TOP_LEVEL =
      List.of("system", "nixpkgs", "pkgs", "packages", "callPackage");

  /**
   * What nixpkgs' and Flox's {@code callPackage} scopes hold beside packages: the scope machinery
   * ({@code lib.makeScope} adds {@code newScope}, {@code callPackages}, {@code overrideScope} and
   * {@code packages}) and
   * the other fetcher a generated file may be given ({@code fetchPypi}, top-level in nixpkgs too).
   */
  private static final List<String> SCOPE_MACHINERY =
      List.of("newScope", "callPackages", "overrideScope", "fetchPypi");

  private static final SortedSet<String> RESERVED = new TreeSet<>();

  static {
    RESERVED.addAll(List.of(LIB, PYTHON3, STDENV, FETCH_FROM_GITHUB, REMOVE_REFERENCES_TO));
    RESERVED.addAll(TOP_LEVEL);
    RESERVED.addAll(SCOPE_MACHINERY);
    RESERVED.addAll(NixNames.GLOBAL_SCOPE);
  }

  private Scope() {}

  /**
   * A package file's formal arguments: the fixed ones it uses, then the recipes it requires, which
   * the scope passes by attr.
   */
  public static List<String> packageArguments(PackageDescriptor p, Dependencies dependencies) {
    List<String> out = new ArrayList<>(List.of(LIB, PYTHON3));
    if (p.source() instanceof Source.GitHub) {
      out.add(FETCH_FROM_GITHUB);
    }
    out.addAll(conditionArguments(dependencies));
    out.addAll(p.requires());
    return out;
  }

  /**
   * A custom node or node bundle file's formal arguments: {@code python3} when it has Python
   * dependencies (it is then built with buildPythonPackage), else {@code stdenv} for mkDerivation;
   * then the fetcher when a source comes from GitHub, and the recipes it requires.
   */
  public static List<String> customNodeArguments(PackageDescriptor p, Dependencies dependencies) {
    List<String> out = new ArrayList<>(List.of(LIB));
    boolean python = !dependencies.isEmpty();
    out.add(python ? PYTHON3 : STDENV);
    if (p.source() instanceof Source.GitHub
        || p.source() instanceof Source.Nodes nodes
            && nodes.nodes().stream().anyMatch(n -> n.source() instanceof Source.GitHub)) {
      out.add(FETCH_FROM_GITHUB);
    }
    if (python) {
      out.addAll(conditionArguments(dependencies));
    }
    out.addAll(p.requires());
    return out;
  }

  /**
   * A workflows file's formal arguments: it is built with {@code stdenv.mkDerivation} and runs its
   * converter with {@code python3}; its source is vendored and it requires nothing.
   */
  public static List<String> workflowsArguments() {
    return List.of(LIB, STDENV, PYTHON3);
  }

  /**
   * A wrapper file's formal arguments: it requires no recipe; {@code lib} names the platforms
   * when {@code @Platforms} narrows the wrapped package's.
   */
  public static List<String> wrapperArguments() {
    return List.of(LIB, STDENV, PYTHON3, REMOVE_REFERENCES_TO);
  }

  /** A meta-package file's formal arguments: the fixed ones it uses, then its member recipes. */
  public static List<String> metaArguments(MetaDescriptor m, Dependencies dependencies) {
    List<String> out = new ArrayList<>(List.of(LIB, PYTHON3));
    out.addAll(conditionArguments(dependencies));
    out.addAll(m.members());
    return out;
  }

  /** A dependency on some systems only is tested against {@code stdenv.hostPlatform}. */
  private static List<String> conditionArguments(Dependencies dependencies) {
    return dependencies.conditional().isEmpty() ? List.of() : List.of(STDENV);
  }

  /** Every name a recipe attr may not be, sorted. */
  public static SortedSet<String> reserved() {
    return Collections.unmodifiableSortedSet(RESERVED);
  }
}
