package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.CustomNode;
import dev.comfypkgs.annotations.FloxBuild;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.Platform;
import dev.comfypkgs.annotations.Platforms;
import dev.comfypkgs.annotations.Requires;

// The only package that brings comfyui-thop and comfyui-sam2; the Impact Pack itself
// (comfyui-plugins) must be in the same environment, which no recipe can declare.
@CustomNode(
    pname = "comfyui-impact-subpack",
    version = "1.3.5_flox_build",
    description = "Impact Pack subpack: the UltralyticsDetectorProvider and SAM loaders, with"
        + " torch-free thop, ultralytics, segment-anything and sam2 (needs comfyui-plugins)",
    homepage = "https://github.com/ltdrdata/ComfyUI-Impact-Subpack",
    license = License.GPL3_ONLY)
@GitHub(
    owner = "ltdrdata",
    repo = "ComfyUI-Impact-Subpack",
    tag = "1.3.4",
    hash = "sha256-BHtfkaqCPf/YXfGbF/xyryjt+M8izkdoUAKNJLfyvqI=")
@FloxBuild(
    upstream = "1.3.4",
    reason = "upstream 1.3.4 plus its Python dependencies as torch-agnostic rebuilds, propagated")
@Requires({Thop.class, Ultralytics.class, SegmentAnything.class, Sam2.class})
@Platforms(Platform.LINUX)
public final class ImpactSubpack {}
