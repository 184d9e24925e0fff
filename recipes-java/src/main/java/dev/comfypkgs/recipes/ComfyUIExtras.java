package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.Bundle;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.MetaPackage;
import dev.comfypkgs.annotations.Platform;
import dev.comfypkgs.annotations.Platforms;

/**
 * Everything ComfyUI's custom nodes need besides torch, in one package. spandrel is built on its
 * own and stays out, as do comfyui-thop and comfyui-sam2, which only the Impact Subpack needs.
 * pixeloe and transparent-background only go in on x86_64-linux: the processor works that out
 * from their platforms. onnxruntime is {@link OnnxruntimeNoexecstack}, nixpkgs' copy with the
 * executable-stack flag cleared, never the plain one beside it (CPK123).
 */
@MetaPackage(
    pname = "comfyui-extras",
    version = "1.0.0",
    description = "The torch-agnostic Python packages ComfyUI custom nodes need, in one package",
    homepage = "https://github.com/barstoolbluz/build-comfyui-packages",
    license = License.MIT,
    members = {
      Ultralytics.class,
      Timm.class,
      OpenClipTorch.class,
      Accelerate.class,
      SegmentAnything.class,
      ClipInterrogator.class,
      TransparentBackground.class,
      PixelOE.class,
      ColourScience.class,
      Rembg.class,
      Ffmpy.class,
      ColorMatcher.class,
      Img2Texture.class,
      Cstr.class,
      Peft.class,
      Facexlib.class,
      Pyloudnorm.class,
      OnnxruntimeNoexecstack.class
    },
    nixpkgs = {
      "piexif", "simpleeval", "numba", "gitpython", "easydict", "pymatting",
      "pillow-heif", "rich", "imageio-ffmpeg", "gguf", "onnx"
    })
@Bundle(value = "albumentations", systems = Platform.LINUX)
@Platforms(Platform.LINUX)
public final class ComfyUIExtras {}
