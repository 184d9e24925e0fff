package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This package is a patched copy of nixpkgs' {@code python3.pkgs.<wraps>}, fixed by a reviewed
 * script. The generated {@code .flox/pkgs/<attr>.nix} copies the wrapped package's output into
 * {@code $out}, runs {@code python3 <fix> "$out"}, then strips every reference to the original
 * ({@code remove-references-to}), so that only the patched copy reaches an environment.
 *
 * <p>Version and {@code meta} (license, homepage, platforms) are the wrapped package's at the
 * locked nixpkgs, read when the file is evaluated; only {@link #description()} is this recipe's.
 * There is no source, no wheel and no build: {@link GitHub}, {@link PyPI}, {@link Vendored},
 * {@link Bundle}, {@link Requires}, {@link TorchAgnostic}, {@link Remove} and the other
 * annotations that act on a source or a wheel are refused on it (CPK123). A closure must not
 * hold the wrapper and the plain package it wraps (CPK123): the unpatched one could win the
 * collision of their files in the environment.
 *
 * <pre>{@code
 * @Wrapper(pname = "onnxruntime-noexecstack", wraps = "onnxruntime",
 *     fix = "onnxruntime-noexecstack/clear-execstack.py",
 *     description = "ONNX Runtime with the executable-stack flag of its libraries cleared")
 * public final class OnnxruntimeNoexecstack {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Wrapper {
  /** The package name ({@code pname}), with the syntax of {@link PythonPackage#pname()}. */
  String pname();

  /** One line for {@code meta.description}, over the wrapped package's; any text. */
  String description();

  /**
   * The wrapped {@code python3.pkgs} attribute, e.g. {@code "onnxruntime"}: a Nix identifier that
   * nixpkgs knows, and not a torch-bearing package (CPK121).
   */
  String wraps();

  /**
   * The fix, a Python 3 script (standard library only) run with the copied output's path as its
   * one argument: its path relative to {@code sources/}, naming a regular file there (CPK122).
   * The script is ours and reviewed, so it is committed, unlike vendored files.
   */
  String fix();

  /** The Flox attribute and {@code .nix} file name, as {@link PythonPackage#attr()}. */
  String attr() default "";
}
