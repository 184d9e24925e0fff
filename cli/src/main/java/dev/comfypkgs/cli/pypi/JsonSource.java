package dev.comfypkgs.cli.pypi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where PyPI JSON documents come from: the JSON API over HTTP in the command, a map of files in
 * tests. One method, so that reading and torch detection need no network to be tested.
 */
@FunctionalInterface
public interface JsonSource {
  /**
   * The JSON document of the project ({@code <base>/<name>/json}), downloaded to a file the
   * caller may read until the run ends; empty when PyPI has no such project (HTTP 404).
   *
   * @param normalisedName the PEP 503 normal form of the project's name
   * @throws IOException when it could not be fetched for any other reason
   */
  Optional<Path> fetch(String normalisedName) throws IOException;
}
