package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.Platform;
import dev.comfypkgs.annotations.Platforms;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.Replaces;
import dev.comfypkgs.annotations.SkipRuntimeDepsCheck;
import dev.comfypkgs.annotations.SmokeImport;
import dev.comfypkgs.annotations.Substitute;
import dev.comfypkgs.annotations.TorchAgnostic;

/**
 * Upstream has no release tags; its main branch has stood at this commit since 2024-12-15, and
 * pinning the commit keeps the hash valid the day main moves. setup.py and pyproject.toml would
 * need torch to build (as a requirement and for the CUDA extension), so the edits take torch out
 * of both and switch the extension off. Only the Impact Subpack needs it, so it is not in
 * comfyui-extras.
 */
@PythonPackage(
    pname = "comfyui-sam2",
    version = "1.0-unstable-2024-12-15",
    description = "Meta's Segment Anything 2 for images and video, without its CUDA extension, on"
        + " the runtime's PyTorch",
    homepage = "https://github.com/facebookresearch/sam2",
    license = License.ASL20)
@GitHub(
    owner = "facebookresearch",
    repo = "sam2",
    rev = "2b90b9f5ceec907a1c18123530e92e794ad901a4",
    hash = "sha256-pUPaUD/5wOhdJcNYPH9LV5oA1noDeWKconfpIFOyYBQ=")
@BuildSystem({"setuptools", "wheel"})
@Bundle({"numpy", "tqdm", "hydra-core", "iopath", "pillow"})
@TorchAgnostic(remove = {"torch", "torchvision"})
@Replaces("SAM-2")
@SkipRuntimeDepsCheck(
    reason = "The hand-written package turns the check off because torch is not there at build"
        + " time; kept until a real build shows it passes with torch removed.")
@Substitute(file = "setup.py", replace = "\"torch>=2.5.1\",", with = "")
@Substitute(file = "setup.py", replace = "\"torchvision>=0.20.1\",", with = "")
@Substitute(
    file = "setup.py",
    replace = "BUILD_CUDA = os.getenv(\"SAM2_BUILD_CUDA\", \"1\") == \"1\"",
    with = "BUILD_CUDA = False")
@Substitute(file = "pyproject.toml", replace = "\"torch>=2.5.1\",", with = "")
@Platforms(Platform.LINUX)
@SmokeImport("sam2")
public final class Sam2 {}
