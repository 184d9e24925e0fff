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

/**
 * Video nodes (WanVideoWrapper) load LoRA adapters through it. transformers comes from the runtime
 * and accelerate from comfyui-accelerate, which sits beside it in comfyui-extras.
 */
@PythonPackage(
    pname = "comfyui-peft",
    version = "0.17.1",
    description = "Hugging Face's parameter-efficient fine-tuning adapters (LoRA and kin), on the"
        + " runtime's PyTorch",
    homepage = "https://github.com/huggingface/peft",
    license = License.ASL20)
@GitHub(
    owner = "huggingface",
    repo = "peft",
    tag = "v0.17.1",
    hash = "sha256-xtpxwbKf7ZaUYblGdwtPZE09qrlBQTMm5oryUJwa6AA=")
@BuildSystem({"setuptools", "wheel"})
@Bundle({"numpy", "packaging", "psutil", "pyyaml", "tqdm", "safetensors", "huggingface-hub"})
@TorchAgnostic(remove = {"torch", "transformers", "accelerate"})
@Replaces("peft")
@Platforms(Platform.LINUX)
@SmokeImport("peft")
public final class Peft {}
