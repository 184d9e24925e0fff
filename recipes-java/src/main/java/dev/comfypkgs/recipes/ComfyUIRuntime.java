package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.ComfyUIRelease;
import dev.comfypkgs.annotations.FloxEnvironment;
import dev.comfypkgs.annotations.Runtime;

/**
 * The runtime environment that consumes these packages: it brings CUDA (or MPS, or CPU) PyTorch and
 * the torch-bearing libraries no recipe here rebuilds.
 */
@Runtime(provides = {"torch", "torchvision", "kornia", "transformers"})
@ComfyUIRelease("0.13.0")
@FloxEnvironment(name = "build-comfyui-packages", python = "python313")
public final class ComfyUIRuntime {}
