package dev.comfypkgs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.comfypkgs.cli.handoff.ManifestEditor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs handoff}: the spec's "Using Built Packages" step, pasting a built store path
 * into the runtime environment's manifest, done only for a result that {@code verify} passes, for
 * the system it was built for, and as a minimal edit ({@link ManifestEditor}) that leaves the rest
 * of the file as it was.
 */
@Command(
    name = "handoff",
    mixinStandardHelpOptions = true,
    description = {
      "Writes <attr>.store-path and <attr>.systems for a verified build into the [install] table of"
          + " the runtime environment's manifest.toml, replacing an earlier entry for that attr and"
          + " system and leaving every other byte of the file unchanged.",
      "One entry per system: <attr>, or <attr>-<system> when <attr> is taken by another system."
    })
final class HandoffCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--manifest", required = true, paramLabel = "PATH",
      description = "The runtime environment's manifest.toml, or its environment directory"
          + " (then .flox/env/manifest.toml in it).")
  Path manifest;

  @Option(names = "--attr", paramLabel = "ATTR", defaultValue = "comfyui-extras",
      description = "The package or meta-package to hand off (default: ${DEFAULT-VALUE}).")
  String attr;

  @Option(names = "--result", paramLabel = "PATH",
      description = "The built store path or a link to it (default: the attr's result-<attr> link).")
  Path result;

  @Mixin SystemOption systemOption;

  @Option(names = "--allow", paramLabel = "NAME|PATH", arity = "1..*",
      description = "Passed to verify: a torch the runtime provides on purpose.")
  List<String> allow = new ArrayList<>();

  @Option(names = "--dry-run",
      description = "Verify and print the lines that would be written, without writing them.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    Workspace ws = main.workspace();
    RecipesFile recipes = ws.recipes();
    recipes.resolve(List.of(attr));
    Path link = result != null ? result : ws.resultLink(attr);
    if (!Files.exists(link)) {
      throw new CliException(ExitCode.FAILED,
          link + " does not exist: build it first (comfypkgs build " + attr + ").");
    }
    String storePath = VerifyCommand.storePathOf(link);
    Path nixStore = Tools.require("nix-store", Tools.INSTALL_NIX);
    String system = builtFor(nixStore, storePath, recipes);

    Path file = manifestFile();
    byte[] before = Files.readAllBytes(file);
    String text = utf8(file, before);
    ManifestEditor.Edit edit = ManifestEditor.handOff(file.toString(), text, attr, system, storePath);

    PrintWriter out = main.spec.commandLine().getOut();
    PrintWriter err = main.spec.commandLine().getErr();
    List<String> verify = new ArrayList<>(List.of("--dir", ws.dir().toString(), "verify", "--result", storePath));
    allow.forEach(a -> verify.addAll(List.of("--allow", a)));
    if (Main.execute(verify.toArray(String[]::new), out, err) != ExitCode.OK) {
      throw new CliException(ExitCode.FAILED, "verify failed for " + storePath + ", so it was not"
          + " handed off; " + file + " was not changed.");
    }
    warnAboutActivationMode(err, file, ManifestEditor.parse(file.toString(), text));

    String entry = "[install] " + edit.id();
    switch (edit.change()) {
      case UNCHANGED -> {
        out.println(Terminal.escape(file + " already has " + entry + " = " + storePath + " for "
            + system + "; nothing written."));
        return ExitCode.OK;
      }
      case ADDED, REPLACED -> {
        if (dryRun) {
          out.println(Terminal.escape("Dry run: would " + (edit.change() == ManifestEditor.Change.ADDED
              ? "add " + entry + " to " : "replace " + entry + ".store-path in ") + file + ":"));
          edit.changedLines().forEach(l -> out.println("  " + Terminal.escape(l)));
          out.println("Nothing written.");
          return ExitCode.OK;
        }
        if (!Arrays.equals(before, Files.readAllBytes(file))) {
          throw new CliException(ExitCode.FAILED, file + " changed while handoff ran; it was not"
              + " written: run handoff again.");
        }
        AtomicFiles.writeString(file, edit.text());
        out.println(Terminal.escape((edit.change() == ManifestEditor.Change.ADDED ? "Added " : "Replaced ")
            + entry + " in " + file + ": " + storePath + " (" + system + ")."));
      }
    }
    printAdvice(out, link, storePath, edit.id());
    return ExitCode.OK;
  }

  /**
   * The system the result was built for, from its derivation; {@code --system} when the store
   * does not know the derivation. A contradiction, or a system the attr does not support, is a
   * usage error: a store path for the wrong system is the mistake this command exists to prevent.
   */
  private String builtFor(Path nixStore, String storePath, RecipesFile recipes) {
    Tools.Result deriver = Tools.run(
        List.of(nixStore.toString(), "--query", "--deriver", storePath), null, Map.of());
    Path drv = deriver.ok() && deriver.stdout().strip().endsWith(".drv")
        ? Path.of(deriver.stdout().strip()) : null;
    String system = drv != null && Files.isRegularFile(drv) ? Derivation.read(drv).env().get("system") : null;
    if (system == null) {
      if (!systemOption.given()) {
        throw CliException.usage("the derivation of " + storePath + " is not in this store, so the"
            + " system it was built for is unknown: give --system.");
      }
      system = systemOption.system();
    } else if (systemOption.given() && !systemOption.system().equals(system)) {
      throw CliException.usage(storePath + " was built for " + system + ", not "
          + systemOption.system() + ": hand off a build for " + systemOption.system()
          + " (comfypkgs build " + attr + " on such a machine).");
    }
    List<String> platforms = recipes.platforms(attr);
    if (!platforms.contains(system)) {
      throw CliException.usage(attr + " does not support " + system + " (its platforms: "
          + String.join(", ", platforms) + ").");
    }
    return system;
  }

  /**
   * {@code --manifest} itself, or an environment directory's {@code .flox/env/manifest.toml}; a
   * link is followed to the file it names, since the edit replaces a file by renaming over it and
   * would otherwise replace the link and leave the linked manifest as it was.
   */
  private Path manifestFile() {
    Path file = Files.isDirectory(manifest) ? manifest.resolve(".flox/env/manifest.toml") : manifest;
    if (!Files.isRegularFile(file)) {
      throw CliException.usage(Terminal.escape(file.toString()) + " does not exist: give the runtime"
          + " environment's manifest.toml or its directory.");
    }
    try {
      return file.toRealPath();
    } catch (IOException e) {
      throw CliException.usage(Terminal.escape(file.toString()) + " cannot be resolved: " + e.getMessage());
    }
  }

  private static String utf8(Path file, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw CliException.usage(file + " is not UTF-8, so it is not TOML; it was not changed.");
    }
  }

  /**
   * The meta-package reaches the environment through propagated inputs, which Flox links only
   * when it renders the dev environment; in run mode its members are not importable.
   */
  private void warnAboutActivationMode(PrintWriter err, Path file, JsonNode manifestTree) {
    String why = attr + " gives its members to the environment through propagated inputs, which"
        + " Flox links in dev mode only (run mode also sets no PYTHONPATH)";
    if ("run".equals(manifestTree.at("/options/activate/mode").asText(null))) {
      err.println(Terminal.escape("comfypkgs: warning: " + file + " sets options.activate.mode ="
          + " \"run\": " + why + "; set it to \"dev\" (the default) or activate with"
          + " `flox activate --mode dev`."));
    } else if (manifestTree.has("include")) {
      err.println(Terminal.escape("comfypkgs: warning: " + file + " includes other environments,"
          + " whose activate.mode = \"run\" would apply: " + why + "."));
    }
    err.flush();
  }

  private static void printAdvice(PrintWriter out, Path link, String storePath, String id) {
    out.println(Terminal.escape("Keep " + link + " (or the built runtime environment) as a GC root"
        + " until the runtime environment is built: check with `nix-store --gc --print-roots | grep "
        + link.getFileName() + "`, or pin the path elsewhere with `nix-store --realise " + storePath
        + " --add-root <dir>/" + id + "`."));
    out.println(Terminal.escape("For other machines, copy it to a cache they substitute from:"
        + " `nix --extra-experimental-features nix-command copy --to <store-uri> " + storePath
        + "` (e.g. ssh-ng://host or file:///srv/cache, with its signing key); a path they cannot"
        + " fetch fails their `flox activate`."));
    out.println("To share the package itself rather than a path on this machine, publish it:"
        + " comfypkgs publish (Flox calls store paths most suitable for local experiments).");
  }
}
