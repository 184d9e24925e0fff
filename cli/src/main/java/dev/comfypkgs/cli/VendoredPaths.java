package dev.comfypkgs.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The paths under {@code sources/} a build reads: Nix evaluates them as path literals, so a
 * missing one fails {@code verify --static} and every build, and a Flox build from a clone sees
 * only the committed ones.
 */
public final class VendoredPaths {
  /**
   * A path under {@code sources/}, a file or a directory, the package it is for, and whether
   * {@code comfypkgs vendor} can fetch it (the package's own file only).
   */
  public record VendoredPath(String path, String attr, boolean fetchable) {
    /** The command or step that puts it in place. */
    public String howToGet() {
      return fetchable
          ? "comfypkgs vendor " + attr + " --from <URL>"
          : "copy it there as sources/README.md says";
    }
  }

  private VendoredPaths() {}

  /**
   * Every path the attr's build reads: its own and those of the packages it requires, and for a
   * meta-package those of its members on every system, transitively; each once, in closure order.
   */
  public static List<VendoredPath> of(RecipesFile recipes, String attr) {
    List<VendoredPath> paths = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(attr));
    while (!pending.isEmpty()) {
      String next = pending.removeFirst();
      if (!seen.add(next)) {
        continue;
      }
      recipes.pkg(next).ifPresent(p -> {
        collect(p.attr(), p.source(), true, paths);
        pending.addAll(p.requires());
      });
      recipes.meta(next).ifPresent(m -> {
        pending.addAll(m.members());
        m.membersBySystem().values().forEach(pending::addAll);
      });
    }
    return paths;
  }

  private static void collect(
      String attr, RecipesFile.Source source, boolean ownSource, List<VendoredPath> into) {
    if (source instanceof RecipesFile.Source.Vendored file) {
      into.add(new VendoredPath(file.file(), attr, ownSource));
    } else if (source instanceof RecipesFile.Source.VendoredDirectory dir) {
      into.add(new VendoredPath(dir.directory(), attr, false));
    } else if (source instanceof RecipesFile.Source.Wraps wraps) {
      into.add(new VendoredPath(wraps.fix(), attr, false));
    } else if (source instanceof RecipesFile.Source.Nodes nodes) {
      nodes.nodes().forEach(node -> collect(attr, node.source(), false, into));
    }
  }
}
