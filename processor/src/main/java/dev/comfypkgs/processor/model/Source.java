package dev.comfypkgs.processor.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where a package's source comes from: exactly one of these per recipe. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Source.GitHub.class, name = "github"),
  @JsonSubTypes.Type(value = Source.PyPI.class, name = "pypi"),
  @JsonSubTypes.Type(value = Source.Vendored.class, name = "vendored")
})
public sealed interface Source {

  /** {@code fetchFromGitHub}; exactly one of tag and rev is non-empty. Empty hash: not known yet. */
  record GitHub(String owner, String repo, String tag, String rev, String hash, String sourceRoot)
      implements Source {}

  /** {@code fetchPypi}; {@code wheel} selects the py3-none-any wheel instead of the sdist. */
  record PyPI(String name, String version, String hash, boolean wheel) implements Source {}

  /** A file under {@code sources/}, by its path relative to that directory. */
  record Vendored(String file, String sha256) implements Source {}
}
