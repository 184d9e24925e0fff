package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.Platform;
import dev.comfypkgs.annotations.Platforms;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.Replaces;
import dev.comfypkgs.annotations.Remove;
import dev.comfypkgs.annotations.SkipRuntimeDepsCheck;
import dev.comfypkgs.annotations.SmokeImport;
import dev.comfypkgs.annotations.Substitute;
import dev.comfypkgs.annotations.TorchAgnostic;

/** Not on aarch64-linux: kornia-rs, which the runtime's kornia needs, does not build there. */
@PythonPackage(
    pname = "comfyui-transparent-background",
    version = "1.3.4",
    description = "Removes image backgrounds with the InSPyReNet model, on the runtime's PyTorch",
    homepage = "https://github.com/plemeri/transparent-background",
    license = License.MIT)
@GitHub(
    owner = "plemeri",
    repo = "transparent-background",
    tag = "1.3.4",
    hash = "sha256-jQMz5KMGyE69uAyMKhn27qM5BYtBmi5VgxlHAw39FM8=")
@BuildSystem({"setuptools", "wheel"})
@Bundle({"opencv-python", "tqdm", "gdown", "wget", "easydict", "pyyaml", "pymatting"})
@Bundle(value = "albumentations", unless = Platform.DARWIN)
@TorchAgnostic(remove = {"torch", "torchvision", "timm", "kornia"})
@Replaces("transparent-background")
@Remove(value = "albucore", reason = "Comes with albumentations where that is bundled.")
@SkipRuntimeDepsCheck(
    reason = "Upstream requires albumentations, which is not bundled on darwin: the check would"
        + " fail there.")
@Substitute(
    file = "setup.py",
    replace =
        "os.makedirs(os.path.join(os.path.abspath(os.path.expanduser('~')),"
            + " '.transparent-background'), exist_ok=True)",
    with = "pass")
@Platforms({Platform.X86_64_LINUX, Platform.DARWIN})
@SmokeImport("transparent_background")
public final class TransparentBackground {}
