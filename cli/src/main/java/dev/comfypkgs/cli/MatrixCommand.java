package dev.comfypkgs.cli;

import dev.comfypkgs.common.PackageKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comfypkgs matrix}: the spec's "Platform Support Summary", computed from
 * {@code recipes.json}. The recipes fall into categories; a category is one row naming a few of
 * its members, and a member whose platforms differ from those most of its category share gets a
 * row of its own, as the spec lists {@code comfyui-pixeloe} apart from the other rebuilds.
 */
@Command(
    name = "matrix",
    mixinStandardHelpOptions = true,
    description = "Prints which systems each category of package supports, as a Markdown table:"
        + " the README's platform table. --update FILE rewrites that table in FILE.")
final class MatrixCommand implements Callable<Integer> {
  /** The lines around the table in a Markdown file; {@code --update} replaces what is between. */
  static final String BEGIN = "<!-- comfypkgs matrix: begin -->";

  static final String END = "<!-- comfypkgs matrix: end -->";

  /** How many members a category's row names before "etc.", as the spec's rows do. */
  private static final int NAMED_MEMBERS = 2;

  @ParentCommand Main main;

  @Mixin OutputFormat output;

  @Option(
      names = "--update",
      paramLabel = "FILE",
      description = "Replace the table between the lines `" + BEGIN + "` and `" + END + "` of"
          + " FILE (the README) with this one, in one rename; nothing else in FILE changes.")
  Path update;

  /** One member of a category: a package, a nixpkgs name or a meta-package, and its systems. */
  record Member(String name, List<String> platforms) {}

  /**
   * A group of rows: what a kind of recipe holds. {@code owner} is the meta-package a category
   * belongs to, or null; {@code title} and {@code noun} are followed by it when there is one.
   */
  record Category(String id, String title, String noun, String owner, List<Member> members) {}

  /** One line of the table. {@code outlier}: one member apart from its category's majority. */
  record Row(Category category, List<String> members, List<String> platforms, boolean outlier) {}

  @Override
  public Integer call() throws IOException {
    if (update != null && output.json()) {
      throw CliException.usage("--update writes the Markdown table; it cannot be combined with --json");
    }
    RecipesFile r = main.workspace().recipes();
    List<Row> rows = rows(categories(r), r.systems());
    PrintWriter out = main.spec.commandLine().getOut();
    if (output.json()) {
      OutputFormat.printJson(out, json(r.systems(), rows));
    } else if (update != null) {
      replaceSection(update, markdown(r.systems(), rows));
      out.println("updated the platform table in " + Terminal.escape(update.toString()));
    } else {
      out.print(markdown(r.systems(), rows));
    }
    out.flush();
    return ExitCode.OK;
  }

  /**
   * The recipes as categories, in the order they are printed. A package belongs to the first
   * package category whose test it passes, so a new kind of recipe is one line here: a
   * {@link #packages} line above the torch-agnostic one for a kind of package, or an
   * {@code out.add} of its own {@link Member}s for a kind kept apart in {@code recipes.json}.
   */
  private static List<Category> categories(RecipesFile r) {
    List<Category> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    out.add(packages(r, taken, "custom-node", "Custom nodes", "custom node",
        RecipesFile.Package::isCustomNode));
    out.add(packages(r, taken, "workflows", "Workflows", "workflows package",
        RecipesFile.Package::isWorkflows));
    out.add(packages(r, taken, "wrapper", "Wrappers of nixpkgs packages", "wrapper",
        p -> p.kind() == PackageKind.WRAPPER));
    out.add(packages(r, taken, "torch-agnostic", "Torch-agnostic rebuilds", "torch-agnostic rebuild",
        RecipesFile.Package::torchAgnostic));
    out.add(packages(r, taken, "clean", "Clean packages", "clean package", p -> true));
    for (RecipesFile.Meta m : r.metaPackages()) {
      out.add(new Category("nixpkgs", "nixpkgs packages bundled by", "from nixpkgs, bundled by",
          m.attr(), bundledNixpkgs(m)));
    }
    out.add(new Category("meta-package", "Meta-packages", "meta-package", null,
        r.metaPackages().stream().map(m -> new Member(m.attr(), m.platforms())).toList()));
    return out;
  }

  /** The packages {@code test} accepts that no earlier category took. */
  private static Category packages(RecipesFile r, Set<String> taken, String id, String title,
      String noun, Predicate<RecipesFile.Package> test) {
    List<Member> members = new ArrayList<>();
    for (RecipesFile.Package p : r.packages()) {
      if (test.test(p) && taken.add(p.attr())) {
        members.add(new Member(p.attr(), p.platforms()));
      }
    }
    return new Category(id, title, noun, null, members);
  }

  /**
   * The nixpkgs names a meta-package holds, plain or in a bundle, each on the systems where the
   * meta-package holds it: nixpkgs says nothing about platforms in {@code recipes.json}, and
   * where the meta-package puts a name is what an environment gets.
   */
  private static List<Member> bundledNixpkgs(RecipesFile.Meta m) {
    Set<String> names = new HashSet<>(m.nixpkgs());
    m.bundles().forEach(b -> names.addAll(b.names()));
    List<Member> out = new ArrayList<>();
    for (String name : names) {
      List<String> systems = new ArrayList<>();
      m.membersBySystem().forEach((system, members) -> {
        if (members.contains(name)) {
          systems.add(system);
        }
      });
      out.add(new Member(name, systems));
    }
    return out;
  }

  /**
   * Each category's rows: one for the platform set most of its members share (ties go to the set
   * of the member whose name sorts first), naming them, then one per member apart from it, by
   * name. Platforms are kept in {@code recipes.json}'s order of systems; an empty category has
   * no row.
   */
  private static List<Row> rows(List<Category> categories, List<String> systems) {
    List<Row> rows = new ArrayList<>();
    for (Category c : categories) {
      Map<String, List<String>> platformsOf = new TreeMap<>();
      for (Member m : c.members()) {
        platformsOf.put(m.name(), systems.stream().filter(m.platforms()::contains).toList());
      }
      // In order of each set's first name, so the tie-break below is by name.
      Map<List<String>, List<String>> membersBySet = new LinkedHashMap<>();
      platformsOf.forEach((name, platforms) ->
          membersBySet.computeIfAbsent(platforms, k -> new ArrayList<>()).add(name));
      List<String> majority = null;
      for (Map.Entry<List<String>, List<String>> e : membersBySet.entrySet()) {
        if (majority == null || e.getValue().size() > membersBySet.get(majority).size()) {
          majority = e.getKey();
        }
      }
      if (majority == null) {
        continue;
      }
      rows.add(new Row(c, membersBySet.get(majority), majority, false));
      for (Map.Entry<String, List<String>> e : platformsOf.entrySet()) {
        if (!e.getValue().equals(majority)) {
          rows.add(new Row(c, List.of(e.getKey()), e.getValue(), true));
        }
      }
    }
    return rows;
  }

  /**
   * The table as GitHub renders it, laid out as the spec's: a header of the systems, ✓ and ✗
   * centred, one line per row, each ended by a newline (not the platform's separator: this is a
   * file's text). Every name is escaped for the terminal first, then for Markdown.
   */
  private static String markdown(List<String> systems, List<Row> rows) {
    StringBuilder text = new StringBuilder();
    List<String> headers = systems.stream().map(s -> Markdown.text(Terminal.escape(s))).toList();
    text.append("| Category | ").append(String.join(" | ", headers)).append(" |\n");
    text.append("|----------|");
    headers.forEach(h -> text.append(':').append("-".repeat(h.length())).append(":|"));
    text.append('\n');
    for (Row row : rows) {
      text.append("| ").append(label(row)).append(" |");
      for (String system : systems) {
        text.append(row.platforms().contains(system) ? " ✓ |" : " ✗ |");
      }
      text.append('\n');
    }
    return text.toString();
  }

  /**
   * "Torch-agnostic rebuilds (`a`, `b`, etc.)" for a category's row, "`c` (torch-agnostic
   * rebuild)" for a member apart.
   */
  private static String label(Row row) {
    Category c = row.category();
    String owner = c.owner() == null ? "" : " " + code(c.owner());
    if (row.outlier()) {
      return code(row.members().get(0)) + " (" + c.noun() + owner + ")";
    }
    List<String> named = new ArrayList<>();
    row.members().stream().limit(NAMED_MEMBERS).forEach(m -> named.add(code(m)));
    if (row.members().size() > NAMED_MEMBERS) {
      named.add("etc.");
    }
    return c.title() + owner + " (" + String.join(", ", named) + ")";
  }

  private static String code(String name) {
    return Markdown.code(Terminal.escape(name));
  }

  /** {@code {"systems": [...], "rows": [{"category", "metaPackage"?, "title", ...}]}}. */
  private static Map<String, Object> json(List<String> systems, List<Row> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row row : rows) {
      Category c = row.category();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("category", c.id());
      if (c.owner() != null) {
        entry.put("metaPackage", c.owner());
      }
      entry.put("title", c.title() + (c.owner() == null ? "" : " " + c.owner()));
      entry.put("outlier", row.outlier());
      entry.put("members", row.members());
      entry.put("platforms", row.platforms());
      out.add(entry);
    }
    Map<String, Object> matrix = new LinkedHashMap<>();
    matrix.put("systems", systems);
    matrix.put("rows", out);
    return matrix;
  }

  /**
   * Replaces what is between the {@link #BEGIN} and {@link #END} lines of {@code file} with
   * {@code table}, in one rename: the rest of the file keeps its bytes, and a file without
   * exactly one of each marker, in that order, is refused and left as it was.
   */
  private static void replaceSection(Path file, String table) throws IOException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw CliException.usage(file + " does not exist");
    } catch (CharacterCodingException e) {
      throw CliException.usage(file + " is not UTF-8 text");
    }
    int begin = markerLine(file, text, BEGIN);
    int end = markerLine(file, text, END);
    if (end < begin) {
      throw CliException.usage(file + ": `" + END + "` comes before `" + BEGIN + "`");
    }
    int tableStart = text.indexOf('\n', begin) + 1;
    AtomicFiles.writeString(file, text.substring(0, tableStart) + table + text.substring(end));
  }

  /** Where the one line that is exactly {@code marker} starts. */
  private static int markerLine(Path file, String text, String marker) {
    List<Integer> found = new ArrayList<>();
    int at = 0;
    for (String line : text.split("\n", -1)) {
      if (line.equals(marker)) {
        found.add(at);
      }
      at += line.length() + 1;
    }
    if (found.size() != 1) {
      throw CliException.usage(file + " has " + (found.isEmpty() ? "no" : found.size()) + " line `"
          + marker + "`: it needs exactly one `" + BEGIN + "` and one `" + END + "` around the table");
    }
    return found.get(0);
  }
}
