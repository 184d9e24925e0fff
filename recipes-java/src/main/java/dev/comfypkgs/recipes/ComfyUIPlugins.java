package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.CustomNode;
import dev.comfypkgs.annotations.GitHub;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.TracksComfyUI;

// The Impact Pack's Python needs (ultralytics, segment-anything) come from comfyui-extras in the
// same environment; it declares none, so it is built without an interpreter (mkDerivation). Its
// version is the ComfyUI release it is tested with, whatever the Impact Pack's own tag.
@CustomNode(
    pname = "comfyui-plugins",
    description = "ComfyUI Impact Pack: detector, detailer, upscaler and wildcard nodes (its Python"
        + " dependencies come from comfyui-extras)",
    homepage = "https://github.com/ltdrdata/ComfyUI-Impact-Pack",
    license = License.GPL3_ONLY)
@GitHub(
    owner = "ltdrdata",
    repo = "ComfyUI-Impact-Pack",
    tag = "8.28",
    hash = "sha256-V/gMPqo9Xx21+KpG5LPzP5bML9nGlHHMyVGoV+YgFWE=")
@TracksComfyUI
public final class ComfyUIPlugins {}
