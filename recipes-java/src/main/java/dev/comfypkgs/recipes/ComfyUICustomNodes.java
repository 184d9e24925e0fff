package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.Node;
import dev.comfypkgs.annotations.NodeBundle;
import dev.comfypkgs.annotations.Substitute;
import dev.comfypkgs.annotations.TracksComfyUI;

// Fifteen community nodes the runtime ships with, each pinned on its own; ComfyUI-Manager is left
// out because ComfyUI brings it. The edits silence Python 3.12's invalid-escape warnings (Windows
// font paths, regular expressions in strings) and let Custom-Scripts keep its web files under
// COMFYUI_BASE_DIR instead of next to its read-only module in the store.
@NodeBundle(
    pname = "comfyui-custom-nodes",
    description = "Fifteen pinned community custom nodes for ComfyUI (KJNodes, IPAdapter, rgthree,"
        + " WAS, essentials and more), installed together",
    homepage = "https://github.com/comfyanonymous/ComfyUI",
    license = License.GPL3_ONLY)
@TracksComfyUI
@Node(
    directory = "rgthree-comfy",
    owner = "rgthree",
    repo = "rgthree-comfy",
    tag = "v.1.0.0",
    hash = "sha256-bzQcQ37v7ZrHDitZV6z3h/kdNbWxpLxNSvh0rSxnLss=")
@Node(
    directory = "images-grid-comfy-plugin",
    owner = "LEv145",
    repo = "images-grid-comfy-plugin",
    tag = "2.6",
    hash = "sha256-YG08pF6Z44y/gcS9MrCD/X6KqG99ig+VKLfZOd49w9s=")
@Node(
    directory = "ComfyUI-Image-Saver",
    owner = "alexopus",
    repo = "ComfyUI-Image-Saver",
    tag = "v1.21.0",
    hash = "sha256-W0w3+T6Ui2yDDXfJojYS79q+xRhTRvQEjiL1V3QQ/B4=")
@Node(
    directory = "ComfyUI_UltimateSDUpscale",
    owner = "ssitu",
    repo = "ComfyUI_UltimateSDUpscale",
    rev = "177019948d900fcd97e5b4167ceae259dd9dd312",
    hash = "sha256-bw1hcRAhNV1dzSZv2IpblBIu4pR6H8KatF0tLLAmnW4=")
@Node(
    directory = "ComfyUI-KJNodes",
    owner = "kijai",
    repo = "ComfyUI-KJNodes",
    rev = "4d68afac6b7079c3980c8b4845b4a47eb5c6660d",
    hash = "sha256-vRUCrWdaRNLz4ETrJNSxGLTncq2MJzSk6wTitkBDaig=")
@Node(
    directory = "ComfyUI_essentials",
    owner = "cubiq",
    repo = "ComfyUI_essentials",
    rev = "9d9f4bedfc9f0321c19faf71855e228c93bd0dc9",
    hash = "sha256-wkwkZVZYqPgbk2G4DFguZ1absVUFRJXYDRqgFrcLrfU=")
@Node(
    directory = "ComfyUI-Custom-Scripts",
    owner = "pythongosssss",
    repo = "ComfyUI-Custom-Scripts",
    rev = "f2838ed5e59de4d73cde5c98354b87a8d3200190",
    hash = "sha256-0DgPrOFXOjQ4K1RKxLQdtGfJHbopP8iovoJqna8d+Gg=")
@Node(
    directory = "ComfyUI_Comfyroll_CustomNodes",
    owner = "Suzie1",
    repo = "ComfyUI_Comfyroll_CustomNodes",
    rev = "d78b780ae43fcf8c6b7c6505e6ffb4584281ceca",
    hash = "sha256-+qhDJ9hawSEg9AGBz8w+UzohMFhgZDOzvenw8xVVyPc=")
@Node(
    directory = "efficiency-nodes-comfyui",
    owner = "jags111",
    repo = "efficiency-nodes-comfyui",
    rev = "f0971b5553ead8f6e66bb99564431e2590cd3981",
    hash = "sha256-F/n/aDjM/EtOLvnBE1SLJtg+8RSrfZ5yXumyuLetaXQ=")
@Node(
    directory = "was-node-suite-comfyui",
    owner = "WASasquatch",
    repo = "was-node-suite-comfyui",
    rev = "ea935d1044ae5a26efa54ebeb18fe9020af49a45",
    hash = "sha256-/qaoURMMkhb789FOpL2PujL2vdROnGkrAjvVBZV5D5c=")
@Node(
    directory = "ComfyUI-mxToolkit",
    owner = "Smirnov75",
    repo = "ComfyUI-mxToolkit",
    rev = "7f7a0e584f12078a1c589645d866ae96bad0cc35",
    hash = "sha256-0vf6rkDzUvsQwhmOHEigq1yUd/VQGFNLwjp9/P9wJ10=")
@Node(
    directory = "ComfyUI_IPAdapter_plus",
    owner = "cubiq",
    repo = "ComfyUI_IPAdapter_plus",
    rev = "a0f451a5113cf9becb0847b92884cb10cbdec0ef",
    hash = "sha256-Ft9WJcmjzon2tAMJq5na24iqYTnQWEQFSKUElSVwYgw=")
@Node(
    directory = "ComfyUI-IPAdapter-Flux",
    owner = "Shakker-Labs",
    repo = "ComfyUI-IPAdapter-Flux",
    rev = "eef22b6875ddaf10f13657248b8123d6bdec2014",
    hash = "sha256-sd/krgeQAw19nz6oYUrjXq1KiXMnJ2jV7LjL++AiaA0=")
@Node(
    directory = "Comfyui-LayerForge",
    owner = "Azornes",
    repo = "Comfyui-LayerForge",
    tag = "v1.5.11",
    hash = "sha256-NdZuh7mDTZPk+iyQITo4qVg/c1qxgKAFZB3wLAHCWvE=")
// Not on GitHub: sources/README.md says where the directory comes from.
@Node(directory = "ComfyUI-SafeCLIP-SDXL", file = "ComfyUI-SafeCLIP-SDXL")
@Substitute(
    node = "ComfyUI_Comfyroll_CustomNodes",
    file = "nodes/nodes_list.py",
    replace = "C:\\Windows\\Fonts",
    with = "C:/Windows/Fonts")
@Substitute(
    node = "ComfyUI_Comfyroll_CustomNodes",
    file = "nodes/nodes_xygrid.py",
    replace = "fonts\\Roboto-Regular.ttf",
    with = "fonts/Roboto-Regular.ttf")
@Substitute(
    node = "rgthree-comfy",
    file = "py/power_prompt.py",
    replace = "pattern='<lora:",
    with = "pattern=r'<lora:")
// The five run in this order on one docstring: each sees the previous ones' doubled backslashes.
@Substitute(
    node = "ComfyUI_essentials",
    file = "conditioning.py",
    replace = "double_blocks\\.0\\.",
    with = "double_blocks\\\\.0\\\\.")
@Substitute(
    node = "ComfyUI_essentials",
    file = "conditioning.py",
    replace = "single_blocks\\.0\\.",
    with = "single_blocks\\\\.0\\\\.")
@Substitute(
    node = "ComfyUI_essentials",
    file = "conditioning.py",
    replace = "(img|txt)_(mod|attn|mlp)\\.",
    with = "(img|txt)_(mod|attn|mlp)\\\\.")
@Substitute(
    node = "ComfyUI_essentials",
    file = "conditioning.py",
    replace = "(lin|qkv|proj|0|2)\\.",
    with = "(lin|qkv|proj|0|2)\\\\.")
@Substitute(
    node = "ComfyUI_essentials",
    file = "conditioning.py",
    replace = "(linear[12]|modulation\\.lin)\\.",
    with = "(linear[12]|modulation\\\\.lin)\\\\.")
@Substitute(
    node = "ComfyUI-Custom-Scripts",
    file = "pysssss.py",
    replace = "dir = os.path.dirname(inspect.getfile(PromptServer))",
    with = "dir = os.environ.get(\"COMFYUI_BASE_DIR\","
        + " os.path.dirname(inspect.getfile(PromptServer)))")
public final class ComfyUICustomNodes {}
