package dev.comfypkgs.cli.pypi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.Terminal;
import dev.comfypkgs.cli.requirements.Pep440;
import dev.comfypkgs.cli.requirements.Pep508;
import dev.comfypkgs.common.PythonNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads PyPI's JSON API documents with a streaming parser: only {@code info} and {@code urls} are
 * kept, and {@code releases} (thousands of entries for a busy project) is skipped unread. Every
 * structure and every kept string is bounded, so a hostile or broken document costs bounded
 * memory and ends in one line, never in a stack trace.
 */
public final class PyPIJson {
  /** Larger documents are refused (the downloader caps the file at the same size). */
  static final long MAX_DOCUMENT = 64L * 1024 * 1024;
  /** A kept string (a dependency, a URL, the summary) longer than this is refused. */
  static final int MAX_FIELD = 64 * 1024;
  static final int MAX_REQUIRES_DIST = 2_000;
  static final int MAX_PROJECT_URLS = 100;
  static final int MAX_CLASSIFIERS = 2_000;
  static final int MAX_SDISTS = 100;
  /** PyPI's documents are four levels deep; anything much deeper is not one. */
  static final int MAX_DEPTH = 32;

  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxDocumentLength(MAX_DOCUMENT)
          .maxStringLength(16 * 1024 * 1024) // the skipped README may be long; kept strings are capped lower
          .maxNumberLength(64)
          .maxNameLength(1024)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** A document that is not a PyPI project's JSON, with why in one line safe to print. */
  public static final class MalformedJson extends IOException {
    MalformedJson(String message) {
      super(message);
    }
  }

  private PyPIJson() {}

  /** A source archive listed in {@code urls}, before it is checked against the release. */
  private record Candidate(String filename, String url, String sha256, boolean yanked) {}

  /** The {@code info} fields kept, as read. */
  private static final class Info {
    String name;
    String version;
    List<String> requiresDist = List.of();
    Map<String, String> projectUrls = Map.of();
    String homePage;
    String licenseExpression;
    String license;
    List<String> classifiers = List.of();
    String summary;
  }

  /**
   * The project the document describes.
   *
   * @throws MalformedJson when it is not JSON, not a PyPI project document, or past a bound
   * @throws IOException when the stream cannot be read
   */
  public static PyPIProject parse(InputStream in) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedJson("not a JSON object");
      }
      Info info = null;
      List<Candidate> candidates = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "info" -> info = info(p);
          case "urls" -> candidates = urls(p);
          default -> p.skipChildren(); // releases, vulnerabilities, last_serial
        }
      }
      if (p.nextToken() != null) {
        throw new MalformedJson("more after the JSON object");
      }
      if (info == null) {
        throw new MalformedJson("no info object");
      }
      if (info.name == null || !Pep508.isProjectName(info.name)) {
        throw new MalformedJson("info.name " + shown(info.name) + " is not a project name");
      }
      if (info.version == null || Pep440.Version.parse(info.version).isEmpty()) {
        throw new MalformedJson("info.version " + shown(info.version) + " is not a PEP 440 version");
      }
      return new PyPIProject(info.name, info.version, info.requiresDist, info.projectUrls, info.homePage,
          sdist(candidates, info.name, info.version), info.licenseExpression, info.license, info.classifiers,
          info.summary);
    } catch (JsonProcessingException e) {
      // Jackson's own messages echo the input and run over several lines.
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new MalformedJson(Terminal.escape(
          String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("")) + where);
    }
  }

  private static Info info(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT, "info");
    Info info = new Info();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "name" -> info.name = string(p, "info.name");
        case "version" -> info.version = string(p, "info.version");
        case "requires_dist" -> info.requiresDist = strings(p, "info.requires_dist", MAX_REQUIRES_DIST);
        case "project_urls" -> info.projectUrls = stringMap(p, "info.project_urls", MAX_PROJECT_URLS);
        case "home_page" -> info.homePage = string(p, "info.home_page");
        case "license_expression" -> info.licenseExpression = string(p, "info.license_expression");
        case "license" -> info.license = string(p, "info.license");
        case "classifiers" -> info.classifiers = strings(p, "info.classifiers", MAX_CLASSIFIERS);
        case "summary" -> info.summary = string(p, "info.summary");
        default -> p.skipChildren(); // description (the whole README) among them
      }
    }
    return info;
  }

  private static List<Candidate> urls(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return List.of();
    }
    expect(p, JsonToken.START_ARRAY, "urls");
    List<Candidate> sdists = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      expect(p, JsonToken.START_OBJECT, "urls[]");
      String filename = null;
      String packagetype = null;
      String url = null;
      String sha256 = null;
      boolean yanked = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "filename" -> filename = string(p, "urls[].filename");
          case "packagetype" -> packagetype = string(p, "urls[].packagetype");
          case "url" -> url = string(p, "urls[].url");
          case "yanked" -> yanked = p.currentToken() == JsonToken.VALUE_TRUE;
          case "digests" -> sha256 = sha256(p);
          default -> p.skipChildren();
        }
      }
      if ("sdist".equals(packagetype)) {
        if (sdists.size() == MAX_SDISTS) {
          throw new MalformedJson("more than " + MAX_SDISTS + " source archives in urls");
        }
        sdists.add(new Candidate(filename, url, sha256, yanked));
      }
    }
    return sdists;
  }

  private static String sha256(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(p, JsonToken.START_OBJECT, "urls[].digests");
    String sha256 = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("sha256")) {
        sha256 = string(p, "urls[].digests.sha256");
      } else {
        p.skipChildren();
      }
    }
    return sha256;
  }

  /**
   * The source archive {@code fetchPypi} would download for the release: {@code
   * <name>-<version>.tar.gz} in any spelling of the project's name, not yanked, with a SHA-256.
   */
  private static Optional<PyPIProject.Sdist> sdist(List<Candidate> candidates, String name, String version) {
    String suffix = "-" + version + ".tar.gz";
    for (Candidate c : candidates) {
      if (c.yanked() || c.filename() == null || !c.filename().endsWith(suffix)
          || c.sha256() == null || !SHA256.matcher(c.sha256()).matches()) {
        continue;
      }
      String distribution = c.filename().substring(0, c.filename().length() - suffix.length());
      if (Pep508.isProjectName(distribution)
          && PythonNames.normalize(distribution).equals(PythonNames.normalize(name))) {
        return Optional.of(new PyPIProject.Sdist(
            c.filename(), distribution, c.url(), c.sha256().toLowerCase(Locale.ROOT)));
      }
    }
    return Optional.empty();
  }

  private static void expect(JsonParser p, JsonToken token, String field) throws MalformedJson {
    if (p.currentToken() != token) {
      throw new MalformedJson(field + " is not " + (token == JsonToken.START_ARRAY ? "a list" : "an object"));
    }
  }

  /** A string or null; anything else, or a string past {@link #MAX_FIELD}, is refused. */
  private static String string(JsonParser p, String field) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new MalformedJson(field + " is not a string");
    }
    if (p.getTextLength() > MAX_FIELD) {
      throw new MalformedJson(field + " is longer than " + MAX_FIELD + " characters");
    }
    return p.getText();
  }

  /** A list of strings (null is none), at most {@code max} of them. */
  private static List<String> strings(JsonParser p, String field, int max) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return List.of();
    }
    expect(p, JsonToken.START_ARRAY, field);
    List<String> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (out.size() == max) {
        throw new MalformedJson(field + " has more than " + max + " entries");
      }
      String value = string(p, field + "[]");
      if (value == null) {
        throw new MalformedJson(field + " holds a null");
      }
      out.add(value);
    }
    return Collections.unmodifiableList(out);
  }

  /** An object of strings (null is none), in its order, at most {@code max} entries; null values are dropped. */
  private static Map<String, String> stringMap(JsonParser p, String field, int max) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return Map.of();
    }
    expect(p, JsonToken.START_OBJECT, field);
    Map<String, String> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      if (out.size() == max) {
        throw new MalformedJson(field + " has more than " + max + " entries");
      }
      String key = p.currentName();
      p.nextToken();
      String value = string(p, field + "." + key);
      if (value != null) {
        out.put(key, value);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static String shown(String text) {
    if (text == null) {
      return "null";
    }
    String cut = text.length() <= 120 ? text : text.substring(0, 120) + "...";
    return "'" + Terminal.escape(cut) + "'";
  }

  /**
   * Looks projects up through a {@link JsonSource}, each name at most once per run (a project
   * required from many places is fetched and read once), and checks that the answer is about the
   * project asked for.
   */
  public static final class Client {
    private final JsonSource source;
    private final Map<String, Optional<PyPIProject>> memo = new HashMap<>();

    public Client(JsonSource source) {
      this.source = source;
    }

    /**
     * The project named {@code name} in any spelling, or empty when PyPI has none.
     *
     * @throws CliException (exit 1) when PyPI's answer is not a document about that project
     * @throws IOException when the source could not fetch it
     */
    public Optional<PyPIProject> project(String name) throws IOException {
      String normal = PythonNames.normalize(name);
      Optional<PyPIProject> known = memo.get(normal);
      if (known != null) {
        return known;
      }
      Optional<Path> file = source.fetch(normal);
      Optional<PyPIProject> project = Optional.empty();
      if (file.isPresent()) {
        PyPIProject read;
        try (InputStream in = Files.newInputStream(file.get())) {
          read = parse(in);
        } catch (MalformedJson e) {
          throw new CliException(ExitCode.FAILED,
              "PyPI's JSON for " + shown(normal) + " is not a project document: " + e.getMessage() + ".");
        }
        if (!PythonNames.normalize(read.name()).equals(normal)) {
          throw new CliException(ExitCode.FAILED, "PyPI answered for another project: asked for "
              + shown(normal) + ", got " + shown(read.name()) + ".");
        }
        project = Optional.of(read);
      }
      memo.put(normal, project);
      return project;
    }

    /** How many projects were fetched (each name once). */
    public int lookups() {
      return memo.size();
    }
  }
}
