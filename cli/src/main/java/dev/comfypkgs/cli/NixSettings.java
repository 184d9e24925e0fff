package dev.comfypkgs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This machine's Nix settings as its {@code nix} reports them: {@code nix config show} (Nix 2.19
 * and later), else {@code nix show-config} (earlier, e.g. Debian's 2.8). Both print one
 * {@code name = value} line per setting, merged from every nix.conf and {@code NIX_CONFIG}, so
 * what they say is what a client {@code nix} (Flox's included) starts from.
 */
final class NixSettings {
  private static final List<List<String>> SHOW_CONFIG =
      List.of(List.of("config", "show"), List.of("show-config"));

  /** Read once: the system and the builders check both ask, and each read runs nix. */
  private static NixSettings current;

  private final Map<String, String> values;

  private NixSettings(Map<String, String> values) {
    this.values = values;
  }

  /**
   * The settings {@code nix} prints, or an error naming what failed: Nix missing from the PATH
   * is exit 3 with the install hint.
   */
  static NixSettings read() {
    if (current == null) {
      current = query();
    }
    return current;
  }

  private static NixSettings query() {
    Path nix = Tools.require("nix", Tools.INSTALL_NIX);
    String why = "";
    for (List<String> subcommand : SHOW_CONFIG) {
      List<String> command = new ArrayList<>(
          List.of(nix.toString(), "--extra-experimental-features", "nix-command"));
      command.addAll(subcommand);
      Tools.Result r = Tools.run(command, null, Map.of());
      if (r.ok()) {
        return parse(r.stdout());
      }
      why = Tools.lines(r.stderr()).stream().findFirst().orElse("exit " + r.exitCode());
    }
    throw new CliException(ExitCode.FAILED,
        "could not read Nix's settings (nix config show, nix show-config): " + why);
  }

  static NixSettings parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      // "name = value"; an empty value may lose the space after "=".
      int eq = line.indexOf(" =");
      if (eq > 0) {
        values.put(line.substring(0, eq).strip(), line.substring(eq + 2).strip());
      }
    }
    return new NixSettings(values);
  }

  /** A setting's value as printed, if Nix printed it. */
  Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** A list setting ({@code trusted-users}), split on whitespace; empty when absent. */
  List<String> list(String name) {
    String value = values.getOrDefault(name, "").strip();
    return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
  }
}
