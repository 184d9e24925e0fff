package dev.comfypkgs.cli.adopt;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.Terminal;
import dev.comfypkgs.cli.requirements.Pep508;
import dev.comfypkgs.cli.requirements.RequirementsFile;
import dev.comfypkgs.common.PythonNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a custom node says it needs, read from its source tree: {@code requirements.txt} with
 * pip's grammar (includes confined to the tree), then the {@code [project].dependencies} of a
 * {@code pyproject.toml}, a name stated in both counted once (the first statement wins). A
 * {@code setup.py} is not run or read. An {@code install.py} is noted: ComfyUI-Manager runs it,
 * and it usually runs pip at start-up, which the maintainer must know about.
 */
final class NodeReader {
  static final Path REQUIREMENTS = Path.of("requirements.txt");
  static final Path PYPROJECT = Path.of("pyproject.toml");
  static final Path INSTALL_PY = Path.of("install.py");
  /** A pyproject.toml is a few kilobytes; larger ones are refused unread. */
  static final int MAX_PYPROJECT_BYTES = 1 << 20;

  private static final TomlMapper TOML = new TomlMapper();

  /**
   * One thing the node asks for.
   *
   * @param where {@code requirements.txt:5} or {@code pyproject.toml}
   * @param url a direct reference's URL, else null
   * @param marker the environment marker, else null
   */
  record Wanted(String where, String name, String url, List<String> extras, String marker) {}

  /**
   * What the node says.
   *
   * @param description {@code [project].description}, else null
   * @param installPy whether an {@code install.py} is at its top
   * @param license its {@code [project].license} (an SPDX identifier, a table's {@code text}, or
   *     the file a table's {@code file} names), else the first license file at its top
   *     ({@link Licenses#FILES}), when recognised; else null
   */
  record NodeFacts(List<Wanted> wanted, String description, boolean installPy, StatedLicense license) {}

  /**
   * The license the node states, recognised.
   *
   * @param from where it was read, for the summary
   * @param caveat what a human must still check, else null
   */
  record StatedLicense(String constant, String from, String caveat) {}

  private NodeReader() {}

  /** Reads the node whose tree {@code files} reads, paths relative to its top. */
  static NodeFacts read(RequirementsFile.TextFiles files) throws IOException {
    List<Wanted> wanted = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (files.kind(REQUIREMENTS) == RequirementsFile.TextFiles.Kind.FILE) {
      for (RequirementsFile.Requirement r : RequirementsFile.read(files, REQUIREMENTS)) {
        if (seen.add(PythonNames.normalize(r.name()))) {
          wanted.add(new Wanted(r.file() + ":" + r.line(), r.name(), r.url(), r.extras(), r.marker()));
        }
      }
    }
    String description = null;
    StatedLicense license = null;
    if (files.kind(PYPROJECT) == RequirementsFile.TextFiles.Kind.FILE) {
      JsonNode project = pyproject(files).path("project");
      for (JsonNode entry : project.path("dependencies")) {
        if (!entry.isTextual()) {
          throw CliException.usage(PYPROJECT + ": [project].dependencies holds " + entry.getNodeType()
              .toString().toLowerCase(Locale.ROOT) + ", not only strings.");
        }
        Pep508.Dependency d;
        try {
          d = Pep508.parse(entry.asText());
        } catch (Pep508.InvalidDependency e) {
          throw CliException.usage(PYPROJECT + ": [project].dependencies: " + e.getMessage() + ".");
        }
        if (seen.add(PythonNames.normalize(d.name()))) {
          wanted.add(new Wanted(PYPROJECT.toString(), d.name(), d.url(), d.extras(), d.marker()));
        }
      }
      JsonNode text = project.path("description");
      if (text.isTextual() && !text.asText().isBlank()) {
        description = text.asText().strip();
      }
      license = declaredLicense(files, project.path("license"));
    }
    for (Path file : Licenses.FILES) {
      if (license == null) {
        license = licenseFile(files, file);
      }
    }
    return new NodeFacts(List.copyOf(wanted), description,
        files.kind(INSTALL_PY) == RequirementsFile.TextFiles.Kind.FILE, license);
  }

  private static StatedLicense declaredLicense(RequirementsFile.TextFiles files, JsonNode declared)
      throws IOException {
    String where = PYPROJECT + " [project].license";
    JsonNode identifier = declared.isTextual() ? declared : declared.path("text");
    if (identifier.isTextual()) {
      return Licenses.ofSpdx(identifier.asText()).map(c -> new StatedLicense(c, where, null)).orElse(null);
    }
    JsonNode file = declared.path("file");
    if (!file.isTextual()) {
      return null;
    }
    Path named;
    try {
      named = Path.of(file.asText()).normalize();
    } catch (InvalidPathException notAPath) {
      return null;
    }
    // Only a file inside the tree: the name comes from the archive, like everything in it.
    if (named.isAbsolute() || named.toString().isEmpty() || named.startsWith("..")) {
      return null;
    }
    return licenseFile(files, named);
  }

  private static StatedLicense licenseFile(RequirementsFile.TextFiles files, Path file) throws IOException {
    if (files.kind(file) != RequirementsFile.TextFiles.Kind.FILE) {
      return null;
    }
    return Licenses.ofText(files.read(file, Licenses.MAX_TEXT_BYTES))
        .map(r -> new StatedLicense(r.constant(), file.toString(), r.caveat())).orElse(null);
  }

  /** The {@code pyproject.toml} at the top of {@code files}, parsed; exit 2 when it is not TOML. */
  static JsonNode pyproject(RequirementsFile.TextFiles files) throws IOException {
    byte[] bytes = files.read(PYPROJECT, MAX_PYPROJECT_BYTES);
    if (bytes.length > MAX_PYPROJECT_BYTES) {
      throw CliException.usage(PYPROJECT + " is larger than " + MAX_PYPROJECT_BYTES + " bytes: not read.");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw CliException.usage(PYPROJECT + " is not UTF-8, as TOML must be.");
    }
    try {
      return TOML.readTree(text);
    } catch (JacksonException e) {
      throw CliException.usage(PYPROJECT + " is not TOML: "
          + Terminal.escape(e.getOriginalMessage().lines().findFirst().orElse("")) + ".");
    }
  }
}
