/**
 * The recipe vocabulary of comfypkgs.
 *
 * <p>A recipe is a Java class carrying {@link dev.comfypkgs.annotations.PythonPackage} (one Python
 * package built with nixpkgs' {@code buildPythonPackage}) or {@link
 * dev.comfypkgs.annotations.MetaPackage} (an aggregate) or {@link
 * dev.comfypkgs.annotations.CustomNode} (a ComfyUI custom node installed into {@code
 * share/comfyui/custom_nodes}) or {@link dev.comfypkgs.annotations.Workflows} (a vendored
 * directory of workflows converted at build time). The class body stays empty: everything the
 * generated Nix says comes from these annotations, and the annotation processor checks them at
 * {@code mvn compile}.
 *
 * <pre>{@code
 * @PythonPackage(
 *     pname = "comfyui-timm",
 *     attr = "timm",
 *     version = "1.0.22",
 *     description = "PyTorch image models, rebuilt without torch",
 *     homepage = "https://huggingface.co/docs/timm/index",
 *     license = License.ASL20)
 * @GitHub(owner = "huggingface", repo = "pytorch-image-models", tag = "v1.0.22",
 *     hash = "sha256-ilOnC1tqSb4TuSGRafMNl8hi9P2qdsBWbv3G9azy6Gs=")
 * @BuildSystem("pdm-backend")
 * @Bundle({"huggingface-hub", "pyyaml", "safetensors"})
 * @TorchAgnostic(remove = {"torch", "torchvision"})
 * @Replaces("timm")
 * @Platforms(Platform.LINUX)
 * public final class Timm {}
 * }</pre>
 *
 * <p>Every text may hold any character but NUL and unpaired surrogates, which no generated file
 * can carry; names have the syntax their attribute's documentation gives (CPK005). Free texts such
 * as a {@link dev.comfypkgs.annotations.Remove#reason()} may span lines: the generated comment
 * keeps every line, and shows control characters as {@code <U+XXXX>}.
 */
package dev.comfypkgs.annotations;
