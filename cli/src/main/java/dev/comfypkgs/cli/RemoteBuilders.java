package dev.comfypkgs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a client-set {@code builders} will be used. Through a Nix daemon it applies only when
 * the daemon trusts the user ({@code trusted-users}: {@code *}, the user's name, or
 * {@code @group} of one of the user's groups; NixOS/nix {@code daemon.cc}); otherwise the daemon
 * drops it and builds locally without a word. Without a daemon Nix applies its own settings.
 * Flox's {@code nix} is such a client too: it gets {@code builders} through {@code NIX_CONFIG}.
 */
final class RemoteBuilders {
  /** The user the daemon sees: the name and every group, primary and supplementary. */
  record User(String name, Set<String> groups) {
    /** The user running this process; groups as {@code id -Gn} lists them (none without id). */
    static User current() {
      String name = System.getProperty("user.name");
      Optional<Path> id = Tools.find("id");
      if (id.isEmpty()) {
        return new User(name, Set.of());
      }
      Tools.Result r = Tools.run(List.of(id.get().toString(), "-Gn"), null, Map.of());
      return new User(name, r.ok() ? Set.of(r.stdout().strip().split("\\s+")) : Set.of());
    }
  }

  private RemoteBuilders() {}

  /**
   * How {@code builders} will be applied, for the plan; or, when the daemon will ignore them, a
   * failure that says why and what to change, before anything is built.
   */
  static String check(String builders, NixSettings settings, User user) {
    String trustedUsers = String.join(" ", settings.list("trusted-users"));
    if (!usesDaemon(settings)) {
      return builders + " (no Nix daemon: this Nix applies its own settings)";
    }
    if (trusted(settings.list("trusted-users"), user)) {
      return builders + " (the Nix daemon trusts " + user.name() + ": trusted-users = "
          + trustedUsers + ")";
    }
    throw new CliException(ExitCode.FAILED, "--builders would be ignored: the Nix daemon takes"
        + " builders only from trusted users, and " + user.name() + " is not among trusted-users ("
        + (trustedUsers.isEmpty() ? "none" : trustedUsers) + "); add " + user.name()
        + " to trusted-users in the daemon's nix.conf and restart the daemon, or set builders"
        + " there instead.");
  }

  /** The daemon's own {@code matchUser}: everyone, the name, or a group the user is in. */
  static boolean trusted(List<String> trustedUsers, User user) {
    for (String entry : trustedUsers) {
      if (entry.equals("*") || entry.equals(user.name())
          || (entry.startsWith("@") && user.groups().contains(entry.substring(1)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether this Nix talks to a daemon: the store is {@code NIX_REMOTE}, else the {@code store}
   * setting; {@code daemon} or a {@code unix://} socket does, and {@code auto} does exactly when
   * the state directory is not readable and writable and the daemon's socket exists (Nix's own rule), so root
   * on a single-user install, or anyone owning the store, builds without one.
   */
  static boolean usesDaemon(NixSettings settings) {
    String remote = System.getenv("NIX_REMOTE");
    String store = remote != null && !remote.isBlank()
        ? remote.strip() : settings.get("store").orElse("auto");
    if (store.equals("daemon") || store.startsWith("unix://")) {
      return true;
    }
    if (!store.equals("auto") && !store.isEmpty()) {
      return false;
    }
    Path stateDir = Path.of(envOr("NIX_STATE_DIR", "/nix/var/nix"));
    Path socket = Path.of(envOr("NIX_DAEMON_SOCKET_PATH",
        stateDir.resolve("daemon-socket/socket").toString()));
    return !(Files.isReadable(stateDir) && Files.isWritable(stateDir)) && Files.exists(socket);
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
