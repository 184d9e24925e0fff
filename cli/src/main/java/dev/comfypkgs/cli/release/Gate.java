package dev.comfypkgs.cli.release;

import java.util.Arrays;
import java.util.Optional;

/** A check a candidate commit must pass before a branch moves to it. */
public enum Gate {
  /** Its {@code generated-nix/} is what its recipes generate, and the processor reports no error. */
  GENERATED("generated"),
  /** {@code verify --static} of its meta-packages passes (when Nix is installed). */
  STATIC("static");

  private final String gateName;

  Gate(String gateName) {
    this.gateName = gateName;
  }

  /** The name users give to {@code --skip-gate} and see in records. */
  public String gateName() {
    return gateName;
  }

  /** The gate called {@code name}, if there is one. */
  public static Optional<Gate> named(String name) {
    return Arrays.stream(values()).filter(g -> g.gateName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return gateName;
  }
}
