package dev.comfypkgs.cli;

import dev.comfypkgs.cli.release.Flow;
import dev.comfypkgs.cli.release.Git;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs release status}: where each rolling branch is, locally and on the remote, the
 * ComfyUI release it carries, and whether its next promotion would be a fast-forward. It reads
 * only: every state, diverged included, exits 0.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows each rolling branch, local and remote-tracking: its commit, the ComfyUI"
        + " release in its generated-nix/recipes.json (read without a checkout), commits ahead of"
        + " and behind the next branch in the flow, whether promoting it would be a fast-forward,"
        + " and the latest v* tag.")
final class ReleaseStatusCommand implements Callable<Integer> {
  /** The branches always shown, in the order of the flow, each with the branch it moves to. */
  private static final Map<String, String> FLOW = flow();

  /** The maintenance branches, shown only where they exist. */
  private static final List<String> MAINTENANCE = List.of("main-testing", "main-staging");

  @ParentCommand ReleaseCommand release;

  @Mixin OutputFormat output;

  @Mixin RemoteOption remoteOption;

  @Option(names = "--fetch", description = "Run `git fetch <remote>` first; otherwise the remote"
      + " is as of the last fetch.")
  boolean fetch;

  private static Map<String, String> flow() {
    Map<String, String> next = new LinkedHashMap<>();
    next.put("latest-testing", "latest-staging");
    next.put("latest-staging", "latest");
    next.put("latest", "main");
    next.put("main-testing", "main-staging");
    next.put("main-staging", "main");
    next.put("main", null);
    return next;
  }

  @Override
  public Integer call() throws Exception {
    Git git = Git.open(release.main.workspace().root());
    String remote = remoteOption.remote();
    boolean hasRemote = git.hasRemote(remote);
    if (fetch) {
      if (!hasRemote) {
        throw CliException.usage("there is no remote named '" + Terminal.escape(remote)
            + "' to fetch (see git remote -v; choose one with --remote)");
      }
      git.fetch(remote);
    }
    List<Map<String, Object>> branches = new ArrayList<>();
    FLOW.forEach((name, next) -> {
      Optional<String> local = git.commit("refs/heads/" + name);
      Optional<String> tracking =
          hasRemote ? git.commit("refs/remotes/" + remote + "/" + name) : Optional.empty();
      if (MAINTENANCE.contains(name) && local.isEmpty() && tracking.isEmpty()) {
        return;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", name);
      row.put("local", local.map(c -> commit(git, c)).orElse(null));
      row.put("remote", tracking.map(c -> commit(git, c)).orElse(null));
      row.put("localVsRemote", local.isPresent() && tracking.isPresent()
          ? aheadBehind(git.aheadBehind(local.get(), tracking.get())) : null);
      row.put("next", next);
      if (next != null) {
        Optional<String> target = git.commit("refs/heads/" + next);
        Git.AheadBehind counts = local.isPresent() && target.isPresent()
            ? git.aheadBehind(local.get(), target.get()) : null;
        row.put("ahead", counts == null ? null : counts.ahead());
        row.put("behind", counts == null ? null : counts.behind());
        row.put("promotion", promotion(git, local, target));
      }
      branches.add(row);
    });
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("remote", hasRemote ? remote : null);
    status.put("branches", branches);
    status.put("latestTag", git.latestTag().map(ReleaseStatusCommand::tag).orElse(null));
    status.put("rotationInProgress", rotationInProgress(git, hasRemote ? Optional.of(remote) : Optional.empty()));
    PrintWriter out = release.main.spec.commandLine().getOut();
    if (output.json()) {
      OutputFormat.printJson(out, status);
    } else {
      print(out, status, remote);
    }
    out.flush();
    return ExitCode.OK;
  }

  /**
   * A rotation whose tag records it but whose moves are not all done, here or on the remote: what
   * {@code release rotate} finishes; null when there is none.
   */
  private static Map<String, Object> rotationInProgress(Git git, Optional<String> remote) {
    Optional<String> main = git.commit("refs/heads/main");
    Optional<String> latest = git.commit("refs/heads/latest");
    if (main.isEmpty() || latest.isEmpty()) {
      return null;
    }
    Optional<String> remoteMain = remote.flatMap(r -> git.commit("refs/remotes/" + r + "/main"));
    Optional<String> remoteLatest = remote.flatMap(r -> git.commit("refs/remotes/" + r + "/latest"));
    return Flow.pendingRotation(git, main.get(), latest.get(), remoteMain, remoteLatest)
        .map(rotation -> {
          List<String> remaining = new ArrayList<>();
          if (main.get().equals(rotation.main0())) {
            remaining.add("main");
          }
          if (latest.get().equals(rotation.latest0())) {
            remaining.add("latest");
          }
          if (remote.isPresent()) {
            remaining.add("push");
          }
          Map<String, Object> pending = new LinkedHashMap<>();
          pending.put("tag", rotation.tag());
          pending.put("remainingSteps", remaining);
          return pending;
        })
        .orElse(null);
  }

  private static Map<String, Object> commit(Git git, String commit) {
    Map<String, Object> at = new LinkedHashMap<>();
    at.put("commit", commit);
    at.put("comfyuiRelease", git.release(commit).orElse(null));
    return at;
  }

  private static Map<String, Object> aheadBehind(Git.AheadBehind counts) {
    Map<String, Object> both = new LinkedHashMap<>();
    both.put("ahead", counts.ahead());
    both.put("behind", counts.behind());
    return both;
  }

  private static Map<String, Object> tag(Git.Tag tag) {
    Map<String, Object> named = new LinkedHashMap<>();
    named.put("name", tag.name());
    named.put("commit", tag.commit());
    return named;
  }

  /**
   * What promoting the local {@code source} branch to {@code target} would do: only a
   * fast-forward ever moves a branch, so a target with commits the source lacks is diverged
   * (unless the source has nothing new: then it is already up to date).
   */
  private static String promotion(Git git, Optional<String> source, Optional<String> target) {
    if (source.isEmpty() || target.isEmpty()) {
      return "missing";
    }
    if (source.get().equals(target.get()) || git.isAncestor(source.get(), target.get())) {
      return "up to date";
    }
    return git.isAncestor(target.get(), source.get()) ? "fast-forward" : "diverged";
  }

  @SuppressWarnings("unchecked")
  private static void print(PrintWriter out, Map<String, Object> status, String remote) {
    Table table = new Table("BRANCH", "LOCAL", "RELEASE", Terminal.escape(remote), "RELEASE",
        "LOCAL VS REMOTE", "NEXT", "AHEAD", "BEHIND", "PROMOTION");
    for (Map<String, Object> row : (List<Map<String, Object>>) status.get("branches")) {
      Map<String, Object> local = (Map<String, Object>) row.get("local");
      Map<String, Object> tracking = (Map<String, Object>) row.get("remote");
      Map<String, Object> localVsRemote = (Map<String, Object>) row.get("localVsRemote");
      table.add(
          (String) row.get("name"),
          shortCommit(local),
          release(local),
          shortCommit(tracking),
          release(tracking),
          localVsRemote == null ? "-"
              : "+" + localVsRemote.get("ahead") + " -" + localVsRemote.get("behind"),
          row.get("next") == null ? "-" : (String) row.get("next"),
          row.get("ahead") == null ? "-" : row.get("ahead").toString(),
          row.get("behind") == null ? "-" : row.get("behind").toString(),
          row.get("next") == null ? "-" : (String) row.get("promotion"));
    }
    table.print(out);
    if (status.get("remote") == null) {
      out.println("no remote named " + Terminal.escape(remote) + ": only local branches are shown");
    }
    Map<String, Object> tag = (Map<String, Object>) status.get("latestTag");
    out.println("latest tag: " + (tag == null ? "none"
        : Terminal.escape((String) tag.get("name")) + " at " + shortCommit(tag)));
    Map<String, Object> rotation = (Map<String, Object>) status.get("rotationInProgress");
    if (rotation != null) {
      out.println("rotation in progress, recorded in tag " + Terminal.escape((String) rotation.get("tag"))
          + ": remaining " + String.join(", ", (List<String>) rotation.get("remainingSteps"))
          + "; `comfypkgs release rotate --push` finishes it");
    }
  }

  private static String shortCommit(Map<String, Object> at) {
    return at == null ? "-" : ((String) at.get("commit")).substring(0, 12);
  }

  /** The release as the branch spells it, escaped: any branch's files may say anything. */
  private static String release(Map<String, Object> at) {
    if (at == null) {
      return "-";
    }
    Object release = at.get("comfyuiRelease");
    return release == null ? "unknown" : Terminal.escape((String) release);
  }
}
