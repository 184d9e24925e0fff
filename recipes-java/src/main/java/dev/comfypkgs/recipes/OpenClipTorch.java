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

@PythonPackage(
    pname = "comfyui-open-clip-torch",
    attr = "open-clip-torch",
    version = "3.2.0",
    description = "Open-source CLIP models and training code, using the runtime's PyTorch",
    homepage = "https://github.com/mlfoundations/open_clip",
    license = License.ASL20)
@GitHub(
    owner = "mlfoundations",
    repo = "open_clip",
    tag = "v3.2.0",
    hash = "sha256-k4/u0XtfBmPSVKfEK3wHqJXtKAuUNkUnk1TLG2S6PPs=")
@BuildSystem("pdm-backend")
@Bundle({
  "ftfy", "huggingface-hub", "protobuf", "regex", "safetensors", "sentencepiece", "tqdm"
})
@TorchAgnostic(remove = {"torch", "torchvision", "timm"})
@Replaces("open_clip_torch")
@Platforms(Platform.LINUX)
@SmokeImport("open_clip")
public final class OpenClipTorch {}
