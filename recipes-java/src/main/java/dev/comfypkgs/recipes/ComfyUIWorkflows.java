package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.License;
import dev.comfypkgs.annotations.Vendored;
import dev.comfypkgs.annotations.Workflows;

/**
 * Example workflows for FLUX, SD 1.5, SD 3.5 and SDXL, vendored with the script that converts
 * them from API format to the Web UI's. They have their own version, not ComfyUI's, and no
 * upstream web page.
 */
@Workflows(
    pname = "comfyui-workflows",
    version = "1.0.1",
    description = "Example ComfyUI workflows, for the Web UI and in API format",
    license = License.MIT)
@Vendored(directory = "workflows", gitTree = "8c5130291b9593cbb9890c3af61f868054ba548e")
public final class ComfyUIWorkflows {}
