package dev.comfypkgs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The arguments {@code nix-build} and {@code nix-instantiate} give the generated default.nix. */
final class DefaultNixArguments {
  private DefaultNixArguments() {}

  /**
   * {@code --argstr nixpkgs PATH} when a nixpkgs was named (as a string: default.nix imports it,
   * and it wins over the lock's revision) and {@code --argstr system S} when one was planned for.
   * Nothing otherwise: default.nix then takes the lock's revision, and the building machine.
   */
  static List<String> of(Path nixpkgs, SystemOption system) {
    List<String> args = new ArrayList<>();
    if (nixpkgs != null) {
      args.addAll(List.of("--argstr", "nixpkgs", nixpkgs.toAbsolutePath().normalize().toString()));
    }
    if (system.given()) {
      args.addAll(List.of("--argstr", "system", system.system()));
    }
    return args;
  }
}
