package dev.comfypkgs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.comfypkgs.common.PythonNames;
import dev.comfypkgs.common.TorchNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

  /** The program that lists the packages, written in Nix and given its inputs as strings. */
  private static final String PROGRAM = "index.nix";

  /** The nix-instantiate call that evaluates {@link #PROGRAM} for this nixpkgs. */
  static List<String> command(Path instantiate, Path nixpkgs, String system, Collection<String> torchNames)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(instantiate.toString(), "--eval", "--strict",
        "--json", "-E", program(),
        "--argstr", "nixpkgs", nixpkgs.toAbsolutePath().toString(),
        "--argstr", "torchNames", new ObjectMapper().writeValueAsString(
            torchNames.stream().map(PythonNames::normalize).toList())));
    if (system != null) {
      command.addAll(List.of("--argstr", "system", system));
    }
    return command;
  }

  private static String program() throws IOException {
    try (InputStream in = IndexCommand.class.getResourceAsStream(PROGRAM)) {
      if (in == null) {
        throw new IllegalStateException(PROGRAM + " is missing from the comfypkgs jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
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
    Set<String> torch = new TreeSet<>(TorchNames.CORE);
    Workspace ws = main.workspace();
    // An index can be made before any recipe exists.
    if (Files.exists(ws.recipesJson())) {
      torch.addAll(ws.recipes().torchBearing());
    }
    Tools.Result r = Tools.run(command(instantiate, nixpkgs, system, torch), null, Map.of());
    if (!r.ok()) {
      throw new CliException(ExitCode.FAILED, "nix-instantiate could not evaluate " + nixpkgs + ": "
          + r.stderr().strip() + "\n(a current nixpkgs needs a current Nix; Debian's nix-bin 2.8 is too old for it)");
    }
    Map<String, Boolean> sorted = new TreeMap<>();
    for (JsonNode n : new ObjectMapper().readTree(r.stdout())) {
      sorted.put(n.get("name").asText(), n.get("carriesTorch").asBoolean());
    }
    List<IndexEntry> entries = new ArrayList<>();
    sorted.forEach((name, carriesTorch) -> entries.add(new IndexEntry(name, carriesTorch)));
    if (output == null) {
      PrintWriter out = main.spec.commandLine().getOut();
      OutputFormat.printJson(out, entries);
      out.flush();
    } else {
      AtomicFiles.writeString(output, OutputFormat.toJson(entries) + "\n");
      PrintWriter err = main.spec.commandLine().getErr();
      err.println("wrote " + sorted.size() + " python3.pkgs names ("
          + sorted.values().stream().filter(b -> b).count() + " carrying torch) to " + output);
      err.flush();
    }
    return ExitCode.OK;
  }

  /** One entry of the index, in the form {@link dev.comfypkgs.common.NixpkgsIndexFile} reads. */
  private record IndexEntry(String name, boolean carriesTorch) {}
}
