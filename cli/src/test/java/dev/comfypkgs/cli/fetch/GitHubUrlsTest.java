package dev.comfypkgs.cli.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.comfypkgs.cli.fetch.GitHubUrls.Repo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which GitHub repositories a PyPI project's links name: only real ones, most likely first. */
class GitHubUrlsTest {
  private static Map<String, String> links(String... keysAndUrls) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndUrls.length; i += 2) {
      out.put(keysAndUrls[i], keysAndUrls[i + 1]);
    }
    return out;
  }

  @Test
  void sourceLinksComeFirstThenHomePagesThenTheRestThenHomePage() {
    assertEquals(List.of(new Repo("src", "a"), new Repo("home", "b"), new Repo("docs", "c")),
        GitHubUrls.candidates(links(
            "Documentation", "https://github.com/docs/c",
            "Homepage", "https://github.com/home/b",
            "Source Code", "https://github.com/src/a"), "https://github.com/last/d"));
    assertEquals(List.of(new Repo("a", "b"), new Repo("home", "page")),
        GitHubUrls.candidates(links("Bug-Tracker", "https://github.com/a/b/issues"),
            "https://github.com/home/page"));
    assertEquals(List.of(new Repo("home", "page")), GitHubUrls.candidates(null, "https://github.com/home/page"));
    assertEquals(List.of(), GitHubUrls.candidates(null, null));
  }

  @Test
  void everyKeySpellingOfSourceCounts() {
    for (String key : List.of("Source", "source_code", "Source-Code", "CODE", "Repository", "GitHub", "git")) {
      assertEquals(new Repo("s", "r"), GitHubUrls.candidates(links(
          "Changelog", "https://github.com/other/x", key, "https://github.com/s/r"), null).get(0), key);
    }
  }

  @Test
  void aRepositoryIsNamedOnceWhateverItsCaseOrSuffix() {
    assertEquals(List.of(new Repo("Owner", "Repo")), GitHubUrls.candidates(links(
        "Source", "https://github.com/Owner/Repo.git",
        "Homepage", "https://www.github.com/owner/repo/tree/main",
        "Issues", "https://github.com/OWNER/REPO/issues/"), "git+https://github.com/owner/repo.git@v1#egg=repo"));
  }

  @Test
  void atMostThreeCandidates() {
    assertEquals(3, GitHubUrls.candidates(links(
        "a", "https://github.com/o/a", "b", "https://github.com/o/b",
        "c", "https://github.com/o/c", "d", "https://github.com/o/d"), "https://github.com/o/e").size());
  }

  @Test
  void repositoryUrlsInTheirUsualSpellings() {
    Repo expected = new Repo("comfy-org", "node.py");
    for (String url : List.of(
        "https://github.com/comfy-org/node.py",
        "http://github.com/comfy-org/node.py/",
        "HTTPS://GitHub.com/comfy-org/node.py.git",
        "  https://github.com/comfy-org/node.py  ",
        "https://github.com/comfy-org/node.py/blob/main/README.md",
        "https://github.com/comfy-org/node.py?tab=readme#install",
        "git+https://github.com/comfy-org/node.py.git@v1.0#egg=node")) {
      assertEquals(expected, GitHubUrls.parse(url), url);
    }
  }

  @Test
  void otherHostsAndGitHubsOwnPagesAreIgnored() {
    for (String url : List.of(
        "https://gitlab.com/o/r",
        "https://owner.github.io/repo",
        "https://github.com.evil.example/o/r",
        "https://evilgithub.com/o/r",
        "https://gist.github.com/o/0123abc",
        "https://raw.githubusercontent.com/o/r/main/x",
        "https://github.com/sponsors/someone",
        "https://github.com/orgs/comfy/repositories",
        "https://github.com/Marketplace/actions",
        "https://github.com/owner",
        "https://github.com/owner/",
        "https://github.com/",
        "https://github.com",
        "github.com/o/r",
        "ftp://github.com/o/r",
        "git://github.com/o/r.git",
        "ssh://git@github.com/o/r.git",
        "file:///github.com/o/r")) {
      assertNull(GitHubUrls.parse(url), url);
    }
  }

  @Test
  void hostileTextIsRefused() {
    for (String url : List.of(
        "https://github.com/o/%2e%2e",
        "https://github.com/o%2Fx/r",
        "https://github.com/../../etc/passwd",
        "https://github.com/o/..",
        "https://github.com/o/.git",
        "https://github.com//o/r",
        "https://github.com/-o/r",
        "https://github.com/o-/r",
        "https://github.com/o/r r",
        "https://github.com/o\n/r",
        "https://github.com/o/r@v1",
        "https://github.com/o/\u001b[31mred",
        "https://github.com/\u0440\u0435\u043f\u043e/r",
        "https://github.com:8443/o/r",
        "https://user:secret@github.com/o/r",
        "https://evil.example@github.com/o/r",
        "https://github.com@evil.example/o/r",
        "https://github.com/" + "o".repeat(40) + "/r",
        "https://github.com/o/" + "r".repeat(101),
        "javascript:alert(1)//github.com/o/r",
        "")) {
      assertNull(GitHubUrls.parse(url), url);
    }
    assertEquals(List.of(new Repo("good", "one")), GitHubUrls.candidates(links(
        "Source", "https://github.com/o/%2e%2e", "Home", null, null, "https://github.com/good/one"), null));
  }
}
