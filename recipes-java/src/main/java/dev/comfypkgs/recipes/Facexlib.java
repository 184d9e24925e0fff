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
import dev.comfypkgs.annotations.Substitute;
import dev.comfypkgs.annotations.TorchAgnostic;

/**
 * setup.py reads its version back with {@code exec} and {@code locals()}, which no longer sees
 * exec's bindings on Python 3.13, so the version is written in. The hand-written repository also
 * writes facexlib/version.py in postPatch; that edit is left out because setup.py's {@code
 * write_version_py()} rewrites the file from VERSION before it calls setup(), so the build never
 * reads what postPatch wrote. Upstream requires opencv-python, which nixpkgs has under that name:
 * bundling it keeps the runtime-deps check on.
 */
@PythonPackage(
    pname = "comfyui-facexlib",
    version = "0.3.0",
    description = "Face detection, alignment and parsing helpers for face-restoration nodes, on"
        + " the runtime's PyTorch",
    homepage = "https://github.com/xinntao/facexlib",
    license = License.ASL20)
@GitHub(
    owner = "xinntao",
    repo = "facexlib",
    tag = "v0.3.0",
    hash = "sha256-ic3hXKJZFOkj30ZjCOfjXHnFRuAZ9ASnj/+pe79vacg=")
@BuildSystem({"setuptools", "cython", "numpy"})
@Bundle({"filterpy", "numba", "numpy", "opencv-python", "pillow", "scipy", "tqdm"})
@TorchAgnostic(remove = {"torch", "torchvision"})
@Replaces("facexlib")
@Substitute(file = "setup.py", replace = "version=get_version()", with = "version='0.3.0'")
@Platforms(Platform.LINUX)
@SmokeImport("facexlib")
public final class Facexlib {}
