package dev.comfypkgs.cli.pypi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What adopt reads from a project's PyPI JSON ({@code /pypi/<name>/json}): its latest release and
 * the metadata a rebuild recipe is written from. Strings PyPI leaves null are null here (except
 * lists and maps, which are empty).
 *
 * @param name {@code info.name}, a PEP 508 project name as the project spells it
 * @param version {@code info.version}, the latest release, a PEP 440 version
 * @param requiresDist {@code info.requires_dist}, each a PEP 508 dependency as written
 * @param projectUrls {@code info.project_urls}, label to URL, in the JSON's order
 * @param homePage {@code info.home_page}
 * @param sdist the latest release's source archive, when PyPI has one that {@code fetchPypi} can
 *     name ({@code <name>-<version>.tar.gz}, not yanked)
 * @param licenseExpression {@code info.license_expression} (PEP 639 SPDX)
 * @param license {@code info.license}, free text
 * @param classifiers {@code info.classifiers}
 * @param summary {@code info.summary}, one line as the project wrote it
 */
public record PyPIProject(
    String name,
    String version,
    List<String> requiresDist,
    Map<String, String> projectUrls,
    String homePage,
    Optional<Sdist> sdist,
    String licenseExpression,
    String license,
    List<String> classifiers,
    String summary) {

  /**
   * A source archive of the latest release: its file name, the distribution name it is spelled
   * with ({@code open_clip_torch} for {@code open_clip_torch-2.0.tar.gz}), where PyPI serves it,
   * and its SHA-256 as 64 lower-case hex digits.
   */
  public record Sdist(String filename, String distributionName, String url, String sha256) {}
}
