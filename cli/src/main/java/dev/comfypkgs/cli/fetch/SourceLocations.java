package dev.comfypkgs.cli.fetch;

import dev.comfypkgs.cli.RecipesFile;
import java.net.URI;

/**
 * Where the fetchers Nix runs would download a package's source from, with overridable bases so
 * tests (and mirrors) can serve them: {@code --github-base} / {@code COMFYPKGS_GITHUB_BASE} and
 * {@code --pypi-base} / {@code COMFYPKGS_PYPI_BASE}.
 */
public record SourceLocations(String githubBase, String pypiBase) {
  public static final String GITHUB = "https://github.com";
  public static final String PYPI = "https://files.pythonhosted.org/packages";

  public static SourceLocations of(String githubOption, String pypiOption) {
    return new SourceLocations(
        pick(githubOption, System.getenv("COMFYPKGS_GITHUB_BASE"), GITHUB),
        pick(pypiOption, System.getenv("COMFYPKGS_PYPI_BASE"), PYPI));
  }

  private static String pick(String option, String env, String fallback) {
    String v = option != null ? option : env != null && !env.isBlank() ? env : fallback;
    return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
  }

  /** What to fetch and how Nix hashes it. */
  public record Fetch(URI uri, boolean unpack) {}

  /** The fetch for a package's source, or null when it is vendored (see {@code vendor}). */
  public Fetch of(RecipesFile.Package p) {
    String kind = p.source("kind");
    if (kind.equals("github")) {
      return github(p.source("owner"), p.source("repo"),
          p.source("tag").isEmpty() ? p.source("rev") : p.source("tag"));
    }
    if (kind.equals("pypi")) {
      String name = p.source("name");
      String version = p.source("version").isEmpty() ? p.version() : p.source("version");
      boolean wheel = Boolean.parseBoolean(p.source("wheel"));
      String file = wheel
          ? name.replace('-', '_') + "-" + version + "-py3-none-any.whl"
          : name + "-" + version + ".tar.gz";
      String path = wheel
          ? "py3/" + name.charAt(0) + "/" + name + "/" + file
          : "source/" + name.charAt(0) + "/" + name + "/" + file;
      return new Fetch(URI.create(pypiBase + "/" + path), false);
    }
    return null;
  }

  public Fetch github(String owner, String repo, String ref) {
    return new Fetch(URI.create(githubBase + "/" + owner + "/" + repo + "/archive/" + ref + ".tar.gz"), true);
  }
}
