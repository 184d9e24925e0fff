package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.BuildSystem;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.Platform;
import dev.comfypkgs.annotations.Platforms;
import dev.comfypkgs.annotations.PythonPackage;
import dev.comfypkgs.annotations.Replaces;
import dev.comfypkgs.annotations.SmokeImport;
import dev.comfypkgs.annotations.TorchAgnostic;

/**
 * Upstream's v1.0 is its main branch, which has stood at this commit since 2024-09-18: pinning the
 * commit keeps the hash valid the day main moves.
 */
@PythonPackage(
    pname = "comfyui-segment-anything",
    attr = "segment-anything",
    version = "1.0-unstable-2024-09-18",
    description = "Meta's Segment Anything Model (SAM), using the runtime's PyTorch",
    homepage = "https://github.com/facebookresearch/segment-anything",
    license = License.ASL20)
@GitHub(
    owner = "facebookresearch",
    repo = "segment-anything",
    rev = "dca509fe793f601edb92606367a655c15ac00fdf",
    hash = "sha256-28XHhv/hffVIpbxJKU8wfPvDB63l93Z6r9j1vBOz/P0=")
@BuildSystem({"setuptools", "wheel"})
@TorchAgnostic(remove = {"torch", "torchvision"})
@Replaces("segment_anything")
@Platforms(Platform.LINUX)
@SmokeImport("segment_anything")
public final class SegmentAnything {}
