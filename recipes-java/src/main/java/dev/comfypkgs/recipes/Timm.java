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
    pname = "comfyui-timm",
    attr = "timm",
    version = "1.0.22",
    description = "PyTorch Image Models (backbones and pretrained weights), without its own torch",
    homepage = "https://huggingface.co/docs/timm/index",
    license = License.ASL20)
@GitHub(
    owner = "huggingface",
    repo = "pytorch-image-models",
    tag = "v1.0.22",
    hash = "sha256-ilOnC1tqSb4TuSGRafMNl8hi9P2qdsBWbv3G9azy6Gs=")
@BuildSystem("pdm-backend")
@Bundle({"huggingface-hub", "pyyaml", "safetensors"})
@TorchAgnostic(remove = {"torch", "torchvision"})
@Replaces("timm")
@Platforms(Platform.LINUX)
@SmokeImport("timm")
public final class Timm {}
