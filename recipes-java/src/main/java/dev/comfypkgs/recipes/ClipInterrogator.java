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

/** open_clip_torch and accelerate come from their rebuilds in comfyui-extras. */
@PythonPackage(
    pname = "comfyui-clip-interrogator",
    version = "0.6.0",
    description = "Turns an image into a text prompt with CLIP and BLIP, on the runtime's PyTorch",
    homepage = "https://github.com/pharmapsychotic/clip-interrogator",
    license = License.MIT)
@GitHub(
    owner = "pharmapsychotic",
    repo = "clip-interrogator",
    tag = "v0.6.0",
    hash = "sha256-cccVl689afyBf5EDrlGQAfjUJbxE3CoOqoWrHtPRhPM=")
@BuildSystem({"setuptools", "wheel"})
@Bundle({"pillow", "requests", "safetensors", "tqdm"})
@TorchAgnostic(
    remove = {"torch", "torchvision", "open_clip_torch", "accelerate", "transformers"})
@Replaces("clip-interrogator")
@Platforms(Platform.LINUX)
@SmokeImport("clip_interrogator")
public final class ClipInterrogator {}
