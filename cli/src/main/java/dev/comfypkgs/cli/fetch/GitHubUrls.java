package dev.comfypkgs.cli.fetch;

import dev.comfypkgs.common.RecipeNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The GitHub repositories a PyPI project's links point at: where its source probably lives. Only
 * a URL whose host is exactly GitHub's and whose path starts with a real owner and repository is
 * taken; anything else (another host, one that merely contains {@code github.com}, a user's page,
 * GitHub's own pages such as sponsors, a name GitHub would not allow) is ignored.
 */
public final class GitHubUrls {
  /** At most this many candidates: each one costs up to two archive downloads. */
  public static final int MAX_CANDIDATES = 3;

  /** {@code project_urls} keys (lower case, letters only) that name where the source is. */
  private static final Set<String> SOURCE_KEYS =
      Set.of("source", "sourcecode", "code", "repository", "github", "git");
  private static final Set<String> HOME_KEYS = Set.of("homepage", "home");
  private static final Set<String> SCHEMES = Set.of("http", "https", "git+https");
  private static final Set<String> HOSTS = Set.of("github.com", "www.github.com");
  /** First path segments that are GitHub's own pages, never an owner. */
  private static final Set<String> NOT_OWNERS = Set.of("sponsors", "orgs", "apps", "features",
      "marketplace", "topics", "settings", "users", "collections", "about");

  private GitHubUrls() {}

  /** A repository on GitHub, as its URL spells it. */
  public record Repo(String owner, String repo) {}

  /**
   * The repositories {@code projectUrls} (in its iteration order, which is JSON's for a parsed
   * object) and {@code homePage} point at, most likely first: source links, then home pages, then
   * the other links, then the home page; each once, however its case differs; at most {@link
   * #MAX_CANDIDATES}. Either argument may be null, and so may any value.
   */
  public static List<Repo> candidates(Map<String, String> projectUrls, String homePage) {
    List<String> source = new ArrayList<>();
    List<String> home = new ArrayList<>();
    List<String> other = new ArrayList<>();
    if (projectUrls != null) {
      projectUrls.forEach((key, url) -> {
        String kind = key == null ? "" : key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        (SOURCE_KEYS.contains(kind) ? source : HOME_KEYS.contains(kind) ? home : other).add(url);
      });
    }
    List<String> urls = new ArrayList<>(source);
    urls.addAll(home);
    urls.addAll(other);
    urls.add(homePage);
    Map<String, Repo> found = new LinkedHashMap<>();
    for (String url : urls) {
      Repo repo = parse(url);
      if (repo != null && found.size() < MAX_CANDIDATES) {
        found.putIfAbsent((repo.owner() + "/" + repo.repo()).toLowerCase(Locale.ROOT), repo);
      }
    }
    return List.copyOf(found.values());
  }

  /** The repository {@code url} is on or under, or null when it is not a GitHub repository's. */
  static Repo parse(String url) {
    if (url == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    // A user name or a port has no place in a link to a repository; a percent-escape could hide
    // a '/' or a '..' inside a segment.
    if (!SCHEMES.contains(scheme) || !HOSTS.contains(host) || uri.getRawUserInfo() != null
        || uri.getPort() != -1 || uri.getRawPath() == null || uri.getRawPath().contains("%")) {
      return null;
    }
    String[] segments = uri.getRawPath().split("/", -1);
    if (segments.length < 3 || !segments[0].isEmpty()) {
      return null;
    }
    String owner = segments[1];
    String repo = segments[2];
    if (scheme.equals("git+https") && repo.indexOf('@') >= 0) {
      repo = repo.substring(0, repo.indexOf('@')); // pip's "repo.git@ref"
    }
    if (repo.endsWith(".git")) {
      repo = repo.substring(0, repo.length() - ".git".length());
    }
    if (NOT_OWNERS.contains(owner.toLowerCase(Locale.ROOT))
        || !RecipeNames.isGitHubOwner(owner) || !RecipeNames.isGitHubRepo(repo)) {
      return null;
    }
    return new Repo(owner, repo);
  }
}
