package dev.comfypkgs.cli.pypi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PyPI JSON documents read with the streaming parser, from fixtures shaped as PyPI serves them. */
class PyPIJsonTest {
  static Path fixture(String name) {
    return Path.of("src/test/resources/pypi", name + ".json");
  }

  private static PyPIProject read(String fixture) throws IOException {
    try (InputStream in = Files.newInputStream(fixture(fixture))) {
      return PyPIJson.parse(in);
    }
  }

  private static PyPIProject parse(String json) throws IOException {
    return PyPIJson.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theInfoAndTheLatestSdistAreRead() throws IOException {
    PyPIProject p = read("bar-rebuild");
    assertEquals("Bar_Rebuild", p.name());
    assertEquals("0.4.1", p.version());
    assertEquals(List.of("torchvision>=0.15", "numpy", "baz-core>=2", "pytest ; extra == \"test\"",
        "pywin32 ; platform_system == \"Windows\""), p.requiresDist());
    assertEquals(List.of("Documentation", "Source", "Issues"), List.copyOf(p.projectUrls().keySet()),
        "in the JSON's order");
    assertEquals("https://github.com/standin/bar-rebuild", p.projectUrls().get("Source"));
    assertEquals("", p.homePage());
    assertEquals("MIT", p.license());
    assertNull(p.licenseExpression());
    assertEquals("License :: OSI Approved :: MIT License", p.classifiers().get(1));
    assertEquals("Bars, rebuilt", p.summary());
    PyPIProject.Sdist sdist = p.sdist().orElseThrow();
    assertEquals("bar_rebuild-0.4.1.tar.gz", sdist.filename());
    assertEquals("bar_rebuild", sdist.distributionName());
    assertEquals("https://files.pythonhosted.org/packages/cc/dd/bar_rebuild-0.4.1.tar.gz", sdist.url());
    assertEquals("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", sdist.sha256());
  }

  @Test
  void aPep625SdistNameIsKeptAsSpelled() throws IOException {
    PyPIProject p = read("baz-core");
    assertEquals("baz_core", p.sdist().orElseThrow().distributionName());
    assertEquals("Apache-2.0", p.licenseExpression());
    assertNull(p.homePage());
    assertNull(p.summary());
    assertEquals(Map.of(), p.projectUrls());
  }

  @Test
  void nullFieldsAreEmpty() throws IOException {
    PyPIProject p = read("no-metadata");
    assertEquals(List.of(), p.requiresDist());
    assertEquals(Map.of(), p.projectUrls());
    assertEquals(List.of(), p.classifiers());
    assertEquals(Optional.empty(), p.sdist());
  }

  @Test
  void theSdistIsTheReleasesTarballNotYankedWithADigest() throws IOException {
    // Yanked, a zip, another version, another project and a bad digest are passed over.
    PyPIProject.Sdist sdist = read("sdist-choice").sdist().orElseThrow();
    assertEquals("CHOOSY-3.1.tar.gz", sdist.filename());
    assertEquals("7777777777777777777777777777777777777777777777777777777777777777", sdist.sha256());
  }

  @Test
  void releasesAreSkippedHoweverLarge() throws IOException {
    // 200,000 releases of several files each, streamed: read without being held.
    String head = "{\"info\": {\"name\": \"busy\", \"version\": \"1.0\"}, \"releases\": {";
    String release = "\"%d.0\": [{\"filename\": \"busy-%d.0.tar.gz\", \"digests\": {\"sha256\": \"00\"}},"
        + " {\"filename\": \"busy-%d.0-py3-none-any.whl\"}],";
    List<InputStream> parts = new ArrayList<>();
    parts.add(stream(head));
    for (int i = 0; i < 200_000; i++) {
      parts.add(stream(String.format(release, i, i, i)));
    }
    parts.add(stream("\"last\": []}, \"urls\": []}"));
    PyPIProject p = PyPIJson.parse(new SequenceInputStream(Collections.enumeration(parts)));
    assertEquals("busy", p.name());
    // Type errors in what is skipped do not matter either.
    assertEquals("x", parse("{\"releases\": {\"1\": 3, \"2\": null}, \"info\": {\"name\": \"x\", \"version\": \"1\"}}")
        .name());
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "[1, 2]                                                              | not a JSON object",
      "{\"info\": {\"name\": \"x\", \"version\": \"1\"}                  | Unexpected end-of-input",
      "{\"urls\": []}                                                      | no info object",
      "{\"info\": {\"version\": \"1\"}}                                    | info.name null is not a project name",
      "{\"info\": {\"name\": \"x\\u0000y\", \"version\": \"1\"}}           | info.name 'x\\x00y' is not a project name",
      "{\"info\": {\"name\": \"x\", \"version\": \"one\\u001b[2J\"}}       | info.version 'one\\x1b[2J' is not a PEP 440 version",
      "{\"info\": {\"name\": \"x\", \"version\": \"1\", \"requires_dist\": \"torch\"}} | info.requires_dist is not a list",
      "{\"info\": {\"name\": \"x\", \"version\": \"1\", \"requires_dist\": [3]}}       | info.requires_dist[] is not a string",
      "{\"info\": {\"name\": \"x\", \"version\": \"1\", \"requires_dist\": [null]}}    | info.requires_dist holds a null",
      "{\"info\": {\"name\": \"x\", \"version\": \"1\", \"project_urls\": []}}        | info.project_urls is not an object",
      "{\"info\": {\"name\": \"x\", \"name\": \"y\", \"version\": \"1\"}}  | Duplicate field 'name'",
      "{\"info\": {\"name\": \"x\", \"version\": \"1\"}} {}                | more after the JSON object",
      "{\"info\": 3}                                                       | info is not an object",
      "{\"urls\": [3], \"info\": {\"name\": \"x\", \"version\": \"1\"}}    | urls[] is not an object",
      "{\"info\": {\"name\": \"x\", \"version\": \"1\"}, \"a\": \u0001}    | Illegal character",
  })
  void aBrokenDocumentIsOneLine(String json, String reason) {
    PyPIJson.MalformedJson e = assertThrows(PyPIJson.MalformedJson.class, () -> parse(json));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertPrintable(e.getMessage());
  }

  @Test
  void boundsAreEnforced() {
    String deep = "{\"info\": {\"name\": \"x\", \"version\": \"1\"}, \"releases\": " + "[".repeat(10_000);
    assertPrintable(assertThrows(PyPIJson.MalformedJson.class, () -> parse(deep)).getMessage());

    String many = "{\"info\": {\"name\": \"x\", \"version\": \"1\", \"requires_dist\": ["
        + String.join(",", Collections.nCopies(PyPIJson.MAX_REQUIRES_DIST + 1, "\"numpy\"")) + "]}}";
    assertTrue(assertThrows(PyPIJson.MalformedJson.class, () -> parse(many)).getMessage()
        .contains("info.requires_dist has more than 2000 entries"));

    String longEntry = "{\"info\": {\"name\": \"x\", \"version\": \"1\", \"summary\": \""
        + "a".repeat(PyPIJson.MAX_FIELD + 1) + "\"}}";
    assertTrue(assertThrows(PyPIJson.MalformedJson.class, () -> parse(longEntry)).getMessage()
        .contains("info.summary is longer than"));

    StringBuilder urls = new StringBuilder("{\"info\": {\"name\": \"x\", \"version\": \"1\", \"project_urls\": {");
    for (int i = 0; i <= PyPIJson.MAX_PROJECT_URLS; i++) {
      urls.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"https://e/\"");
    }
    String tooManyUrls = urls.append("}}}").toString();
    assertTrue(assertThrows(PyPIJson.MalformedJson.class, () -> parse(tooManyUrls)).getMessage()
        .contains("info.project_urls has more than 100 entries"));
  }

  @Test
  void theClientFetchesEachNameOnceAndKnowsA404() throws IOException {
    List<String> fetched = new ArrayList<>();
    JsonSource source = name -> {
      fetched.add(name);
      return name.equals("bar-rebuild") ? Optional.of(fixture("bar-rebuild")) : Optional.empty();
    };
    PyPIJson.Client client = new PyPIJson.Client(source);
    assertEquals("0.4.1", client.project("Bar.Rebuild").orElseThrow().version());
    assertEquals("0.4.1", client.project("bar_rebuild").orElseThrow().version());
    assertEquals(Optional.empty(), client.project("not-on-pypi"));
    assertEquals(Optional.empty(), client.project("Not_On_PyPI"));
    assertEquals(List.of("bar-rebuild", "not-on-pypi"), fetched);
    assertEquals(2, client.lookups());
  }

  @Test
  void theClientRefusesAnAnswerAboutAnotherProject() {
    PyPIJson.Client client = new PyPIJson.Client(name -> Optional.of(fixture("baz-core")));
    CliException e = assertThrows(CliException.class, () -> client.project("bar-rebuild"));
    assertEquals(ExitCode.FAILED, e.exitCode());
    assertEquals("PyPI answered for another project: asked for 'bar-rebuild', got 'baz-core'.", e.getMessage());
  }

  @Test
  void theClientReportsABrokenDocumentInOneLine(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("x.json"), "<html>rate limited</html>");
    PyPIJson.Client client = new PyPIJson.Client(name -> Optional.of(broken));
    CliException e = assertThrows(CliException.class, () -> client.project("x"));
    assertEquals(ExitCode.FAILED, e.exitCode());
    assertTrue(e.getMessage().startsWith("PyPI's JSON for 'x' is not a project document: "), e.getMessage());
    assertPrintable(e.getMessage());
  }

  private static void assertPrintable(String message) {
    assertFalse(message.chars().anyMatch(c -> c < 0x20 || c == 0x7f), message);
  }
}
