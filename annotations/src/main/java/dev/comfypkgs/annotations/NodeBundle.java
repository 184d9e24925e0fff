package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Many ComfyUI custom nodes in one package, generated as {@code .flox/pkgs/<attr>.nix}. The
 * package has no source of its own (no {@link GitHub}, {@link PyPI} or {@link Vendored}, CPK001):
 * each {@link Node}, at least one (CPK119), names a pinned source and the directory it is
 * installed as, {@code $out/share/comfyui/custom_nodes/<directory>}, made user-writable, with
 * {@code .git} and {@code .github} removed. Nodes are installed in sorted order of directory, then
 * the edits run: every {@link Substitute} of a bundle names the node it edits in {@link
 * Substitute#node()} (CPK120), and edits run in declaration order.
 *
 * <p>Python dependencies ({@link Bundle}, {@link Requires}), {@link Platforms}, {@link
 * TracksComfyUI} and {@link FloxBuild} mean what they mean for a {@link CustomNode}, and so does
 * the builder: {@code python3.pkgs.buildPythonPackage} with {@code pyproject = false} with
 * dependencies, {@code stdenv.mkDerivation} without. The annotations that act on a wheel are
 * refused (CPK117). A bundle's version follows no single source; it is normally the ComfyUI
 * release, with {@link TracksComfyUI}.
 *
 * <pre>{@code
 * @NodeBundle(pname = "comfyui-videogen",
 *     description = "Video generation nodes for ComfyUI",
 *     homepage = "https://github.com/comfyanonymous/ComfyUI", license = License.GPL3_ONLY)
 * @TracksComfyUI
 * @Node(directory = "ComfyUI-LTXVideo", owner = "Lightricks", repo = "ComfyUI-LTXVideo",
 *     rev = "d153ca3f7839759baa7c58c331277451ba760bbb",
 *     hash = "sha256-LQhw/YNViZcUiX8S4OeBUdiW0SE4ppV6m7gnJkoxf0I=")
 * @Node(directory = "ComfyUI-SafeCLIP-SDXL", file = "ComfyUI-SafeCLIP-SDXL")
 * @Substitute(node = "ComfyUI-LTXVideo", file = "nodes.py", replace = "a", with = "b")
 * public final class Videogen {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface NodeBundle {
  /** The package name ({@code pname}), with the syntax of {@link PythonPackage#pname()}. */
  String pname();

  /**
   * The version: any version, since no single node's tag or commit is the bundle's. Omitted with
   * {@link TracksComfyUI}: the version is then the {@link ComfyUIRelease}.
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
}
