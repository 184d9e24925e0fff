package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.CliHarness.NixVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build --builders} says whether the builders will be used, from the settings a stand-in
 * {@code nix} reports: through a daemon only for a user it trusts (by name, {@code @group} or
 * {@code *}), and always without one. Whoever runs the tests: the user's name and groups are
 * asked of the system, not assumed.
 */
class RemoteBuildersTest {
  private static final String BUILDERS = "ssh://builder x86_64-linux";

  @TempDir static Path root;
  static Path generated;
  static String user;
  static String group;
  static int hosts;

  @BeforeAll
  static void generate() throws IOException {
    generated = CliHarness.generate(root, "platforms");
    user = System.getProperty("user.name");
    Path id = Tools.find("id").orElseThrow();
    group = Tools.run(List.of(id.toString(), "-gn"), null, Map.of()).stdout().strip();
  }

  /** A bin with a nix reporting {@code settings}, a recording flox, and the system's id. */
  private static Path host(String... settings) throws IOException {
    Path bin = root.resolve("host-" + hosts++);
    List<String> all = new ArrayList<>(List.of("system = x86_64-linux"));
    all.addAll(List.of(settings));
    CliHarness.standinNix(bin, NixVersion.NIX_2_8, all.toArray(String[]::new));
    CliHarness.recordingFlox(bin, 0);
    Files.createSymbolicLink(bin.resolve("id"), Tools.find("id").orElseThrow());
    return bin;
  }

  private static CliHarness.Run build(Path bin, Map<String, String> extra) throws IOException {
    Map<String, String> env = new HashMap<>(extra);
    env.put("COMFYPKGS_DIR", generated.toString());
    env.put("PATH", bin.toString());
    return CliHarness.run(root, env, "build", "everywhere", "--backend", "flox", "--builders", BUILDERS);
  }

  private static void assertApplied(Path bin, CliHarness.Run run, String why) throws IOException {
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.err().contains("builders: " + BUILDERS + " (" + why + ")\n"), run.err());
    assertTrue(Files.readString(bin.resolve("calls.log")).contains("builders = " + BUILDERS));
  }

  private static void assertRefused(Path bin, CliHarness.Run run, String trustedUsers) {
    CliHarness.assertOneLineError(run, 1, "--builders would be ignored: the Nix daemon takes builders"
        + " only from trusted users, and " + user + " is not among trusted-users (" + trustedUsers
        + "); add " + user + " to trusted-users in the daemon's nix.conf and restart the daemon,"
        + " or set builders there instead.");
    assertFalse(Files.exists(bin.resolve("calls.log")), "nothing was built locally");
  }

  @Test
  void aTrustedUserByNameGetsTheBuilders() throws IOException {
    Path bin = host("store = daemon", "trusted-users = root " + user);
    assertApplied(bin, build(bin, Map.of()),
        "the Nix daemon trusts " + user + ": trusted-users = root " + user);
  }

  @Test
  void anUntrustedUserIsToldBeforeAnythingIsBuilt() throws IOException {
    Path bin = host("store = daemon", "trusted-users = comfypkgs-nobody");
    assertRefused(bin, build(bin, Map.of()), "comfypkgs-nobody");
    Path none = host("store = daemon", "trusted-users =");
    assertRefused(none, build(none, Map.of()), "none");
  }

  @Test
  void trustThroughAGroupCountsOnlyForTheUsersGroups() throws IOException {
    Path member = host("store = daemon", "trusted-users = @" + group);
    assertApplied(member, build(member, Map.of()),
        "the Nix daemon trusts " + user + ": trusted-users = @" + group);
    Path other = host("store = daemon", "trusted-users = @comfypkgs-no-such-group");
    assertRefused(other, build(other, Map.of()), "@comfypkgs-no-such-group");
  }

  @Test
  void everyoneIsTrustedUnderAStar() throws IOException {
    Path bin = host("store = unix:///nix/var/nix/daemon-socket/socket", "trusted-users = *");
    assertApplied(bin, build(bin, Map.of()), "the Nix daemon trusts " + user + ": trusted-users = *");
  }

  @Test
  void withoutADaemonNixAppliesItsOwnSettings() throws IOException {
    // store = auto with a state directory this user can write: Nix opens the store itself, as root
    // does on a single-user install, whatever trusted-users says.
    Path state = Files.createDirectories(root.resolve("state"));
    Path bin = host("store = auto", "trusted-users = comfypkgs-nobody");
    assertApplied(bin, build(bin, Map.of("NIX_STATE_DIR", state.toString())),
        "no Nix daemon: this Nix applies its own settings");
    // NIX_REMOTE chooses the store over the setting, and it says daemon.
    Path remote = host("store = auto", "trusted-users = comfypkgs-nobody");
    assertRefused(remote, build(remote,
        Map.of("NIX_STATE_DIR", state.toString(), "NIX_REMOTE", "daemon")), "comfypkgs-nobody");
  }

  @Test
  void theDryRunSaysWhichBuildersAreUsed() throws IOException {
    Path bin = host("store = daemon", "trusted-users = *");
    CliHarness.Run run = CliHarness.run(root, Map.of("COMFYPKGS_DIR", generated.toString(),
        "PATH", bin.toString()), "build", "--all", "--dry-run", "--backend", "flox", "--builders", BUILDERS);
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().contains("builders: " + BUILDERS + " (the Nix daemon trusts " + user), run.out());
    assertFalse(Files.exists(bin.resolve("calls.log")));
  }
}
