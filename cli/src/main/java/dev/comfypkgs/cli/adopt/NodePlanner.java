package dev.comfypkgs.cli.adopt;

import com.palantir.javapoet.ClassName;
import dev.comfypkgs.cli.RecipesFile;
import dev.comfypkgs.cli.requirements.Classifier;
import dev.comfypkgs.cli.requirements.MarkerEnvironment;
import dev.comfypkgs.cli.requirements.Markers;
import dev.comfypkgs.cli.requirements.RequirementsFile;
import dev.comfypkgs.common.PackageKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sorts what a node asks for into what its recipe says, as {@code import-requirements} classifies
 * it: markers are evaluated for Linux (kept when true on x86_64 or aarch64, or when they cannot be
 * decided, which is flagged), runtime names are dropped, recipe-provided ones become
 * {@code @Requires}, names that bring torch get a rebuild ({@link RebuildPlanner}) and are
 * required, nixpkgs names are bundled, and the rest is listed for a human. A node cannot remove a
 * requirement (CPK117), so nothing here is written as a removal.
 */
final class NodePlanner {
  /** The systems the node is built for: markers were evaluated for Linux only. */
  static final List<String> LINUX_SYSTEMS = List.of("x86_64-linux", "aarch64-linux");

  /**
   * The node's side of the plan.
   *
   * @param bundled nixpkgs attrs, sorted
   * @param runtime names the runtime provides, as the node spells them
   * @param reused the recipes required, in the order first asked for
   * @param rebuilt the new rebuilds required, by requirement name
   * @param systems the Linux systems every required recipe supports
   * @param skipped requirements whose marker is false on Linux, each with where it was written
   * @param needsHuman lines for a human: unknown names, torch carriers with no source, undecided markers
   */
  record Plan(List<String> bundled, List<String> runtime, List<RecipesFile.Package> reused,
      Map<String, ClassName> rebuilt, List<String> systems, List<String> skipped, List<String> needsHuman) {

    /** The recipes' classes, for {@code @Requires}: the new rebuilds', then the existing ones'. */
    List<ClassName> requires() {
      List<ClassName> out = new ArrayList<>(rebuilt.values());
      reused.stream().map(p -> ClassName.bestGuess(p.recipeClass())).forEach(out::add);
      return out;
    }
  }

  private final Classifier classifier;
  private final String pythonVersion;
  private final List<String> skipped = new ArrayList<>();
  private final List<String> needsHuman = new ArrayList<>();

  NodePlanner(Classifier classifier, String pythonVersion) {
    this.classifier = classifier;
    this.pythonVersion = pythonVersion;
  }

  /** The requirements whose markers may hold on Linux; the others are noted as skipped. */
  List<NodeReader.Wanted> onLinux(List<NodeReader.Wanted> wanted) {
    List<NodeReader.Wanted> kept = new ArrayList<>();
    for (NodeReader.Wanted w : wanted) {
      if (w.marker() != null) {
        Markers.Truth truth = onLinux(w.marker());
        if (truth == Markers.Truth.FALSE) {
          skipped.add(w.name() + " (" + w.where() + ": not on Linux with Python " + pythonVersion + ")");
          continue;
        }
        if (truth == Markers.Truth.UNDECIDED) {
          needsHuman.add("marker    " + w.name() + " (" + w.where() + "): \"" + w.marker()
              + "\" cannot be decided here; kept");
        }
      }
      kept.add(w);
    }
    return kept;
  }

  /** Plans the node's side from the requirements {@link #onLinux} kept. */
  Plan plan(List<NodeReader.Wanted> kept, RebuildPlanner rebuilds) throws IOException {
    Set<String> bundled = new TreeSet<>();
    Set<String> runtime = new LinkedHashSet<>();
    Set<RecipesFile.Package> reused = new LinkedHashSet<>();
    Map<String, ClassName> rebuilt = new LinkedHashMap<>();
    for (NodeReader.Wanted w : kept) {
      Classifier.Decision d = classifier.decide(w.name(), w.url());
      Classifier.Kind kind = d.kind();
      boolean bringsTorch = kind == Classifier.Kind.TORCH_BEARING
          || (kind != Classifier.Kind.RUNTIME && kind != Classifier.Kind.RECIPE && rebuilds.bringsTorch(w.name()));
      if (bringsTorch && w.url() == null) {
        Optional<ClassName> cls = rebuilds.plan(w.name());
        if (cls.isPresent()) {
          rebuilt.put(w.name(), cls.get());
        } else {
          needsHuman.add("torch     " + w.name() + " (" + w.where() + "): carries torch ("
              + rebuilds.chain(w.name()) + ") and no rebuild could be written; left out");
        }
        continue;
      }
      switch (kind) {
        case RUNTIME -> runtime.add(w.name());
        case NIXPKGS -> bundled.add(d.nixpkgsAttr());
        case RECIPE -> {
          RecipesFile.Package p = d.recipe();
          if (p.kind() != PackageKind.PYTHON_PACKAGE || p.recipeClass() == null) {
            needsHuman.add("recipe    " + w.name() + " (" + w.where() + "): provided by " + p.pname()
                + ", a " + p.kind().description() + ", which a node cannot @Requires");
          } else {
            reused.add(p);
          }
        }
        // What import-requirements would tell the maintainer to do, in its words.
        case TORCH_BEARING, UNKNOWN -> needsHuman.add(String.format("%-9s %s (%s): %s",
            kind == Classifier.Kind.UNKNOWN ? "unknown" : "torch", w.name(), w.where(),
            classifier.classify(requirement(w)).action()));
      }
    }
    List<String> systems = new ArrayList<>(LINUX_SYSTEMS);
    for (RecipesFile.Package p : reused) {
      if (!p.platforms().isEmpty()) {
        systems.retainAll(p.platforms());
      }
    }
    return new Plan(List.copyOf(bundled), List.copyOf(runtime), List.copyOf(reused), rebuilt,
        List.copyOf(systems), List.copyOf(skipped), List.copyOf(needsHuman));
  }

  private static RequirementsFile.Requirement requirement(NodeReader.Wanted w) {
    return new RequirementsFile.Requirement(Path.of(w.where()), 0, w.name(), w.name(), w.url(), w.extras(), w.marker());
  }

  /** True when the marker holds on either Linux machine, undecided when it may, else false. */
  private Markers.Truth onLinux(String marker) {
    Markers.Truth result = Markers.Truth.FALSE;
    for (String machine : MarkerEnvironment.LINUX_MACHINES) {
      Markers.Truth t = Markers.evaluate(marker, MarkerEnvironment.linux(pythonVersion, machine));
      if (t == Markers.Truth.TRUE) {
        return t;
      }
      if (t == Markers.Truth.UNDECIDED) {
        result = t;
      }
    }
    return result;
  }
}
