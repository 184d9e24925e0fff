package dev.comfypkgs.annotations;

import java.util.List;

/**
 * The systems a package builds on: the four systems the repository targets, and groups of them.
 *
 * <p>Generated as {@code lib.platforms.linux}, {@code lib.platforms.darwin}, {@code
 * lib.platforms.unix} when the set is exactly such a group, otherwise as an explicit list.
 */
public enum Platform {
  /** Intel/AMD Linux: {@code x86_64-linux}. */
  X86_64_LINUX("x86_64-linux"),
  /** ARM Linux: {@code aarch64-linux}. */
  AARCH64_LINUX("aarch64-linux"),
  /** Intel macOS: {@code x86_64-darwin}. */
  X86_64_DARWIN("x86_64-darwin"),
  /** Apple silicon macOS: {@code aarch64-darwin}. */
  AARCH64_DARWIN("aarch64-darwin"),
  /** Both Linux systems ({@code lib.platforms.linux}). */
  LINUX("x86_64-linux", "aarch64-linux"),
  /** Both macOS systems ({@code lib.platforms.darwin}). */
  DARWIN("x86_64-darwin", "aarch64-darwin"),
  /** All four systems ({@code lib.platforms.unix}). */
  UNIX("x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin");

  private final List<String> systems;

  Platform(String... systems) {
    this.systems = List.of(systems);
  }

  /** The Nix system doubles this constant stands for. */
  public List<String> systems() {
    return systems;
  }
}
