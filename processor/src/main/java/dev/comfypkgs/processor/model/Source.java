package dev.comfypkgs.processor.model;

/** Where a package's source comes from: exactly one of these per recipe. */
public sealed interface Source {

  /** {@code fetchFromGitHub}; exactly one of tag and rev is non-empty. Empty hash: not known yet. */
  record GitHub(String owner, String repo, String tag, String rev, String hash, String sourceRoot)
      implements Source {}

  /** {@code fetchPypi}; {@code wheel} selects the py3-none-any wheel instead of the sdist. */
  record PyPI(String name, String version, String hash, boolean wheel) implements Source {}

  /** A file under {@code sources/}, by its path relative to that directory. */
  record Vendored(String file, String sha256) implements Source {}

  /**
   * A {@code @Wrapper}'s: nixpkgs' {@code python3.pkgs.<attribute>} copied and fixed by the script
   * {@code fix}, a path relative to {@code sources/}.
   */
  record Wraps(String attribute, String fix) implements Source {}
}
