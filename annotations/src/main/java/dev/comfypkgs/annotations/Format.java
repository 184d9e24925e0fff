package dev.comfypkgs.annotations;

/** How {@code buildPythonPackage} builds the source. */
public enum Format {
  /** A PEP 517 project ({@code pyproject = true}) whose backend is listed in {@link BuildSystem}. */
  PYPROJECT,
  /** A legacy {@code setup.py} project ({@code format = "setuptools"}). */
  SETUPTOOLS,
  /** A prebuilt wheel, installed as it is ({@code format = "wheel"}). */
  WHEEL,
  /** No Python build at all: the recipe's own phases do the work ({@code format = "other"}). */
  OTHER
}
