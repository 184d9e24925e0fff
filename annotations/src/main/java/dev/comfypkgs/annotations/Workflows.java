package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * ComfyUI example workflows, generated as {@code .flox/pkgs/<attr>.nix}: a vendored directory of
 * API-format workflow JSON ({@link Vendored#directory()}) holding a converter script, which the
 * build runs with nixpkgs' {@code python3} as {@code python3 <converter> . webui-output}. The
 * converted Web-UI workflows are installed to {@code share/comfyui/workflows}, every other
 * top-level directory and top-level {@code *.json} to {@code share/comfyui/workflows-api}. Built
 * with {@code stdenv.mkDerivation}; {@code python3} is a build tool only, not a dependency.
 *
 * <p>There is no wheel and nothing to propagate: the annotations that act on a wheel, add
 * dependencies or patch the source ({@link TorchAgnostic}, {@link Remove}, {@link Relax}, {@link
 * Replaces}, {@link BuildSystem}, {@link ImportsCheck}, {@link SkipRuntimeDepsCheck}, {@link
 * Bundle}, {@link Requires}, {@link SmokeImport}, {@link Substitute}) and any source but {@link
 * Vendored#directory()} are refused on it (CPK124, CPK125).
 *
 * <pre>{@code
 * @Workflows(pname = "comfyui-workflows", version = "1.0.1",
 *     description = "Example ComfyUI workflows in Web-UI and API format", license = License.MIT)
 * @Vendored(directory = "workflows", gitTree = "8c5130291b9593cbb9890c3af61f868054ba548e")
 * public final class ComfyUIWorkflows {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Workflows {
  /** The package name ({@code pname}), with the syntax of {@link PythonPackage#pname()}. */
  String pname();

  /**
   * The workflows' own version, any version of the syntax of {@link PythonPackage#version()}.
   * Omitted with {@link TracksComfyUI}: the version is then the {@link ComfyUIRelease}.
   */
  String version() default "";

  /** One line for {@code meta.description}; any text. */
  String description();

  /** {@code meta.homepage}; empty (the default) writes none. */
  String homepage() default "";

  /** {@code meta.license}, one of nixpkgs' {@code lib.licenses}. */
  License license();

  /** The Flox attribute and {@code .nix} file name, as {@link PythonPackage#attr()}. */
  String attr() default "";

  /**
   * The converter script, relative to the vendored directory: a path of letters, digits and
   * {@code . _ + -} between slashes, which must be a regular file in the directory (CPK124).
   */
  String converter() default "convert_to_webui.py";
}
