package dev.comfypkgs.cli.pypi;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.Terminal;
import dev.comfypkgs.cli.requirements.Classifier;
import dev.comfypkgs.cli.requirements.MarkerEnvironment;
import dev.comfypkgs.cli.requirements.Markers;
import dev.comfypkgs.cli.requirements.Pep508;
import dev.comfypkgs.cli.requirements.RequirementsFile;
import dev.comfypkgs.common.PythonNames;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which requirements bring torch, transitively through PyPI's {@code requires_dist}. What the
 * repository already knows decides without a lookup ({@link Classifier}: torch and the names known
 * to carry it, recipes, the runtime's names, nixpkgs names an index verified); every other name
 * is looked up once, breadth first, to a bounded depth and a bounded number of lookups.
 *
 * <p>Reach is computed on the finished graph, backward from what carries torch, not during the
 * walk: with A → B → A and A → torch, a depth-first walk would settle B as clean while A is still
 * open. Each torch-bearing name gets the chain that shows why ({@code foo → bar → torch}).
 */
public final class TorchReach {
  /** Levels looked up, the node's own requirements being the first, unless asked otherwise. */
  public static final int DEFAULT_MAX_DEPTH = 4;
  /** The most levels one may ask for: {@link #MAX_LOOKUPS} stops a wide walk long before. */
  public static final int MAX_DEPTH = 20;
  /** PyPI lookups one walk may make before it stops. */
  public static final int MAX_LOOKUPS = 300;

  /** Whether a name brings torch. */
  public enum Reach {
    /** It is, or requires, something that carries torch. */
    TORCH,
    /** Nothing it requires carries torch, as far as everything it requires is known. */
    CLEAN,
    /** It could not be told: not on PyPI, a direct URL, a dependency not read, or too deep. */
    UNKNOWN
  }

  /**
   * What was found for one name (PEP 503 normal form): its reach; the chain of names from it to
   * what decides (for {@link Reach#TORCH} ending at the torch carrier, for {@link Reach#UNKNOWN}
   * at the name that could not be told, for {@link Reach#CLEAN} just the name); and, unless clean,
   * why the last name of the chain is what it is.
   */
  public record Verdict(String name, Reach reach, List<String> chain, String reason) {}

  /** A requirement the walk starts from: the node's own, after its markers were evaluated. */
  public record Start(String name, String url, List<String> extras) {
    public static Start of(RequirementsFile.Requirement r) {
      return new Start(r.name(), r.url(), r.extras());
    }

    public static Start of(Pep508.Dependency d) {
      return new Start(d.name(), d.url(), d.extras());
    }
  }

  /**
   * What the walk found: a verdict for every name it met, and notes a maintainer should read
   * (markers it could not decide, entries it could not parse), in the order met.
   */
  public record Result(Map<String, Verdict> verdicts, List<String> notes, int lookups) {
    /** The verdict on a name in any spelling, if the walk met it. */
    public Optional<Verdict> of(String name) {
      return Optional.ofNullable(verdicts.get(PythonNames.normalize(name)));
    }
  }

  /** What a name is before reach is computed. */
  private enum State { TORCH, CLEAN, UNKNOWN, LOOKUP }

  private static final class Node {
    final String name;
    State state;
    String reason;
    boolean expanded;
    final Set<String> extras = new LinkedHashSet<>();
    final Set<String> edges = new LinkedHashSet<>();

    Node(String name, State state, String reason) {
      this.name = name;
      this.state = state;
      this.reason = reason;
    }
  }

  private record Item(String spelled, String url, List<String> extras, int depth) {}

  private final Classifier classifier;
  private final PyPIJson.Client client;
  private final List<MarkerEnvironment> platforms;
  private final int maxDepth;
  private final int maxLookups;

  /**
   * @param platforms the environments a requirement must hold in, in at least one, to be followed
   * @param maxDepth how many levels are looked up: the starting requirements are level 1
   * @param maxLookups the most names this walk may look up; one more is an error
   */
  public TorchReach(Classifier classifier, PyPIJson.Client client, List<MarkerEnvironment> platforms,
      int maxDepth, int maxLookups) {
    this.classifier = classifier;
    this.client = client;
    this.platforms = List.copyOf(platforms);
    this.maxDepth = maxDepth;
    this.maxLookups = maxLookups;
  }

  /**
   * Walks from the starting requirements.
   *
   * @throws CliException (exit 1) past {@code maxLookups}, or when PyPI's answer is not usable
   * @throws IOException when a lookup failed other than with a 404
   */
  public Result walk(List<Start> starts) throws IOException {
    Map<String, Node> nodes = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    int lookups = 0;
    Deque<Item> queue = new ArrayDeque<>();
    starts.forEach(s -> queue.add(new Item(s.name(), s.url(), s.extras(), 1)));
    while (!queue.isEmpty()) {
      Item item = queue.poll();
      String name = PythonNames.normalize(item.spelled());
      Node node = nodes.computeIfAbsent(name, n -> sink(n, item));
      if (node.state != State.LOOKUP) {
        continue;
      }
      if (item.depth() > maxDepth) {
        if (!node.expanded && node.reason == null) {
          node.reason = "not looked up: deeper than " + maxDepth + " levels";
          notes.add(name + ": not looked up (deeper than --max-depth " + maxDepth + "): whether it"
              + " brings torch is not known");
        }
        continue;
      }
      List<String> asked = item.extras().stream().map(PythonNames::normalize).toList();
      if (node.expanded && node.extras.containsAll(asked)) {
        continue;
      }
      Optional<PyPIProject> project;
      if (!node.expanded) {
        if (lookups == maxLookups) {
          throw new CliException(ExitCode.FAILED, "more than " + maxLookups + " PyPI lookups while looking for"
              + " torch: give --index, so that nixpkgs names need none, or a smaller --max-depth.");
        }
        lookups++;
        project = client.project(name);
        if (project.isEmpty()) {
          node.state = State.UNKNOWN;
          node.reason = "not on PyPI";
          continue;
        }
        node.expanded = true;
      } else {
        project = client.project(name); // read once already: the client answers from memory
      }
      node.extras.addAll(asked);
      for (String entry : project.get().requiresDist()) {
        Pep508.Dependency dependency;
        try {
          dependency = Pep508.parse(entry);
        } catch (Pep508.InvalidDependency e) {
          node.reason = "PyPI lists a dependency that cannot be read: " + e.getMessage();
          notes.add(name + ": " + e.getMessage());
          continue;
        }
        if (!holds(name, entry, dependency.marker(), node.extras, notes)) {
          continue;
        }
        String dep = PythonNames.normalize(dependency.name());
        node.edges.add(dep);
        queue.add(new Item(dependency.name(), dependency.url(), dependency.extras(), item.depth() + 1));
      }
    }
    return new Result(verdicts(nodes), List.copyOf(notes), lookups);
  }

  /** What a name is by what the repository knows, or that it must be looked up. */
  private Node sink(String name, Item item) {
    Classifier.Decision d = classifier.decide(item.spelled(), item.url());
    return switch (d.kind()) {
      case RUNTIME -> classifier.carriesTorch(name)
          ? new Node(name, State.TORCH, "carries torch (provided by the runtime)")
          : new Node(name, State.CLEAN, null);
      case RECIPE -> d.recipe().torchAgnostic()
          ? new Node(name, State.TORCH, "carries torch (rebuilt without it by " + d.recipe().pname() + ")")
          : new Node(name, State.CLEAN, null);
      case TORCH_BEARING -> new Node(name, State.TORCH, "carries torch");
      case NIXPKGS -> classifier.hasIndex()
          ? new Node(name, State.CLEAN, null)
          : new Node(name, State.LOOKUP, null);
      case UNKNOWN -> item.url() != null
          ? new Node(name, State.UNKNOWN, "a direct URL, not looked up on PyPI")
          : new Node(name, State.LOOKUP, null);
    };
  }

  /**
   * Whether a dependency applies on any of the platforms with the extras asked for; one that
   * cannot be decided applies, with a note.
   */
  private boolean holds(String name, String entry, String marker, Set<String> extras, List<String> notes) {
    if (marker == null) {
      return true;
    }
    boolean undecided = false;
    for (MarkerEnvironment platform : platforms) {
      Markers.Truth truth = Markers.evaluate(marker, platform.withExtras(extras));
      if (truth == Markers.Truth.TRUE) {
        return true;
      }
      undecided |= truth == Markers.Truth.UNDECIDED;
    }
    if (undecided) {
      notes.add(name + ": marker not decided, kept: " + Terminal.escape(entry));
    }
    return undecided;
  }

  /**
   * Reach on the finished graph: torch spreads backward from what carries it, then, among the
   * rest, unknown spreads backward from what could not be told; what is left is clean. Each name
   * records the dependency it got its reach through, which was settled before it, so chains end.
   */
  private static Map<String, Verdict> verdicts(Map<String, Node> nodes) {
    Map<String, Set<String>> requiredBy = new HashMap<>();
    nodes.values().forEach(n -> n.edges.forEach(e -> requiredBy.computeIfAbsent(e, k -> new LinkedHashSet<>())
        .add(n.name)));
    Map<String, Reach> reach = new HashMap<>();
    Map<String, String> through = new HashMap<>();
    spread(nodes, requiredBy, reach, through, Reach.TORCH,
        n -> n.state == State.TORCH);
    // A looked-up name whose own dependencies could not all be read is unknown unless torch decides it.
    spread(nodes, requiredBy, reach, through, Reach.UNKNOWN,
        n -> n.state == State.UNKNOWN || (n.state == State.LOOKUP && (!n.expanded || n.reason != null)));
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    for (Node node : nodes.values()) {
      Reach r = reach.getOrDefault(node.name, Reach.CLEAN);
      List<String> chain = new ArrayList<>(List.of(node.name));
      String at = node.name;
      while (through.containsKey(at)) {
        at = through.get(at);
        chain.add(at);
      }
      String reason = r == Reach.CLEAN ? null : nodes.get(at).reason;
      verdicts.put(node.name, new Verdict(node.name, r, List.copyOf(chain), reason));
    }
    return verdicts;
  }

  /** Gives {@code value} to the seeds without one, then to every name that requires one, breadth first. */
  private static void spread(Map<String, Node> nodes, Map<String, Set<String>> requiredBy, Map<String, Reach> reach,
      Map<String, String> through, Reach value, Predicate<Node> seed) {
    Deque<String> work = new ArrayDeque<>();
    for (Node n : nodes.values()) {
      if (!reach.containsKey(n.name) && seed.test(n)) {
        reach.put(n.name, value);
        work.add(n.name);
      }
    }
    while (!work.isEmpty()) {
      String settled = work.poll();
      for (String requirer : requiredBy.getOrDefault(settled, Set.of())) {
        if (!reach.containsKey(requirer)) {
          reach.put(requirer, value);
          through.put(requirer, settled);
          work.add(requirer);
        }
      }
    }
  }
}
