package dev.comfypkgs.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs build}: {@code flox build} where Flox is installed, else {@code nix-build}
 * against a nixpkgs, one package after another, with progress and a log per package.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Builds packages into result-<attr> links in the generated environment.",
      "With Flox on the PATH it runs `flox build <attr>` there; otherwise (or with --backend nix)"
          + " `nix-build generated-nix -A <attr> -o generated-nix/result-<attr>`.",
      "--all builds only the packages whose platforms include the system (this machine's, or"
          + " --system) and names the ones it skips; a named package the system cannot build is"
          + " an error before anything runs."
    })
final class BuildCommand implements Callable<Integer> {
  /** Which tool builds. */
  enum Backend {
    /** Flox when it is on the PATH, else Nix. */
    auto,
    /** {@code flox build} in the environment directory. */
    flox,
    /** {@code nix-build} of the generated default.nix. */
    nix
  }

  @ParentCommand Main main;

  @ArgGroup(exclusive = true, multiplicity = "1")
  PackageSelection.Required selection;

  @Mixin SystemOption systemOption;

  @Option(names = "--backend", defaultValue = "auto",
      description = "auto, flox or nix (default: ${DEFAULT-VALUE}).")
  Backend backend;

  @Option(names = "--nixpkgs", paramLabel = "PATH",
      description = "The nixpkgs to build against with Nix, passed as --argstr nixpkgs (default:"
          + " the revision .flox/env/manifest.lock pins if there is one, else <nixpkgs>).")
  Path nixpkgs;

  @Option(names = "--builders", paramLabel = "SPEC",
      description = "Nix remote builders, as in nix.conf's `builders` (e.g. 'ssh://builder"
          + " x86_64-linux'); refused before building when the Nix daemon would ignore them.")
  String builders;

  @Option(names = "--dry-run",
      description = "Print the plan (backend, system, nixpkgs, builders, selected and skipped"
          + " packages) and build nothing.")
  boolean dryRun;

  private static final String LOCKED_NIXPKGS = "the revision .flox/env/manifest.lock pins";

  @Override
  public Integer call() throws IOException {
    Workspace ws = main.workspace();
    RecipesFile recipes = ws.recipes();
    List<String> candidates = selection.attrs(recipes);
    Backend chosen = backend == Backend.auto
        ? (Tools.find("flox").isPresent() ? Backend.flox : Backend.nix)
        : backend;
    if (chosen == Backend.flox && nixpkgs != null) {
      throw CliException.usage("--nixpkgs is for --backend nix: Flox builds against the nixpkgs"
          + " its .flox/env/manifest.lock pins.");
    }
    Path tool = chosen == Backend.flox
        ? Tools.require("flox", Tools.INSTALL_FLOX)
        : Tools.require("nix-build", Tools.INSTALL_NIX);
    String system = systemOption.system();
    if (chosen == Backend.flox && systemOption.given() && !system.equals(systemOption.host())) {
      throw CliException.usage("Flox builds for this machine's system (" + systemOption.host()
          + ") only: use --backend nix to build for " + system + ".");
    }
    SystemSelection selected = SystemSelection.of(recipes, system, candidates, selection.all);
    String buildersUsed = builders == null ? null
        : RemoteBuilders.check(builders, NixSettings.read(), RemoteBuilders.User.current());

    PrintWriter err = main.spec.commandLine().getErr();
    PrintWriter out = main.spec.commandLine().getOut();
    if (!dryRun) {
      Files.createDirectories(ws.logDir());
    }
    PrintWriter planTo = dryRun ? out : err;
    planTo.println("backend: " + chosen);
    planTo.println("system: " + system + (systemOption.given() ? " (--system)" : " (this machine's)"));
    planTo.println("nixpkgs: " + nixpkgsSource(chosen, ws));
    if (buildersUsed != null) {
      planTo.println("builders: " + buildersUsed);
    }
    planTo.println("selected: " + String.join(" ", selected.attrs()));
    selected.skipped().forEach(s -> planTo.println(s.line()));
    planTo.flush();
    if (dryRun) {
      return ExitCode.OK;
    }

    List<String> attrs = selected.attrs();
    List<String> built = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < attrs.size(); i++) {
      String attr = attrs.get(i);
      Path log = ws.logDir().resolve("build-" + attr + ".log");
      Progress progress = new Progress(err, "[" + (i + 1) + "/" + attrs.size() + "] " + attr);
      int code;
      try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
        w.write("$ " + String.join(" ", command(chosen, tool, ws, attr)) + "\n");
        code = Tools.stream(command(chosen, tool, ws, attr), ws.dir(), environment(), line -> {
          try {
            w.write(line);
            w.write('\n');
          } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot write " + log + ": " + e.getMessage());
          }
          progress.line(line);
        });
      }
      Path link = ws.resultLink(attr);
      boolean ok = code == 0 && Files.exists(link);
      progress.done(ok ? "built" : "FAILED (exit " + code + ")");
      if (ok) {
        built.add(ws.dir().relativize(link) + " -> " + link.toRealPath());
      } else {
        failed.add(attr + " (log: " + log + ")" + (code == 0 ? ": no " + link.getFileName() + " was made" : ""));
      }
    }
    out.println("Built " + built.size() + " of " + attrs.size() + " with " + chosen + ":");
    built.forEach(b -> out.println("  " + b));
    if (!failed.isEmpty()) {
      out.println("Failed:");
      failed.forEach(f -> out.println("  " + f));
    }
    selected.skipped().forEach(s -> out.println(s.line()));
    out.flush();
    return failed.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
  }

  /** Which nixpkgs the build uses, as the plan states it. */
  private String nixpkgsSource(Backend chosen, Workspace ws) {
    boolean locked = Files.isRegularFile(ws.manifestLock());
    if (chosen == Backend.nix && nixpkgs != null) {
      return nixpkgs.toAbsolutePath().normalize() + " (--nixpkgs)";
    }
    if (locked) {
      return LOCKED_NIXPKGS;
    }
    return chosen == Backend.flox
        ? "the catalog's current one (no .flox/env/manifest.lock: run `flox lock` and commit it)"
        : "<nixpkgs> from NIX_PATH (no .flox/env/manifest.lock)";
  }

  private List<String> command(Backend chosen, Path tool, Workspace ws, String attr) {
    List<String> cmd = new ArrayList<>();
    cmd.add(tool.toString());
    if (chosen == Backend.flox) {
      cmd.add("build");
      cmd.add(attr);
      return cmd;
    }
    cmd.add(ws.dir().toString());
    cmd.add("-A");
    cmd.add(attr);
    cmd.add("-o");
    cmd.add(ws.resultLink(attr).toString());
    cmd.addAll(DefaultNixArguments.of(nixpkgs, systemOption));
    if (builders != null) {
      cmd.add("--option");
      cmd.add("builders");
      cmd.add(builders);
    }
    return cmd;
  }

  /** Flox has no --builders: it reads them, like every Nix setting, from NIX_CONFIG. */
  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    if (builders != null) {
      String existing = System.getenv("NIX_CONFIG");
      env.put("NIX_CONFIG", (existing == null ? "" : existing + "\n") + "builders = " + builders);
    }
    return env;
  }

  /**
   * One package's progress on stderr: its name, the elapsed time and the last log line, redrawn in
   * place on a terminal and printed every few seconds elsewhere.
   */
  static final class Progress {
    private final PrintWriter err;
    private final String label;
    private final long start = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private long lastPrint;

    Progress(PrintWriter err, String label) {
      this.err = err;
      this.label = label;
      print(label + ": building");
    }

    void line(String line) {
      long now = System.nanoTime();
      long every = terminal ? 200_000_000L : 10_000_000_000L;
      if (now - lastPrint >= every) {
        String shown = line.length() > 80 ? line.substring(0, 77) + "..." : line;
        // A build's output is upstream's text: it must not drive the terminal.
        print(label + " (" + seconds() + "s): " + Terminal.escape(shown));
      }
    }

    void done(String verdict) {
      print(label + ": " + verdict + " in " + seconds() + "s");
      if (terminal) {
        err.println();
      }
      err.flush();
    }

    private long seconds() {
      return (System.nanoTime() - start) / 1_000_000_000L;
    }

    private void print(String text) {
      lastPrint = System.nanoTime();
      if (terminal) {
        err.print("\r\033[K" + text);
      } else {
        err.println(text);
      }
      err.flush();
    }
  }
}
