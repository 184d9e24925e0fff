package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.SmokeImport;

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
  "tqdm", "aiohttp", "asyncer", "click", "filetype", "imagehash", "onnxruntime"
})
@SmokeImport("rembg")
public final class Rembg {}
