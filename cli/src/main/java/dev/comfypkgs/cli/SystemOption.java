package dev.comfypkgs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The system a command plans for, as a picocli mixin: {@code --system} when given, else the
 * building machine's, found as Flox finds it ({@code nix config show system}; {@code nix
 * show-config} on Nix before 2.19; {@code builtins.currentSystem} when neither answers). Each
 * command words the option in {@code Messages.properties} ({@code <command>.system}).
 */
final class SystemOption {
  /** A Nix system double, {@code <arch>-<os>}: what {@code meta.platforms} lists. */
  private static final Pattern SYSTEM = Pattern.compile("[a-z0-9_]+-[a-z0-9_]+");

  @Option(names = "--system", paramLabel = "SYSTEM", descriptionKey = "system")
  String system;

  private String host;

  /** Whether {@code --system} was given. */
  boolean given() {
    return system != null;
  }

  /** {@code --system}, checked, else this machine's system. */
  String system() {
    if (system == null) {
      return host();
    }
    if (!SYSTEM.matcher(system).matches()) {
      throw CliException.usage("--system '" + Terminal.escape(system) + "' is not a Nix system"
          + " (<arch>-<os>, e.g. aarch64-linux or x86_64-darwin).");
    }
    return system;
  }

  /** The system of the machine this runs on, asked of its Nix once. */
  String host() {
    if (host == null) {
      host = detectHost();
    }
    return host;
  }

  private static String detectHost() {
    Optional<Path> nix = Tools.find("nix");
    Optional<Path> instantiate = Tools.find("nix-instantiate");
    if (nix.isEmpty() && instantiate.isEmpty()) {
      throw CliException.missingTool("nix", Tools.INSTALL_NIX + " (Or give --system.)");
    }
    String why = "";
    if (nix.isPresent()) {
      try {
        Optional<String> fromSettings = NixSettings.read().get("system");
        if (fromSettings.isPresent()) {
          return checked(fromSettings.get(), "nix config show");
        }
        why = "nix config show printed no system";
      } catch (CliException unreadable) {
        why = unreadable.getMessage();
      }
    }
    if (instantiate.isPresent()) {
      Tools.Result r = Tools.run(List.of(instantiate.get().toString(), "--eval", "--expr",
          "builtins.currentSystem"), null, Map.of());
      if (r.ok()) {
        return checked(r.stdout().strip().replace("\"", ""), "builtins.currentSystem");
      }
      why = Tools.lines(r.stderr()).stream().findFirst().orElse("exit " + r.exitCode());
    }
    throw new CliException(ExitCode.FAILED,
        "could not ask Nix for this machine's system (" + why + "); give --system.");
  }

  private static String checked(String value, String source) {
    if (!SYSTEM.matcher(value).matches()) {
      throw new CliException(ExitCode.FAILED, source + " gave '" + Terminal.escape(value)
          + "', which is not a Nix system; give --system.");
    }
    return value;
  }
}
