package dev.comfypkgs.common;

import java.util.Set;

/** The names every torch-aware check starts from. */
public final class TorchNames {
  /**
   * The PyTorch distributions themselves (PEP 503 normal form): the ComfyUI runtime provides its
   * own CUDA build of each, so a package that brings another copy breaks the environment.
   */
  public static final Set<String> CORE = Set.of("torch", "torchvision", "torchaudio", "triton");

  private TorchNames() {}
}
