package dev.comfypkgs.processor.model;

/** The four systems the repository builds for, in the canonical order generated lists use. */
public enum Sys {
  X86_64_LINUX("x86_64-linux"),
  AARCH64_LINUX("aarch64-linux"),
  X86_64_DARWIN("x86_64-darwin"),
  AARCH64_DARWIN("aarch64-darwin");

  private final String nixName;

  Sys(String nixName) {
    this.nixName = nixName;
  }

  /** The Nix system double, e.g. {@code x86_64-linux}. */
  public String nixName() {
    return nixName;
  }
}
