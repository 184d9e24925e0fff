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
    pname = "comfyui-accelerate",
    version = "1.0.0",
    description = "Hugging Face helpers for running models across devices, on the runtime's PyTorch",
    homepage = "https://github.com/huggingface/accelerate",
    license = License.ASL20)
@GitHub(
    owner = "huggingface",
    repo = "accelerate",
    tag = "v1.0.0",
    hash = "sha256-XVJqyhDSUPQDHdaB6GDxHhuC6EWCSZNArjzyLpvhQHI=")
@BuildSystem({"setuptools", "wheel"})
@Bundle({"numpy", "packaging", "psutil", "pyyaml", "huggingface-hub", "safetensors"})
@TorchAgnostic(remove = "torch")
@Replaces("accelerate")
@Platforms(Platform.LINUX)
@SmokeImport("accelerate")
public final class Accelerate {}
