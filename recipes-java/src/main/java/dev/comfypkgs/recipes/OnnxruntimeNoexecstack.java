package dev.comfypkgs.recipes;

import dev.comfypkgs.annotations.Wrapper;

/**
 * nixpkgs' onnxruntime Python package with the executable-stack flag of its libraries cleared:
 * they ask for an executable stack (GNU_STACK RWE), which hardened kernels such as Debian 13's
 * refuse to grant, so importing onnxruntime fails there. Drop this wrapper, and depend on
 * onnxruntime again, once nixpkgs' build clears the flag itself.
 */
@Wrapper(
    pname = "onnxruntime-noexecstack",
    description = "ONNX Runtime with the executable-stack flag of its libraries cleared, for hardened kernels",
    wraps = "onnxruntime",
    fix = "onnxruntime-noexecstack/clear-execstack.py")
public final class OnnxruntimeNoexecstack {}
