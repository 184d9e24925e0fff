package dev.comfypkgs.cli;

import dev.comfypkgs.common.PackageKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code comfypkgs list}: every package and meta-package with where it goes. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists every package and meta-package: attr, kind (Python package, custom"
        + " node(s) with their directories, meta-package), pname, version, platforms, whether"
        + " torch-agnostic, and meta-package membership per system.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Mixin OutputFormat output;

  @Override
  public Integer call() throws Exception {
    RecipesFile r = main.workspace().recipes();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String attr : r.attrs()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("attr", attr);
      r.pkg(attr).ifPresent(p -> {
        // Written as its recipes.json label by --json; described in words by the table.
        row.put("kind", p.kind());
        row.put("customNodes", p.customNodes());
        row.put("pname", p.pname());
        row.put("version", p.version());
        row.put("platforms", p.platforms());
        row.put("torchAgnostic", p.torchAgnostic());
        row.put("inMetaPackages", membership(r, attr));
      });
      r.meta(attr).ifPresent(m -> {
        row.put("kind", "meta-package");
        row.put("pname", m.pname());
        row.put("version", m.version());
        row.put("platforms", m.platforms());
        row.put("torchAgnostic", false);
        row.put("membersBySystem", m.membersBySystem());
      });
      rows.add(row);
    }
    PrintWriter out = main.spec.commandLine().getOut();
    if (output.json()) {
      OutputFormat.printJson(out, rows);
    } else {
      table(out, rows);
    }
    out.flush();
    return ExitCode.OK;
  }

  /** For each meta-package holding the attr, the systems where it does. */
  private static Map<String, List<String>> membership(RecipesFile r, String attr) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (RecipesFile.Meta m : r.metaPackages()) {
      List<String> systems = new ArrayList<>();
      m.membersBySystem().forEach((system, members) -> {
        if (members.contains(attr)) {
          systems.add(system);
        }
      });
      if (!systems.isEmpty()) {
        out.put(m.attr(), systems);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void table(PrintWriter out, List<Map<String, Object>> rows) {
    Table table =
        new Table("ATTR", "KIND", "PNAME", "VERSION", "PLATFORMS", "TORCH-AGNOSTIC", "META-PACKAGES");
    for (Map<String, Object> row : rows) {
      String where;
      if ("meta-package".equals(row.get("kind"))) {
        Map<String, List<String>> bySystem = (Map<String, List<String>>) row.get("membersBySystem");
        List<String> parts = new ArrayList<>();
        bySystem.forEach((system, members) -> parts.add(system + ": " + members.size() + " members"));
        where = "(meta) " + String.join("; ", parts);
      } else {
        Map<String, List<String>> in = (Map<String, List<String>>) row.get("inMetaPackages");
        List<String> parts = new ArrayList<>();
        in.forEach((meta, systems) -> parts.add(meta + " on " + String.join(", ", systems)));
        where = parts.isEmpty() ? "-" : String.join("; ", parts);
      }
      table.add(
          (String) row.get("attr"),
          kind(row),
          (String) row.get("pname"),
          version(row),
          String.join(",", (List<String>) row.get("platforms")),
          Boolean.TRUE.equals(row.get("torchAgnostic")) ? "yes" : "no",
          where);
    }
    table.print(out);
  }

  /** A wrapper has no version of its own: it is the wrapped package's, known once Nix evaluates. */
  private static String version(Map<String, Object> row) {
    return row.get("kind") == PackageKind.WRAPPER ? "(wrapped)" : (String) row.get("version");
  }

  /** What a row is, with the custom nodes it installs, escaped since a recipe spells them. */
  @SuppressWarnings("unchecked")
  private static String kind(Map<String, Object> row) {
    if (!(row.get("kind") instanceof PackageKind kind)) {
      return "meta-package";
    }
    List<String> directories = (List<String>) row.get("customNodes");
    if (directories.size() > 1) {
      // A bundle's directories would fill the line: --json lists them.
      return kind.description() + " (" + directories.size() + " nodes)";
    }
    return directories.isEmpty()
        ? kind.description()
        : kind.description() + " " + Terminal.escape(directories.get(0));
  }
}
