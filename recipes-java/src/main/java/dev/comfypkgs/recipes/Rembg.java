package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.Requires;
import dev.comfypkgs.annotations.SmokeImport;

/**
 * rembg runs its models on onnxruntime, which it takes from {@link OnnxruntimeNoexecstack}: bundling
 * nixpkgs' plain onnxruntime beside it would put both copies in comfyui-extras (CPK123).
 */
@PythonPackage(
    pname = "rembg",
    version = "2.0.68",
    description = "Removes image backgrounds with ONNX models",
    homepage = "https://github.com/danielgatis/rembg",
    license = License.MIT)
@GitHub(
    owner = "danielgatis",
    repo = "rembg",
    tag = "v2.0.68",
    hash = "sha256-uaZgikCpyO1noGg5P5tsdk24pzQofE5l4n7B9QcGHm4=")
@BuildSystem({"setuptools", "wheel"})
@Bundle({
  "jsonschema", "numpy", "opencv-python-headless", "pillow", "pooch", "pymatting", "scikit-image", "scipy",
  "tqdm", "aiohttp", "asyncer", "click", "filetype", "imagehash"
})
@Requires(OnnxruntimeNoexecstack.class)
@SmokeImport("rembg")
public final class Rembg {}
