package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.Node;
import dev.comfypkgs.annotations.NodeBundle;
import dev.comfypkgs.annotations.TracksComfyUI;

// The nodes' Python needs come from the environment, not from this package: peft, facexlib,
// pyloudnorm and imageio-ffmpeg from comfyui-extras; diffusers, transformers, av and ffmpeg from
// the runtime. Without dependencies of its own it is built without an interpreter.
@NodeBundle(
    pname = "comfyui-videogen",
    description = "Video generation nodes for ComfyUI: AnimateDiff-Evolved, LTX-Video, Wan video"
        + " and the Video Helper Suite",
    homepage = "https://github.com/comfyanonymous/ComfyUI",
    license = License.GPL3_ONLY)
@TracksComfyUI
@Node(
    directory = "ComfyUI-AnimateDiff-Evolved",
    owner = "Kosinkadink",
    repo = "ComfyUI-AnimateDiff-Evolved",
    rev = "90fb1331201a4b29488089e4fbffc0d82cc6d0a9",
    hash = "sha256-HiaT0u8lGX3sUMluh/WtKOwGS9IaGE+y3nxeClh20ds=")
@Node(
    directory = "ComfyUI-VideoHelperSuite",
    owner = "Kosinkadink",
    repo = "ComfyUI-VideoHelperSuite",
    rev = "993082e4f2473bf4acaf06f51e33877a7eb38960",
    hash = "sha256-oII4aAK8O44MBaxOATG7tAXmF1ESRm7nacNmj1E3pE8=")
@Node(
    directory = "ComfyUI-LTXVideo",
    owner = "Lightricks",
    repo = "ComfyUI-LTXVideo",
    rev = "d153ca3f7839759baa7c58c331277451ba760bbb",
    hash = "sha256-LQhw/YNViZcUiX8S4OeBUdiW0SE4ppV6m7gnJkoxf0I=")
@Node(
    directory = "ComfyUI-WanVideoWrapper",
    owner = "kijai",
    repo = "ComfyUI-WanVideoWrapper",
    rev = "d00abe52d720a5845343ad0dd2927275bad399e7",
    hash = "sha256-JFQlebtw9dVFmWdiFbiDVbWhPdXkXymcicVn4/kUxrA=")
public final class ComfyUIVideogen {}
