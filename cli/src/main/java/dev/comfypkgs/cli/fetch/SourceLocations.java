package dev.comfypkgs.cli.fetch;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.Names;
import dev.comfypkgs.cli.RecipesFile;
import dev.comfypkgs.cli.Terminal;
import dev.comfypkgs.common.PythonNames;
import dev.comfypkgs.common.RecipeNames;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the fetchers Nix runs would download a package's source from, with overridable bases so
 * tests (and mirrors) can serve them: {@code --github-base} / {@code COMFYPKGS_GITHUB_BASE},
 * {@code --pypi-base} / {@code COMFYPKGS_PYPI_BASE}, and for PyPI's JSON API {@code
 * --pypi-json-base} / {@code COMFYPKGS_PYPI_JSON_BASE}. Every name is checked and percent-encoded
 * as a path segment of its own, so no name can lead the download to another project's file.
 */
public record SourceLocations(String githubBase, String pypiBase, String pypiJsonBase) {
  public static final String GITHUB = "https://github.com";
  public static final String PYPI = "https://files.pythonhosted.org/packages";
  public static final String PYPI_JSON = "https://pypi.org/pypi";

  /** Locations with PyPI's own JSON API, for commands that never ask it. */
  public SourceLocations(String githubBase, String pypiBase) {
    this(githubBase, pypiBase, PYPI_JSON);
  }

  /**
   * The download bases, each from its option if given, else its environment variable if set,
   * else the default; the JSON API's is the default, so a command that never asks it never
   * refuses a bad {@code COMFYPKGS_PYPI_JSON_BASE}.
   */
  public static SourceLocations of(String githubOption, String pypiOption) {
    return new SourceLocations(
        pick("--github-base", githubOption, "COMFYPKGS_GITHUB_BASE", GITHUB),
        pick("--pypi-base", pypiOption, "COMFYPKGS_PYPI_BASE", PYPI));
  }

  /** Each base from its option if given, else its environment variable if set, else the default. */
  public static SourceLocations of(String githubOption, String pypiOption, String pypiJsonOption) {
    return new SourceLocations(
        pick("--github-base", githubOption, "COMFYPKGS_GITHUB_BASE", GITHUB),
        pick("--pypi-base", pypiOption, "COMFYPKGS_PYPI_BASE", PYPI),
        pick("--pypi-json-base", pypiJsonOption, "COMFYPKGS_PYPI_JSON_BASE", PYPI_JSON));
  }

  private static String pick(String option, String value, String variable, String fallback) {
    String env = System.getenv(variable);
    String chosen = value != null ? Urls.http(option, value).toString()
        : env != null && !env.isBlank() ? Urls.http(variable, env).toString()
        : fallback;
    return chosen.endsWith("/") ? chosen.substring(0, chosen.length() - 1) : chosen;
  }

  /** What to fetch and how Nix hashes it. */
  public record Fetch(URI uri, boolean unpack) {}

  /**
   * The fetch for a package's source, or null when it is vendored (see {@code vendor}) or a
   * wrapper (nixpkgs pins what it wraps); a name that cannot be part of such a URL is a usage
   * error.
   */
  public Fetch of(RecipesFile.Package p) {
    if (p.source() instanceof RecipesFile.Source.GitHub gitHub) {
      return github(gitHub.owner(), gitHub.repo(), gitHub.tag().isEmpty() ? gitHub.rev() : gitHub.tag());
    }
    if (p.source() instanceof RecipesFile.Source.PyPI pypi) {
      String name = pypi.name();
      String version = pypi.version().isEmpty() ? p.version() : pypi.version();
      if (!RecipeNames.isPythonProject(name) || !RecipeNames.isStoreName(version)) {
        throw CliException.usage("@PyPI name '" + Terminal.escape(name) + "' and version '"
            + Terminal.escape(version) + "' cannot name a file on PyPI.");
      }
      boolean wheel = pypi.wheel();
      String file = wheel
          ? name.replace('-', '_') + "-" + version + "-py3-none-any.whl"
          : name + "-" + version + ".tar.gz";
      String dir = wheel ? "py3" : "source";
      return new Fetch(URI.create(pypiBase + "/" + Urls.path(dir, name.substring(0, 1), name, file)), false);
    }
    return null;
  }

  /** The archive of a tag or commit, as fetchFromGitHub downloads it. */
  public Fetch github(String owner, String repo, String ref) {
    if (!RecipeNames.isGitHubOwner(owner) || !RecipeNames.isGitHubRepo(repo)) {
      throw CliException.usage("'" + Terminal.escape(owner + "/" + repo) + "' is not a GitHub"
          + " OWNER/REPO: an owner is letters, digits and inner hyphens; a repository is letters,"
          + " digits and . _ -.");
    }
    if (!Names.isGitRef(ref)) {
      throw CliException.usage("'" + Terminal.escape(ref) + "' is not a git tag or commit: a ref"
          + " has no spaces, control characters, '..', '~^:?*[\\' or empty or dot-led components.");
    }
    List<String> segments = new ArrayList<>(List.of(owner, repo, "archive"));
    segments.addAll(List.of(ref.split("/")));
    String path = Urls.path(segments.toArray(String[]::new));
    return new Fetch(URI.create(githubBase + "/" + path + ".tar.gz"), true);
  }

  /**
   * PyPI's JSON description of the project {@code name}: {@code <base>/<normalised name>/json}.
   * A name that is no Python project name is a usage error.
   */
  public URI pypiJson(String name) {
    if (!RecipeNames.isPythonProject(name)) {
      throw CliException.usage("'" + Terminal.escape(name) + "' is not a Python project name: a"
          + " name is letters, digits and inner . _ -.");
    }
    return URI.create(pypiJsonBase + "/" + Urls.segment(PythonNames.normalize(name)) + "/json");
  }
}
