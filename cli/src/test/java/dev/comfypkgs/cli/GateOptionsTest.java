package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.release.Gate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The gate options as a command parses them. */
class GateOptionsTest {
  @Command(name = "gated", resourceBundle = "dev.comfypkgs.cli.Messages")
  static final class Gated implements Runnable {
    @Mixin GateOptions gates;

    @Override
    public void run() {}
  }

  private static GateOptions parse(String... args) {
    Gated command = new Gated();
    new CommandLine(command).parseArgs(args);
    return command.gates;
  }

  @Test
  void skippedGatesByNameWithTheReason() {
    GateOptions options = parse("--skip-gate", "static", "--skip-gate", "generated", "--reason", "no Nix here");
    assertEquals(EnumSet.of(Gate.GENERATED, Gate.STATIC), options.skipped());
    assertEquals(Optional.of("no Nix here"), options.reason());
    assertEquals(EnumSet.noneOf(Gate.class), parse().skipped());
    assertEquals(Optional.empty(), parse("--reason", " ").reason());
  }

  @Test
  void anUnknownGateIsBadUsageListingTheGates() {
    CliException e = assertThrows(CliException.class, () -> parse("--skip-gate", "statc").skipped());
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals("--skip-gate 'statc' is not a gate; the gates are generated, static.", e.getMessage());
  }

  /** The reason is recorded in a message and printed in a command: what a terminal acts on is refused. */
  @Test
  void aReasonWithControlOrInvisibleCharactersIsRefused() {
    for (String hostile : List.of("two\nlines", "cr\rhere", "\u001b[31mred", "nul\u0000", "lone \ud800",
        "right\u202eto left")) {
      CliException e = assertThrows(CliException.class, () -> parse("--reason", hostile).reason(), hostile);
      assertEquals(ExitCode.USAGE, e.exitCode(), hostile);
      assertTrue(e.getMessage().startsWith("--reason '"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
    assertEquals(Optional.of("it's ${HOME} and '' quotes"), parse("--reason", "it's ${HOME} and '' quotes").reason());
  }

  /** Any command using the mixin gets the words of Messages.properties, without a key of its own. */
  @Test
  void theWordingIsShared() {
    CommandLine cli = new CommandLine(new Gated());
    for (String option : List.of("--skip-gate", "--reason", "--nixpkgs")) {
      String[] description = cli.getCommandSpec().findOption(option).description();
      assertEquals(1, description.length, option);
      assertTrue(description[0].length() > 20, option + ": " + description[0]);
    }
  }
}
