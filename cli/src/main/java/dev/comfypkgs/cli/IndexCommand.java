package dev.comfypkgs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs index}: every {@code python3.pkgs} attribute of a nixpkgs, and whether each
 * carries torch at run time (torch or a torch-bearing name anywhere in its propagated
 * dependencies), for the processor's unknown-name rule and for import-requirements.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = "Writes the python3.pkgs attribute names of a nixpkgs, each with whether it carries"
        + " torch at run time, as the JSON the processor (-Acomfypkgs.nixpkgsIndex) and"
        + " import-requirements (--index) read. Needs a Nix new enough to evaluate that nixpkgs.")
final class IndexCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--nixpkgs", required = true, paramLabel = "PATH", description = "The nixpkgs to index.")
  Path nixpkgs;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where to write the index (default: standard output).")
  Path output;

  @Option(names = "--system", paramLabel = "SYSTEM", description = "Evaluate for this system (default: the host's).")
  String system;

  static String expression(Path nixpkgs, String system, List<String> torchNames) {
    StringBuilder torch = new StringBuilder("[");
    for (String n : torchNames) {
      torch.append(' ').append(quote(Names.normalize(n)));
    }
    torch.append(" ]");
    return String.join("\n",
        "let",
        "  pkgs = import " + quote(nixpkgs.toAbsolutePath().toString()) + " "
            + (system == null ? "{ }" : "{ system = " + quote(system) + "; }") + ";",
        "  py = pkgs.python3.pkgs;",
        "  torchNames = " + torch + ";",
        "  norm = n: builtins.replaceStrings [ \"_\" \".\" \"A\" \"B\" \"C\" \"D\" \"E\" \"F\" \"G\" \"H\" \"I\" \"J\" \"K\" \"L\" \"M\" \"N\" \"O\" \"P\" \"Q\" \"R\" \"S\" \"T\" \"U\" \"V\" \"W\" \"X\" \"Y\" \"Z\" ]"
            + " [ \"-\" \"-\" \"a\" \"b\" \"c\" \"d\" \"e\" \"f\" \"g\" \"h\" \"i\" \"j\" \"k\" \"l\" \"m\" \"n\" \"o\" \"p\" \"q\" \"r\" \"s\" \"t\" \"u\" \"v\" \"w\" \"x\" \"y\" \"z\" ] n;",
        "  isPackage = n: let r = builtins.tryEval (let v = py.${n}; in builtins.isAttrs v && v ? outPath && v ? pname); in r.success && r.value;",
        "  deps = v: builtins.filter (d: builtins.isAttrs d && d ? pname) ((v.propagatedBuildInputs or [ ]) ++ (v.dependencies or [ ]));",
        "  carries = n: let closure = builtins.genericClosure {",
        "      startSet = [ { key = n; drv = py.${n}; } ];",
        "      operator = item: map (d: { key = d.pname; drv = d; }) (deps item.drv);",
        "    }; in builtins.any (i: builtins.elem (norm i.drv.pname) torchNames) closure;",
        "  safeCarries = n: let r = builtins.tryEval (carries n); in r.success && r.value;",
        "in",
        "map (n: { name = n; carriesTorch = safeCarries n; }) (builtins.filter isPackage (builtins.attrNames py))",
        "");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "\\${") + "\"";
  }

  @Override
  public Integer call() throws IOException {
    if (output != null && Files.isDirectory(output)) {
      throw CliException.usage(output + " is a directory: -o takes the file to write the index to.");
    }
    if (output != null && !Files.isDirectory(output.toAbsolutePath().getParent())) {
      throw CliException.usage(output.toAbsolutePath().getParent() + " is not a directory: -o"
          + " writes into an existing directory.");
    }
    Path instantiate = Tools.require("nix-instantiate", Tools.INSTALL_NIX);
    List<String> torch = new ArrayList<>(List.of("torch", "torchvision", "torchaudio", "triton"));
    Workspace ws = main.workspace();
    // An index can be made before any recipe exists.
    if (Files.exists(ws.recipesJson())) {
      torch.addAll(ws.recipes().torchBearing());
    }
    Tools.Result r = Tools.run(List.of(instantiate.toString(), "--eval", "--strict", "--json", "-E",
        expression(nixpkgs, system, torch)), null, Map.of());
    if (!r.ok()) {
      throw new CliException(ExitCode.FAILED, "nix-instantiate could not evaluate " + nixpkgs + ": "
          + r.stderr().strip() + "\n(a current nixpkgs needs a current Nix; Debian's nix-bin 2.8 is too old for it)");
    }
    Map<String, Boolean> sorted = new TreeMap<>();
    for (JsonNode n : new ObjectMapper().readTree(r.stdout())) {
      sorted.put(n.get("name").asText(), n.get("carriesTorch").asBoolean());
    }
    StringBuilder json = new StringBuilder("[\n");
    int i = 0;
    for (Map.Entry<String, Boolean> e : sorted.entrySet()) {
      json.append("  {\"name\": ").append(new ObjectMapper().writeValueAsString(e.getKey()))
          .append(", \"carriesTorch\": ").append(e.getValue()).append('}')
          .append(++i < sorted.size() ? ",\n" : "\n");
    }
    json.append("]\n");
    if (output == null) {
      PrintWriter out = main.spec.commandLine().getOut();
      out.print(json);
      out.flush();
    } else {
      AtomicFiles.writeString(output, json.toString());
      PrintWriter err = main.spec.commandLine().getErr();
      err.println("wrote " + sorted.size() + " python3.pkgs names ("
          + sorted.values().stream().filter(b -> b).count() + " carrying torch) to " + output);
      err.flush();
    }
    return ExitCode.OK;
  }
}
