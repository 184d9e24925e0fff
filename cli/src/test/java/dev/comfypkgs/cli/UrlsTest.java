package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.fetch.SourceLocations;
import dev.comfypkgs.cli.fetch.Urls;
import dev.comfypkgs.common.PackageKind;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Download URLs: only http(s), and built from names that cannot change which file they name. */
class UrlsTest {
  private static final SourceLocations LOCATIONS =
      new SourceLocations(SourceLocations.GITHUB, SourceLocations.PYPI);

  @Test
  void onlyAbsoluteHttpUrlsWithAHostAreAccepted() {
    assertEquals(URI.create("http://127.0.0.1:8080/a/"), Urls.http("--from", "http://127.0.0.1:8080/a/"));
    assertEquals(URI.create("HTTPS://example.org/x"), Urls.http("--from", "HTTPS://example.org/x"));
    for (String bad : List.of("", "relative/dir/", "/abs/dir/", "file:///etc/", "ftp://h/x", "http://h/a b",
        "http:///x", "mailto:a@b", "jar:file:/x!/y")) {
      CliException e = assertThrows(CliException.class, () -> Urls.http("--from", bad), bad);
      assertEquals(ExitCode.USAGE, e.exitCode());
      assertTrue(e.getMessage().startsWith("--from '" + bad + "' cannot be used: "), e.getMessage());
    }
  }

  @Test
  void segmentsKeepOnlyUnreservedCharacters() {
    assertEquals("v1.0-rc_1~x", Urls.segment("v1.0-rc_1~x"));
    assertEquals("a%23b%3Fc%2Fd%20e%25f%2Bg%C3%A9", Urls.segment("a#b?c/d e%f+g\u00e9"));
  }

  @Test
  void aTagIsPartOfThePathWhateverItHolds() {
    URI uri = LOCATIONS.github("owner", "repo", "release/v1#2%x&y").uri();
    assertEquals("https://github.com/owner/repo/archive/release/v1%232%25x%26y.tar.gz", uri.toString());
    assertNull(uri.getRawFragment());
  }

  @Test
  void namesThatWouldLeaveTheRepositoryAreRefused() {
    for (List<String> bad : List.of(
        List.of("owner", "repo", "../../other/repo/archive/v1"),
        List.of("owner", "repo", "v 1"),
        List.of("owner", "repo", "v1/../../x"),
        List.of("owner", "repo", "a\nb"),
        List.of("owner", "repo", ""),
        List.of("owner", "..", "v1"),
        List.of("own/er", "repo", "v1"),
        List.of("-owner", "repo", "v1"))) {
      CliException e = assertThrows(CliException.class, () -> LOCATIONS.github(bad.get(0), bad.get(1), bad.get(2)),
          bad.toString());
      assertEquals(ExitCode.USAGE, e.exitCode());
    }
  }

  @Test
  void aPypiNameMustBeAProjectName() {
    RecipesFile.Package empty = withSource(new RecipesFile.Source.PyPI("", "1.0", "", false));
    CliException e = assertThrows(CliException.class, () -> LOCATIONS.of(empty));
    assertEquals("@PyPI name '' and version '1.0' cannot name a file on PyPI.", e.getMessage());
    RecipesFile.Package wheel = withSource(new RecipesFile.Source.PyPI("my-pkg", "1.0", "", true));
    assertEquals(SourceLocations.PYPI + "/py3/m/my-pkg/my_pkg-1.0-py3-none-any.whl", LOCATIONS.of(wheel).uri().toString());
  }

  /** A package at version 1.0 whose source is {@code source}; nothing else is read. */
  private static RecipesFile.Package withSource(RecipesFile.Source source) {
    return new RecipesFile.Package(PackageKind.PYTHON_PACKAGE, "p.P", "p", "p", "1.0", "", "", "mit", "PYPROJECT", source,
        List.of(), List.of(), List.of(), false, List.of(), List.of(), List.of(), List.of(), null,
        List.of(), List.of(), List.of(), false, null, List.of(), null);
  }

  @Test
  void thePypiJsonUrlIsTheNormalisedNamesUnderTheBase() {
    assertEquals("https://pypi.org/pypi/open-clip-torch/json",
        LOCATIONS.pypiJson("Open_CLIP.torch").toString());
    SourceLocations mirror = SourceLocations.of(null, null, "http://127.0.0.1:8080/pypi/");
    assertEquals("http://127.0.0.1:8080/pypi/bar-rebuild/json", mirror.pypiJson("bar_rebuild").toString());
    for (String bad : List.of("", "../x", "a/b", "a b", "-a", "a?b", "a#b", "..")) {
      CliException e = assertThrows(CliException.class, () -> LOCATIONS.pypiJson(bad), bad);
      assertEquals(ExitCode.USAGE, e.exitCode());
    }
    CliException e = assertThrows(CliException.class, () -> SourceLocations.of(null, null, "file:///pypi"));
    assertTrue(e.getMessage().startsWith("--pypi-json-base 'file:///pypi' cannot be used: "), e.getMessage());
  }
}
