package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.CustomNode;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.Platform;
import dev.comfypkgs.annotations.Platforms;
import dev.comfypkgs.annotations.Requires;

// Upstream's requirements.txt is not read by anything: these are what its preprocessors import.
// MediaPipe is left out (not in nixpkgs), so the DWPose and some face nodes need it installed by
// hand. The facts bundle albumentations on Linux only; this node is Linux-only anyway, because
// comfyui-timm is (CPK105).
@CustomNode(
    pname = "comfyui-controlnet-aux",
    version = "1.1.3-unstable-2025-12-10",
    description = "ControlNet preprocessor nodes for ComfyUI (depth, pose, lineart, segmentation...),"
        + " on the runtime's PyTorch, without MediaPipe",
    homepage = "https://github.com/Fannovel16/comfyui_controlnet_aux",
    license = License.ASL20)
@GitHub(
    owner = "Fannovel16",
    repo = "comfyui_controlnet_aux",
    rev = "136f125c89aed92ced1b6fbb491e13719b72fcc0",
    hash = "sha256-DlspkqzN7Ls8kXWQMtVQygzsgu/z6FtjMqDthuza/Kc=")
@Bundle({
  "einops", "fvcore", "scikit-image", "scikit-learn", "omegaconf", "addict", "yacs", "ftfy",
  "trimesh", "matplotlib", "scipy", "filelock", "huggingface-hub", "importlib-metadata",
  "python-dateutil", "pyyaml", "yapf", "opencv4", "pillow", "numpy", "albumentations"
})
@Requires(Timm.class)
@Platforms(Platform.LINUX)
public final class ControlnetAux {}
