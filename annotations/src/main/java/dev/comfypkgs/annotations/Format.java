package dev.comfypkgs.annotations;

/** How {@code buildPythonPackage} builds the source. */
public enum Format {
  /** A PEP 517 project ({@code pyproject = true}) whose backend is listed in {@link BuildSystem}. */
  PYPROJECT,
  /**
   * A legacy {@code setup.py} project. Generated as nixpkgs spells such packages since its
   * migration away from {@code format = "setuptools"} (NixOS/nixpkgs#253154): {@code pyproject =
   * true} with {@code setuptools} in {@code build-system} (added when {@link BuildSystem} lacks it,
   * the recipe's other entries kept), which pip builds through setuptools' PEP 517 backend. Not
   * {@code pyproject = false}: that means "other", which runs no build or install and would leave
   * the package empty.
   */
  SETUPTOOLS,
  /** A prebuilt wheel, installed as it is ({@code format = "wheel"}, which nixpkgs still uses). */
  WHEEL,
  /**
   * No Python build at all: the recipe's own phases do the work ({@code pyproject = false}, which
   * nixpkgs maps to its legacy format "other").
   */
  OTHER
}
