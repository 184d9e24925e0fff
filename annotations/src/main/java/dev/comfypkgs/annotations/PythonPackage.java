package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One Python package, generated as {@code .flox/pkgs/<attr>.nix} calling
 * {@code python3.pkgs.buildPythonPackage}.
 *
 * <p>Needs exactly one source annotation: {@link GitHub}, {@link PyPI} or {@link Vendored}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PythonPackage {
  /**
   * The package name ({@code pname}): letters, digits and {@code . _ + -}, starting with a letter
   * or digit, short enough that {@code python3.13-<pname>-<version>.drv} fits Nix's 211-character
   * store names. A torch-agnostic rebuild's name starts with {@code comfyui-}.
   */
  String pname();

  /**
   * The version: upstream's, or {@code <x>-unstable-YYYY-MM-DD} for a commit, or
   * {@code _flox_build}; letters, digits and {@code . _ + -}. Required, except with {@link
   * TracksComfyUI}: then it is omitted and is the {@link ComfyUIRelease}, so that pinning another
   * release edits one line.
   */
  String version() default "";

  /** One line for {@code meta.description}; any text. */
  String description();

  /** {@code meta.homepage}: the project's web page; any text. */
  String homepage();

  /** {@code meta.license}, one of nixpkgs' {@code lib.licenses}. */
  License license();

  /**
   * The Flox attribute and {@code .nix} file name ({@code flox build <attr>}, {@code result-<attr>});
   * empty means the same as {@link #pname()}. A letter or {@code _}, then letters, digits,
   * {@code _} and {@code -}; not a Nix keyword, nor a name the generated files take from their
   * scope ({@code lib}, {@code python3}, {@code stdenv}, {@code true}...: the
   * {@code reservedAttrs} of {@code recipes.json}).
   */
  String attr() default "";

  /** How the source is built: a PEP 517 project by default. */
  Format format() default Format.PYPROJECT;
}
