package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.Platform;
import dev.comfypkgs.annotations.Platforms;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.Replaces;
import dev.comfypkgs.annotations.Relax;
import dev.comfypkgs.annotations.Remove;
import dev.comfypkgs.annotations.SmokeImport;
import dev.comfypkgs.annotations.TorchAgnostic;

@PythonPackage(
    pname = "comfyui-ultralytics",
    version = "8.3.68",
    description = "YOLO object detection and segmentation, built to use the runtime's PyTorch",
    homepage = "https://github.com/ultralytics/ultralytics",
    license = License.AGPL3_ONLY)
@GitHub(
    owner = "ultralytics",
    repo = "ultralytics",
    tag = "v8.3.68",
    hash = "sha256-9JIAudZk9kSos4mikleOmSZt5CdtTCFK2pvJD6B3BmE=")
@BuildSystem({"setuptools", "wheel"})
@Bundle({
  "numpy", "matplotlib", "opencv-python", "pillow", "pyyaml", "requests", "scipy", "psutil",
  "seaborn", "tqdm", "py-cpuinfo", "pandas"
})
@TorchAgnostic(remove = {"torch", "torchvision"})
@Replaces("ultralytics")
@Remove(
    value = "ultralytics-thop",
    reason = "Pulls in torch; only model profiling uses it.")
@Relax("numpy")
@Platforms(Platform.LINUX)
@SmokeImport("ultralytics")
public final class Ultralytics {}
