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
 */
@Command(
    name = "smoke",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the runtime import check: torch's device, then every @SmokeImport module.",
      "Without --python it prints the script to run with the runtime environment's python.",
      "Packages whose platforms leave out the system (this machine's, or --system) are skipped"
          + " and named; naming one is an error."
    })
final class SmokeCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--python", paramLabel = "PATH",
      description = "The runtime environment's Python (e.g. from `flox activate`).")
  Path python;

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
    Set<String> modules = new LinkedHashSet<>();
    for (String attr : selected.attrs()) {
      for (String module : recipes.pkg(attr).map(RecipesFile.Package::smokeImports).orElse(List.of())) {
        if (!Names.isPythonModule(module)) {
          throw CliException.usage(attr + "'s @SmokeImport '" + Terminal.escape(module) + "' is not a"
              + " Python module name (identifiers joined by dots); fix the recipe and regenerate.");
        }
        modules.add(module);
      }
    }
    String script = script(List.copyOf(modules));
    PrintWriter out = main.spec.commandLine().getOut();
    if (python == null) {
      out.println("# No --python given: run this with the runtime environment's python.");
      out.print(script);
      out.flush();
      return ExitCode.OK;
    }
    if (!Files.isExecutable(python)) {
      throw CliException.missingTool(python.toString(), "Give the runtime environment's python,"
          + " e.g. --python \"$(flox activate -d <runtime env> -- which python)\".");
    }
    Path file = Files.createTempFile("comfypkgs-smoke", ".py");
    try {
      Files.writeString(file, script);
      Tools.Result r = Tools.run(List.of(python.toString(), file.toString()), null, Map.of());
      int failures = 0;
      for (String line : Tools.lines(r.stdout())) {
        out.println(line);
        if (line.startsWith("FAIL")) {
          failures++;
        }
      }
      if (!r.ok() && failures == 0) {
        out.println("FAIL python exited " + r.exitCode() + ": " + r.stderr().strip());
        failures++;
      }
      out.println(failures == 0 ? "Smoke test passed." : "Smoke test failed: " + failures + " import(s).");
      out.flush();
      return failures == 0 ? ExitCode.OK : ExitCode.FAILED;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The check script; each result on its own line starting with ok or FAIL. */
  static String script(List<String> modules) {
    StringBuilder s = new StringBuilder();
    s.append("import importlib, sys\n");
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
