package dev.comfypkgs.cli;

import dev.comfypkgs.cli.release.Gate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The options of the commands that gate a candidate commit ({@link dev.comfypkgs.cli.release.Gates}),
 * as a picocli mixin: which gates to skip and why, and the nixpkgs of the static gate. The
 * wording is shared by every such command ({@code gate.*} in {@code Messages.properties}; picocli
 * takes a {@code <command>.gate.*} key first, should one command need other words).
 */
final class GateOptions {
  @Option(names = "--skip-gate", paramLabel = "NAME", descriptionKey = "gate.skip")
  List<String> skipGate = new ArrayList<>();

  @Option(names = "--reason", paramLabel = "TEXT", descriptionKey = "gate.reason")
  String reason;

  @Option(names = "--nixpkgs", paramLabel = "PATH", descriptionKey = "gate.nixpkgs")
  Path nixpkgs;

  /** The gates {@code --skip-gate} names; an unknown name is a usage error listing the known ones. */
  Set<Gate> skipped() {
    Set<Gate> gates = EnumSet.noneOf(Gate.class);
    for (String name : skipGate) {
      gates.add(Gate.named(name).orElseThrow(() -> CliException.usage("--skip-gate '"
          + Terminal.escape(name) + "' is not a gate; the gates are "
          + Arrays.stream(Gate.values()).map(Gate::gateName).collect(Collectors.joining(", ")) + ".")));
    }
    return gates;
  }

  /**
   * {@code --reason}, if given and not blank. It goes into a tag message or a commit message and
   * into the printed git command, so text a terminal would act on (a line break, an escape
   * sequence, a lone surrogate) is refused rather than recorded or printed differently from what
   * runs.
   */
  Optional<String> reason() {
    if (reason != null && !Terminal.escape(reason).equals(reason)) {
      throw CliException.usage("--reason '" + Terminal.escape(reason) + "' holds control or"
          + " invisible characters; give it as one line of plain text");
    }
    return Optional.ofNullable(reason).filter(r -> !r.isBlank());
  }

  /** {@code --nixpkgs}, for {@code verify --static}. */
  Optional<Path> nixpkgs() {
    return Optional.ofNullable(nixpkgs);
  }
}
