package dev.comfypkgs.cli;

import dev.comfypkgs.cli.fetch.FileNames;
import dev.comfypkgs.cli.requirements.Classifier;
import dev.comfypkgs.cli.requirements.RequirementsFile;
import dev.comfypkgs.common.NixpkgsIndexFile;
import dev.comfypkgs.common.PythonNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * {@code comfypkgs import-requirements}: what a custom node's requirements.txt means for this
 * repository, one line per requirement, with what to do about it.
 */
@Command(
    name = "import-requirements",
    mixinStandardHelpOptions = true,
    description = "Classifies a custom node's requirements.txt: provided by the runtime, provided"
        + " by a recipe, bundled from nixpkgs, torch-bearing without a recipe yet (with the `new`"
        + " command line to add one), or unknown.")
final class ImportRequirementsCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(paramLabel = "FILE", description = "The requirements file.")
  Path file;

  @Option(names = "--index", paramLabel = "FILE",
      description = "A nixpkgs index from `comfypkgs index` (without it, nixpkgs names are unverified).")
  Path index;

  @Mixin OutputFormat output;

  @Override
  public Integer call() throws IOException {
    // The input first: a bad requirements file is reported whatever the workspace holds.
    List<RequirementsFile.Requirement> requirements = RequirementsFile.read(file);
    RecipesFile recipes = main.workspace().recipes();
    NixpkgsIndexFile idx = index == null ? null : readIndex(index);
    Classifier classifier = new Classifier(recipes, idx == null ? null : idx.names(),
        idx == null ? Set.of() : idx.carryingTorch());
    List<Classifier.Result> results = new ArrayList<>();
    requirements.forEach(r -> results.add(classifier.classify(r)));

    PrintWriter out = main.spec.commandLine().getOut();
    if (output.json()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Classifier.Result r : results) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", r.requirement().file().toString());
        row.put("line", r.requirement().line());
        row.put("requirement", r.requirement().text());
        row.put("name", r.requirement().name());
        row.put("normalized", PythonNames.normalize(r.requirement().name()));
        row.put("kind", r.kind().label());
        row.put("provider", r.provider());
        row.put("nixpkgsAttr", r.nixpkgsAttr());
        row.put("action", r.action());
        rows.add(row);
      }
      OutputFormat.printJson(out, rows);
    } else {
      Path base = file.toAbsolutePath().normalize().getParent();
      // Few files hold many requirements: each file's name is worked out once.
      Map<Path, String> shownFile = new HashMap<>();
      Table table = new Table("WHERE", "REQUIREMENT", "CLASS", "WHAT TO DO");
      for (Classifier.Result r : results) {
        String where = shownFile.computeIfAbsent(r.requirement().file(),
            f -> Terminal.escape(base.relativize(f).toString()));
        table.add(
            where + ":" + r.requirement().line(),
            Terminal.escape(shortened(r.requirement().text())),
            r.kind().label(),
            Terminal.escape(r.action()));
      }
      table.print(out);
      Map<Classifier.Kind, Integer> counts = new EnumMap<>(Classifier.Kind.class);
      results.forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
      List<String> summary = new ArrayList<>();
      counts.forEach((k, v) -> summary.add(v + " " + k.label()));
      out.println(results.size() + " requirements: " + String.join(", ", summary) + ".");
    }
    out.flush();
    return ExitCode.OK;
  }
  /** The nixpkgs index {@code file}; a file that is not one is a usage error. */
  static NixpkgsIndexFile readIndex(Path file) {
    try {
      return NixpkgsIndexFile.read(file);
    } catch (IOException e) {
      // Jackson's messages go on with the parser's location over several lines: one line only.
      String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw CliException.usage(FileNames.display(file) + " is not a nixpkgs index (" + reason
          + "): write it with comfypkgs index.");
    }
  }


  /** At most 48 characters, cut between code points. */
  private static String shortened(String text) {
    return text.codePointCount(0, text.length()) <= 48 ? text
        : text.substring(0, text.offsetByCodePoints(0, 45)) + "...";
  }
}
