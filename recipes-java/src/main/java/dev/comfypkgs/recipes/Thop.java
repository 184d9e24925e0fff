package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.Platform;
import dev.comfypkgs.annotations.Platforms;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.SmokeImport;
import dev.comfypkgs.annotations.TorchAgnostic;

/**
 * Only the Impact Subpack needs it, so it is not in comfyui-extras. It does not {@code @Replaces}
 * its distribution name ultralytics-thop: comfyui-ultralytics drops that requirement on purpose,
 * and a provider there would have to follow ultralytics into comfyui-extras.
 */
@PythonPackage(
    pname = "comfyui-thop",
    version = "2.0.18",
    description = "Counts a PyTorch model's operations and parameters, on the runtime's PyTorch",
    homepage = "https://github.com/ultralytics/thop",
    license = License.AGPL3_ONLY)
@GitHub(
    owner = "ultralytics",
    repo = "thop",
    tag = "v2.0.18",
    hash = "sha256-Vi3QURIEZaOk/PJFRB+GEFmksvo2ZSkhXe+HQE6yWcU=")
@BuildSystem({"setuptools", "wheel"})
@Bundle("numpy")
@TorchAgnostic(remove = "torch")
@Platforms(Platform.LINUX)
@SmokeImport("thop")
public final class Thop {}
