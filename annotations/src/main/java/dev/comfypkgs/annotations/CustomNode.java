package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A ComfyUI custom node, generated as {@code .flox/pkgs/<attr>.nix}: its {@link GitHub} source
 * installed whole as {@code $out/share/comfyui/custom_nodes/<directory>}, made user-writable, with
 * {@code .git} and {@code .github} removed. ComfyUI loads it from there, not from site-packages.
 *
 * <p>Python dependencies ({@link Bundle}, {@link Requires}) are propagated like a package's and
 * checked by the same rules (no torch, platforms of what it requires). With dependencies the file
 * calls {@code python3.pkgs.buildPythonPackage} with {@code pyproject = false}; without, {@code
 * stdenv.mkDerivation}. {@link Substitute} edits the source in {@code postPatch}, and {@link
 * Platforms}, {@link TracksComfyUI} and {@link FloxBuild} mean what they mean for a {@link
 * PythonPackage}. A custom node has no wheel, so the annotations that edit a wheel's METADATA or
 * test its import ({@link TorchAgnostic}, {@link Remove}, {@link Relax}, {@link Replaces}, {@link
 * BuildSystem}, {@link ImportsCheck}, {@link SkipRuntimeDepsCheck}) are refused on it (CPK117).
 *
 * <pre>{@code
 * @CustomNode(pname = "comfyui-controlnet-aux", version = "1.1.3-unstable-2025-12-10",
 *     description = "ControlNet preprocessor nodes for ComfyUI",
 *     homepage = "https://github.com/Fannovel16/comfyui_controlnet_aux", license = License.ASL20)
 * @GitHub(owner = "Fannovel16", repo = "comfyui_controlnet_aux",
 *     rev = "136f125c89aed92ced1b6fbb491e13719b72fcc0",
 *     hash = "sha256-DlspkqzN7Ls8kXWQMtVQygzsgu/z6FtjMqDthuza/Kc=")
 * @Bundle({"einops", "scipy"})
 * @Requires(Timm.class)
 * @Platforms(Platform.LINUX)
 * public final class ControlnetAux {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface CustomNode {
  /** The package name ({@code pname}), with the syntax of {@link PythonPackage#pname()}. */
  String pname();

  /**
   * The version, by the policy of {@link PythonPackage#version()}: the tag's, {@code
   * <x>-unstable-YYYY-MM-DD} for a commit, or {@code _flox_build}. Omitted with {@link
   * TracksComfyUI}: the version is then the {@link ComfyUIRelease}.
   */
  String version() default "";

  /** One line for {@code meta.description}; any text. */
  String description();

  /** {@code meta.homepage}: the project's web page; any text. */
  String homepage();

  /** {@code meta.license}, one of nixpkgs' {@code lib.licenses}. */
  License license();

  /** The Flox attribute and {@code .nix} file name, as {@link PythonPackage#attr()}. */
  String attr() default "";

  /**
   * The directory under {@code share/comfyui/custom_nodes/}, which ComfyUI imports as a module of
   * that name; empty means the GitHub repository's name. One path segment: a letter or digit, then
   * letters, digits, {@code _} and {@code -}, at most 100 (CPK115); no other custom node of the
   * recipe set may claim it, whatever its case (CPK116).
   */
  String directory() default "";
}
