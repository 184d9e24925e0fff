package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.Platform;
import dev.comfypkgs.annotations.Platforms;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.Replaces;
import dev.comfypkgs.annotations.SmokeImport;
import dev.comfypkgs.annotations.TorchAgnostic;

/** Upstream has no release tags, hence a pinned commit. Not on aarch64-linux (kornia-rs). */
@PythonPackage(
    pname = "comfyui-pixeloe",
    version = "0.1.5-unstable-2025-12-22",
    description = "Detail-oriented pixel-art downscaling, on the runtime's PyTorch",
    homepage = "https://github.com/KohakuBlueleaf/PixelOE",
    license = License.ASL20)
@GitHub(
    owner = "KohakuBlueleaf",
    repo = "PixelOE",
    rev = "802abe4e8fd887980d01082c98c64c91d0b6d754",
    hash = "sha256-OrivM2TF0HXJ4cDWkKsUxmzSMHxNCMocDdC3xIV/AnE=")
@BuildSystem({"setuptools", "wheel"})
@Bundle({"opencv-python", "numpy", "pillow", "scipy"})
@TorchAgnostic(remove = {"torch", "torchvision", "kornia"})
@Replaces("pixeloe")
@Platforms({Platform.X86_64_LINUX, Platform.DARWIN})
@SmokeImport("pixeloe")
public final class PixelOE {}
