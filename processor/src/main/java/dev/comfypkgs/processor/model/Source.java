package dev.comfypkgs.processor.model;

import java.util.Comparator;
import java.util.List;

/** Where a package's source comes from: exactly one of these per recipe. */
public sealed interface Source {

  /** {@code fetchFromGitHub}; exactly one of tag and rev is non-empty. Empty hash: not known yet. */
  record GitHub(String owner, String repo, String tag, String rev, String hash, String sourceRoot)
      implements Source {}

  /** {@code fetchPypi}; {@code wheel} selects the py3-none-any wheel instead of the sdist. */
  record PyPI(String name, String version, String hash, boolean wheel) implements Source {}

  /** A file under {@code sources/}, by its path relative to that directory. */
  record Vendored(String file, String sha256) implements Source {}

  /** A directory under {@code sources/}, by its path relative to that directory, and its git tree. */
  record VendoredDirectory(String directory, String gitTree) implements Source {}

  /** A node bundle's sources: one per node, in declaration order. */
  record Nodes(List<Node> nodes) implements Source {
    public Nodes {
      nodes = List.copyOf(nodes);
    }

    /** The nodes in install order: sorted by directory ({@link String#compareTo}). */
    public List<Node> sorted() {
      return nodes.stream().sorted(Comparator.comparing(Node::directory)).toList();
    }
  }

  /**
   * One node of a bundle: the directory under {@code custom_nodes/} it is installed as, and its
   * {@link GitHub} archive (without sourceRoot) or {@link Vendored} directory.
   */
  record Node(String directory, Source source) {}

  /**
   * A {@code @Wrapper}'s: nixpkgs' {@code python3.pkgs.<attribute>} copied and fixed by the script
   * {@code fix}, a path relative to {@code sources/}.
   */
  record Wraps(String attribute, String fix) implements Source {}
}
