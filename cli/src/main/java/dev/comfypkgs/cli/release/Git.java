package dev.comfypkgs.cli.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository, read through the {@code git} command: each call is an argument array, never a
 * shell line, so a branch or tag name is only ever an argument. The release commands shell out
 * rather than embed a Git library so that what they do is exactly what a maintainer would type.
 */
public final class Git {
  public static final String INSTALL_GIT =
      "Install Git (https://git-scm.com/downloads; on Debian or Ubuntu: apt-get install git),"
          + " then run this again.";

  /** Where a commit's ComfyUI release is written, by the processor, from the one {@code @ComfyUIRelease}. */
  public static final String RECIPES_JSON = "generated-nix/recipes.json";

  /**
   * The largest recipes.json read: today's is tens of kilobytes; a bigger blob on some branch is
   * not one the processor wrote, and is not worth holding in memory to find one field.
   */
  static final long MAX_RECIPES_JSON_BYTES = 4L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Plain messages (they are quoted and parsed), no prompt for a password, no index refresh. */
  private static final Map<String, String> ENVIRONMENT = Map.of(
      "LC_ALL", "C", "GIT_TERMINAL_PROMPT", "0", "GIT_OPTIONAL_LOCKS", "0");

  private final Path git;
  private final Path root;
  private final Map<String, Optional<String>> releases = new HashMap<>();

  private Git(Path git, Path root) {
    this.git = git;
    this.root = root;
  }

  /**
   * The repository holding {@code dir}: exit 3 when {@code git} is not on the PATH, exit 2 when
   * {@code dir} is not inside a work tree.
   */
  public static Git open(Path dir) {
    Path git = Tools.require("git", INSTALL_GIT);
    Tools.Result top = Tools.run(
        List.of(git.toString(), "-C", dir.toString(), "rev-parse", "--show-toplevel"), null, ENVIRONMENT);
    if (!top.ok() || top.stdout().isBlank()) {
      throw CliException.usage(dir + " is not in a git repository (run this in a clone of comfypkgs)");
    }
    return new Git(git, Path.of(top.stdout().strip()));
  }

  /** The work tree's top directory. */
  public Path root() {
    return root;
  }

  /** The commit {@code ref} (a full ref name) points at, if it exists. */
  public Optional<String> commit(String ref) {
    Tools.Result r = run("rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}");
    return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  /** Whether {@code name} is one of the configured remotes. */
  public boolean hasRemote(String name) {
    return Tools.lines(check("remote").stdout()).contains(name);
  }

  /** Updates the remote-tracking branches (and the tags git fetches along) from {@code remote}. */
  public void fetch(String remote) {
    check("fetch", "--quiet", "--end-of-options", remote);
  }

  /** Commits only in {@code a} and only in {@code b}. */
  public record AheadBehind(int ahead, int behind) {}

  /** How many commits {@code a} has that {@code b} lacks, and the other way round. */
  public AheadBehind aheadBehind(String a, String b) {
    String[] counts = check("rev-list", "--left-right", "--count", a + "..." + b).stdout().strip().split("\\s+");
    return new AheadBehind(Integer.parseInt(counts[0]), Integer.parseInt(counts[1]));
  }

  /** Whether {@code ancestor} is reachable from {@code descendant}: moving that ref is a fast-forward. */
  public boolean isAncestor(String ancestor, String descendant) {
    Tools.Result r = run("merge-base", "--is-ancestor", ancestor, descendant);
    if (r.exitCode() > 1) {
      throw failed(r, "merge-base");
    }
    return r.ok();
  }

  /**
   * The ComfyUI release {@code commit} carries, read from its {@link #RECIPES_JSON} without a
   * checkout; empty when that file is missing, is not a regular file, is too large, or holds no
   * {@code comfyuiRelease} string. Only that field is read: old commits have other formats.
   */
  public Optional<String> release(String commit) {
    return releases.computeIfAbsent(commit, this::readRelease);
  }

  private Optional<String> readRelease(String commit) {
    // "<mode> <type> <object> <size>\t<path>"; a missing path prints nothing.
    Tools.Result entry = check("ls-tree", "-l", commit, "--", RECIPES_JSON);
    String[] fields = entry.stdout().split("\t", 2)[0].trim().split("\\s+");
    if (fields.length != 4 || !fields[1].equals("blob") || !fields[0].startsWith("1006")
        || Long.parseLong(fields[3]) > MAX_RECIPES_JSON_BYTES) {
      return Optional.empty();
    }
    try {
      JsonNode release = JSON.readTree(check("cat-file", "blob", fields[2]).stdout()).path("comfyuiRelease");
      return release.isTextual() ? Optional.of(release.asText()) : Optional.empty();
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  /** A snapshot tag and the commit it archives. */
  public record Tag(String name, String commit) {}

  /**
   * The newest {@code v*} tag that names a commit, in version order: {@code v0.10.0-r2} after
   * {@code v0.10.0}, after {@code v0.9.3}. Version order rather than creation date because
   * main's release never goes down, so the order of the names is the order of the archives, and
   * it does not depend on clocks or on tags made within the same second.
   */
  public Optional<Tag> latestTag() {
    for (String name : Tools.lines(
        check("tag", "--list", "--sort=-v:refname", "v*").stdout())) {
      Optional<String> commit = commit("refs/tags/" + name);
      if (commit.isPresent()) {
        return Optional.of(new Tag(name, commit.get()));
      }
    }
    return Optional.empty();
  }

  /** Runs {@code git args...} in the work tree; a non-zero exit is exit 1 quoting git's error. */
  public Tools.Result check(String... args) {
    Tools.Result r = run(args);
    if (!r.ok()) {
      throw failed(r, args[0]);
    }
    return r;
  }

  private CliException failed(Tools.Result r, String subcommand) {
    String why = r.stderr().isBlank() ? "exit code " + r.exitCode() : r.stderr().strip();
    return new CliException(ExitCode.FAILED, "git " + subcommand + " failed in " + root + ":\n" + why);
  }

  /** Runs {@code git args...} in the work tree and returns whatever it did, failure included. */
  public Tools.Result run(String... args) {
    List<String> command = new ArrayList<>(List.of(git.toString(), "-C", root.toString()));
    command.addAll(List.of(args));
    return Tools.run(command, null, ENVIRONMENT);
  }

  /**
   * Runs {@code git args...} in the work tree with {@code environment} added to git's own, e.g.
   * {@code GIT_INDEX_FILE} to stage into a temporary index that leaves the user's untouched.
   */
  public Tools.Result runWith(Map<String, String> environment, String... args) {
    Map<String, String> merged = new HashMap<>(ENVIRONMENT);
    merged.putAll(environment);
    List<String> command = new ArrayList<>(List.of(git.toString(), "-C", root.toString()));
    command.addAll(List.of(args));
    return Tools.run(command, null, merged);
  }
}
