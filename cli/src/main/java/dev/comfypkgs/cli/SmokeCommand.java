package dev.comfypkgs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs smoke}: the spec's runtime import check. Imports torch and reports its device,
 * then imports every {@code @SmokeImport} module, reporting each; run with the runtime's Python.
 * Every custom node's directory must be in the environment's {@code share/comfyui/custom_nodes}:
 * checked here for {@code --env}, else by the script under {@code $FLOX_ENV}.
 */
@Command(
    name = "smoke",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the runtime import check: torch's device, then every @SmokeImport module.",
      "Without --python it prints the script to run with the runtime environment's python.",
      "Each custom node's directory must be in share/comfyui/custom_nodes of the environment:"
          + " --env, else the script's $FLOX_ENV.",
      "Packages whose platforms leave out the system (this machine's, or --system) are skipped"
          + " and named; naming one is an error."
    })
final class SmokeCommand implements Callable<Integer> {
  /** Where an environment holds its custom nodes, as the {@code @CustomNode} packages install them. */
  private static final String CUSTOM_NODES = "share/comfyui/custom_nodes";

  @ParentCommand Main main;

  @Option(names = "--python", paramLabel = "PATH",
      description = "The runtime environment's Python (e.g. from `flox activate`).")
  Path python;

  @Option(names = "--env", paramLabel = "PATH",
      description = "The runtime environment's root (the activated environment's $FLOX_ENV),"
          + " whose share/comfyui/custom_nodes must hold every custom node's directory.")
  Path env;

  @Parameters(paramLabel = "ATTR", arity = "0..*",
      description = "Only these packages' modules (default: those of every package the system"
          + " supports).")
  List<String> attrs = new ArrayList<>();

  @Mixin SystemOption systemOption;

  @Override
  public Integer call() throws IOException {
    RecipesFile recipes = main.workspace().recipes();
    List<String> candidates = attrs.isEmpty() ? recipes.attrs() : recipes.resolve(attrs);
    SystemSelection selected =
        SystemSelection.of(recipes, systemOption.system(), candidates, attrs.isEmpty());
    // On stderr: without --python, stdout is the script.
    PrintWriter err = main.spec.commandLine().getErr();
    selected.skipped().forEach(s -> err.println(s.line()));
    err.flush();
    if (env != null && !Files.isDirectory(env)) {
      throw CliException.usage("--env " + Terminal.escape(env.toString()) + " is not a directory;"
          + " give the runtime environment's root, e.g. --env \"$FLOX_ENV\".");
    }
    if (python != null && !Files.isExecutable(python)) {
      throw CliException.missingTool(python.toString(), "Give the runtime environment's python,"
          + " e.g. --python \"$(flox activate -d <runtime env> -- which python)\".");
    }
    Set<String> modules = new LinkedHashSet<>();
    // RecipesFile checked each directory is one path segment, so none can leave custom_nodes.
    Set<String> customNodes = new LinkedHashSet<>();
    for (String attr : selected.attrs()) {
      recipes.pkg(attr).ifPresent(p -> customNodes.addAll(p.customNodes()));
      for (String module : recipes.pkg(attr).map(RecipesFile.Package::smokeImports).orElse(List.of())) {
        if (!Names.isPythonModule(module)) {
          throw CliException.usage(attr + "'s @SmokeImport '" + Terminal.escape(module) + "' is not a"
              + " Python module name (identifiers joined by dots); fix the recipe and regenerate.");
        }
        modules.add(module);
      }
    }
    PrintWriter out = main.spec.commandLine().getOut();
    int failures = 0;
    if (env != null) {
      failures += checkCustomNodes(out, List.copyOf(customNodes));
      if (python == null) {
        err.println("imports not checked: give --python to run them.");
        err.flush();
        return summary(out, failures);
      }
    }
    // With --env the nodes were checked here; the script checks them only under $FLOX_ENV.
    String script = script(List.copyOf(modules), env == null ? List.copyOf(customNodes) : List.of());
    if (python == null) {
      out.println("# No --python given: run this with the runtime environment's python.");
      out.print(script);
      out.flush();
      return ExitCode.OK;
    }
    Path file = Files.createTempFile("comfypkgs-smoke", ".py");
    try {
      Files.writeString(file, script);
      Tools.Result r = Tools.run(List.of(python.toString(), file.toString()), null, Map.of());
      int scriptFailures = 0;
      for (String line : Tools.lines(r.stdout())) {
        out.println(line);
        if (line.startsWith("FAIL")) {
          scriptFailures++;
        }
      }
      if (!r.ok() && scriptFailures == 0) {
        out.println("FAIL python exited " + r.exitCode() + ": " + r.stderr().strip());
        scriptFailures++;
      }
      failures += scriptFailures;
      return summary(out, failures);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static int summary(PrintWriter out, int failures) {
    out.println(failures == 0 ? "Smoke test passed." : "Smoke test failed: " + failures + " check(s).");
    out.flush();
    return failures == 0 ? ExitCode.OK : ExitCode.FAILED;
  }

  /** Reports each custom node's directory under {@link #env} as the script would; the failures. */
  private int checkCustomNodes(PrintWriter out, List<String> directories) {
    Path customNodes = env.resolve(CUSTOM_NODES);
    int failures = 0;
    for (String directory : directories) {
      Path installed = customNodes.resolve(directory);
      if (Files.isDirectory(installed)) {
        out.println("ok custom node " + Terminal.escape(directory));
      } else {
        failures++;
        out.println("FAIL custom node " + Terminal.escape(directory) + ": no directory "
            + Terminal.escape(installed.toString()));
      }
    }
    return failures;
  }

  /**
   * The check script; each result on its own line starting with ok or FAIL. Each of {@code
   * customNodes} must be a directory in {@code $FLOX_ENV}'s custom nodes.
   */
  static String script(List<String> modules, List<String> customNodes) {
    StringBuilder s = new StringBuilder();
    s.append("import importlib, os, sys\n");
    s.append("failed = 0\n");
    s.append("try:\n");
    s.append("    import torch\n");
    s.append("    if torch.cuda.is_available():\n");
    s.append("        device = 'CUDA ' + torch.cuda.get_device_name(0)\n");
    s.append("    elif getattr(getattr(torch, 'backends', None), 'mps', None) is not None"
        + " and torch.backends.mps.is_available():\n");
    s.append("        device = 'MPS'\n");
    s.append("    else:\n");
    s.append("        device = 'CPU'\n");
    s.append("    print('ok torch ' + str(getattr(torch, '__version__', '?')) + ' device ' + device"
        + " + ' from ' + str(getattr(torch, '__file__', '?')))\n");
    s.append("except Exception as e:\n");
    s.append("    failed += 1\n");
    s.append("    print('FAIL torch: ' + type(e).__name__ + ': ' + str(e))\n");
    s.append("for name in [");
    for (int i = 0; i < modules.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(pythonString(modules.get(i)));
    }
    s.append("]:\n");
    s.append("    try:\n");
    s.append("        importlib.import_module(name)\n");
    s.append("        print('ok ' + name)\n");
    s.append("    except Exception as e:\n");
    s.append("        failed += 1\n");
    s.append("        print('FAIL ' + name + ': ' + type(e).__name__ + ': ' + str(e))\n");
    if (!customNodes.isEmpty()) {
      s.append("env = os.environ.get('FLOX_ENV')\n");
      s.append("for name in [");
      for (int i = 0; i < customNodes.size(); i++) {
        s.append(i == 0 ? "" : ", ").append(pythonString(customNodes.get(i)));
      }
      s.append("]:\n");
      s.append("    if env is None:\n");
      s.append("        failed += 1\n");
      s.append("        print('FAIL custom node ' + name + ': FLOX_ENV is not set; activate the"
          + " environment or give --env')\n");
      s.append("        continue\n");
      s.append("    path = os.path.join(env, " + pythonString(CUSTOM_NODES) + ", name)\n");
      s.append("    if os.path.isdir(path):\n");
      s.append("        print('ok custom node ' + name)\n");
      s.append("    else:\n");
      s.append("        failed += 1\n");
      s.append("        print('FAIL custom node ' + name + ': no directory ' + path)\n");
    }
    s.append("sys.exit(1 if failed else 0)\n");
    return s.toString();
  }

  /**
   * A Python string literal holding exactly {@code text}: printable ASCII as it is (quote and
   * backslash escaped), every other code point as a hexadecimal escape, so no text can end the
   * literal, the line or the statement it stands in.
   */
  static String pythonString(String text) {
    StringBuilder out = new StringBuilder("'");
    text.codePoints().forEach(c -> {
      if (c == '\\' || c == '\'') {
        out.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append((char) c);
      } else if (c < 0x100) {
        out.append(String.format("\\x%02x", c));
      } else if (c < 0x10000) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.append(String.format("\\U%08x", c));
      }
    });
    return out.append('\'').toString();
  }
}
