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

/** Built on its own: not a member of comfyui-extras. */
@PythonPackage(
    pname = "comfyui-spandrel",
    attr = "spandrel",
    version = "0.4.0",
    description = "Loads super-resolution and restoration model architectures, on the runtime's PyTorch",
    homepage = "https://github.com/chaiNNer-org/spandrel",
    license = License.MIT)
@GitHub(
    owner = "chaiNNer-org",
    repo = "spandrel",
    tag = "v0.4.0",
    hash = "sha256-BiC4gmRsNkRAUonKHV7U/hvOP00pIPtm40ydmSlNDCI=",
    sourceRoot = "libs/spandrel")
@BuildSystem({"setuptools", "wheel"})
@Bundle({"safetensors", "numpy", "einops", "typing-extensions"})
@TorchAgnostic(remove = {"torch", "torchvision"})
@Replaces("spandrel")
@Platforms(Platform.LINUX)
@SmokeImport("spandrel")
public final class Spandrel {}
