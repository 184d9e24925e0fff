package dev.comfypkgs.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.comfypkgs.cli.RecipesFile.Bundle;
import dev.comfypkgs.cli.RecipesFile.Meta;
import dev.comfypkgs.cli.RecipesFile.Package;
import dev.comfypkgs.cli.RecipesFile.Removal;
import dev.comfypkgs.cli.RecipesFile.Source;
import dev.comfypkgs.cli.RecipesFile.Substitution;
import dev.comfypkgs.cli.RecipesFile.UnloadableAttr;
import dev.comfypkgs.common.PackageKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads {@code recipes.json} into a {@link RecipesFile} with Jackson's streaming parser: one small
 * reader per record, each naming its fields once. Data binding would find the same records by
 * reflection, which costs a short command more than the rest of its work.
 *
 * <p>The contract is the file's, not Jackson's: every field is required and non-null unless
 * optional, a field the format does not have or a field given twice is an
 * error, and each error is one {@link CliException} naming the field by its path
 * ({@code packages[2].source.kind}). In one object, a missing field is reported before one the
 * format does not have (a renamed field reads as missing); content after the object is an error.
 */
final class RecipesFileReader {
  /** Jackson's own limits (nesting depth, string length) stay on: they turn into one line too. */
  private static final JsonFactory JSON = new JsonFactory();

  private static final List<String> SOURCE_KINDS =
      List.of("github", "pypi", "vendored", "vendored-directory", "nodes", "wraps");
  /** A node of a bundle is downloaded or vendored, never a bundle or wrapper itself. */
  private static final List<String> NODE_SOURCE_KINDS = List.of("github", "vendored");

  // Each kind of value is read by one constant: a method reference per field would link a call
  // site per field, which costs the short commands more than the parsing (JFR).
  private static final Value<String> STRING = RecipesFileReader::string;
  private static final Value<Boolean> BOOLEAN = RecipesFileReader::bool;
  private static final Value<Integer> WHOLE_NUMBER = RecipesFileReader::wholeNumber;
  private static final Value<PackageKind> PACKAGE_KIND = RecipesFileReader::packageKind;
  private static final Value<List<String>> STRINGS = listOf(STRING);
  private static final Value<Map<String, List<String>>> STRING_LISTS_BY_KEY =
      RecipesFileReader::stringListsByKey;
  private static final Value<Source> SOURCE = reader -> reader.source(SOURCE_KINDS);
  private static final Value<Source> NODE_SOURCE = reader -> reader.source(NODE_SOURCE_KINDS);
  private static final Value<List<Source.Node>> NODES = listOf(RecipesFileReader::node);
  private static final Value<List<Bundle>> BUNDLES = listOf(RecipesFileReader::bundle);
  private static final Value<List<Removal>> REMOVALS = listOf(RecipesFileReader::removal);
  private static final Value<List<Substitution>> SUBSTITUTIONS =
      listOf(RecipesFileReader::substitution);
  private static final Value<List<Package>> PACKAGES = listOf(RecipesFileReader::pkg);
  private static final Value<List<Meta>> METAS = listOf(RecipesFileReader::meta);
  private static final Value<List<UnloadableAttr>> UNLOADABLE_ATTRS =
      listOf(RecipesFileReader::unloadableAttr);

  private final Path file;
  private final JsonParser parser;

  private RecipesFileReader(Path file, JsonParser parser) {
    this.file = file;
    this.parser = parser;
  }

  /**
   * The records the file holds, not yet checked beyond their types and fields; {@code
   * formatVersion} is whatever the file says.
   *
   * @throws CliException naming the field that is not what the processor writes
   * @throws IOException if the file cannot be read or is not JSON
   */
  static RecipesFile read(Path file) throws IOException {
    try (JsonParser parser = JSON.createParser(file.toFile())) {
      RecipesFileReader reader = new RecipesFileReader(file, parser);
      JsonToken first = parser.nextToken();
      if (first == JsonToken.VALUE_NULL) {
        throw RecipesFile.invalid(file, "", "is null, not the JSON object the processor writes");
      }
      if (first != JsonToken.START_OBJECT) {
        throw RecipesFile.invalid(file, "", "is not the JSON object the processor writes");
      }
      RecipesFile recipes = reader.recipesFile();
      if (parser.nextToken() != null) {
        throw RecipesFile.invalid(file, "", "has content after the JSON object the processor writes");
      }
      return recipes;
    }
  }

  /**
   * The top-level {@code formatVersion}, if the file is a JSON object that has a whole number
   * there. Read again when a field is wrong: another format's fields are no error but a sign of
   * its version, wherever in the object the version stands.
   *
   * @throws IOException if the file cannot be read or is not JSON
   */
  static OptionalInt formatVersion(Path file) throws IOException {
    try (JsonParser parser = JSON.createParser(file.toFile())) {
      OptionalInt version = OptionalInt.empty();
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return version;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("formatVersion") && value == JsonToken.VALUE_NUMBER_INT
            && parser.getNumberType() == JsonParser.NumberType.INT) {
          version = OptionalInt.of(parser.getIntValue());
        }
        parser.skipChildren();
      }
      // The rest of the file must parse too: a file that is not JSON is reported as such first.
      while (parser.nextToken() != null) {
        parser.skipChildren();
      }
      return version;
    }
  }

  private RecipesFile recipesFile() throws IOException {
    Field<Integer> formatVersion = required("formatVersion", WHOLE_NUMBER);
    Field<String> comfyuiRelease = optional("comfyuiRelease", STRING);
    Field<List<Package>> packages = required("packages", PACKAGES);
    Field<List<Meta>> metaPackages = required("metaPackages", METAS);
    Field<List<String>> recipeClasses = required("recipeClasses", STRINGS);
    Field<List<String>> runtimeProvides = required("runtimeProvides", STRINGS);
    Field<List<String>> torchBearing = required("torchBearing", STRINGS);
    Field<List<String>> systems = required("systems", STRINGS);
    Field<List<String>> reservedAttrs = required("reservedAttrs", STRINGS);
    Field<List<UnloadableAttr>> unloadableAttrs =
        required("unloadableAttrs", UNLOADABLE_ATTRS);
    fields(formatVersion, comfyuiRelease, packages, metaPackages, recipeClasses, runtimeProvides,
        torchBearing, systems, reservedAttrs, unloadableAttrs);
    return new RecipesFile(formatVersion.value, comfyuiRelease.value, packages.value,
        metaPackages.value, recipeClasses.value, runtimeProvides.value,
        new HashSet<>(torchBearing.value), systems.value, reservedAttrs.value,
        unloadableAttrs.value);
  }

  private Package pkg() throws IOException {
    expect(JsonToken.START_OBJECT, "an object");
    Field<PackageKind> kind = required("kind", PACKAGE_KIND);
    Field<String> recipeClass = required("recipeClass", STRING);
    Field<String> attr = required("attr", STRING);
    Field<String> pname = required("pname", STRING);
    Field<String> version = required("version", STRING);
    Field<String> description = required("description", STRING);
    Field<String> homepage = required("homepage", STRING);
    Field<String> license = required("license", STRING);
    Field<String> format = required("format", STRING);
    Field<Source> source = required("source", SOURCE);
    Field<List<String>> buildSystem = required("buildSystem", STRINGS);
    Field<List<Bundle>> bundles = required("bundles", BUNDLES);
    Field<List<String>> requires = required("requires", STRINGS);
    Field<Boolean> torchAgnostic = required("torchAgnostic", BOOLEAN);
    Field<List<Removal>> removals = required("removals", REMOVALS);
    Field<List<String>> relax = required("relax", STRINGS);
    Field<List<String>> replaces = required("replaces", STRINGS);
    Field<List<String>> platforms = required("platforms", STRINGS);
    Field<String> skipRuntimeDepsCheck = optional("skipRuntimeDepsCheck", STRING);
    Field<List<Substitution>> substitutions =
        required("substitutions", SUBSTITUTIONS);
    Field<List<String>> importsCheck = required("importsCheck", STRINGS);
    Field<List<String>> smokeImports = required("smokeImports", STRINGS);
    Field<Boolean> tracksComfyUI = required("tracksComfyUI", BOOLEAN);
    Field<String> floxBuildUpstream = optional("floxBuildUpstream", STRING);
    Field<List<String>> customNodes = required("customNodes", STRINGS);
    Field<String> workflowsConverter = optional("workflowsConverter", STRING);
    fields(kind, recipeClass, attr, pname, version, description, homepage, license, format, source,
        buildSystem, bundles, requires, torchAgnostic, removals, relax, replaces, platforms,
        skipRuntimeDepsCheck, substitutions, importsCheck, smokeImports, tracksComfyUI,
        floxBuildUpstream, customNodes, workflowsConverter);
    return new Package(kind.value, recipeClass.value, attr.value, pname.value, version.value,
        description.value, homepage.value, license.value, format.value, source.value,
        buildSystem.value, bundles.value, requires.value, torchAgnostic.value, removals.value,
        relax.value, replaces.value, platforms.value, skipRuntimeDepsCheck.value,
        substitutions.value, importsCheck.value, smokeImports.value, tracksComfyUI.value,
        floxBuildUpstream.value, customNodes.value, workflowsConverter.value);
  }

  /**
   * A source: which fields it has depends on its {@code kind}, which may stand anywhere in the
   * object, so every kind's fields are read and the kind then says which of them it takes.
   */
  private Source source(List<String> kinds) throws IOException {
    expect(JsonToken.START_OBJECT, "an object");
    Field<String> kind = optional("kind", STRING);
    Field<String> owner = optional("owner", STRING);
    Field<String> repo = optional("repo", STRING);
    Field<String> tag = optional("tag", STRING);
    Field<String> rev = optional("rev", STRING);
    Field<String> hash = optional("hash", STRING);
    Field<String> sourceRoot = optional("sourceRoot", STRING);
    Field<String> name = optional("name", STRING);
    Field<String> version = optional("version", STRING);
    Field<Boolean> wheel = optional("wheel", BOOLEAN);
    Field<String> file = optional("file", STRING);
    Field<String> sha256 = optional("sha256", STRING);
    Field<String> directory = optional("directory", STRING);
    Field<String> gitTree = optional("gitTree", STRING);
    Field<List<Source.Node>> nodes = optional("nodes", NODES);
    Field<String> attr = optional("attr", STRING);
    Field<String> fix = optional("fix", STRING);
    Field<?>[] all = {kind, owner, repo, tag, rev, hash, sourceRoot, name, version, wheel, file,
        sha256, directory, gitTree, nodes, attr, fix};
    fields(all);
    if (kind.value == null || !kinds.contains(kind.value)) {
      throw invalid(atEnd("kind"), "is not a source kind the processor writes");
    }
    switch (kind.value) {
      case "github" -> {
        only(all, kind, owner, repo, tag, rev, hash, sourceRoot);
        return new Source.GitHub(
            owner.value, repo.value, tag.value, rev.value, hash.value, sourceRoot.value);
      }
      case "pypi" -> {
        only(all, kind, name, version, hash, wheel);
        return new Source.PyPI(name.value, version.value, hash.value, wheel.value);
      }
      case "vendored" -> {
        only(all, kind, file, sha256);
        return new Source.Vendored(file.value, sha256.value);
      }
      case "vendored-directory" -> {
        only(all, kind, directory, gitTree);
        return new Source.VendoredDirectory(directory.value, gitTree.value);
      }
      case "nodes" -> {
        only(all, kind, nodes);
        return new Source.Nodes(nodes.value);
      }
      default -> { // "wraps", the last of SOURCE_KINDS
        only(all, kind, attr, fix);
        return new Source.Wraps(attr.value, fix.value);
      }
    }
  }

  private Source.Node node() throws IOException {
    expect(JsonToken.START_OBJECT, "an object");
    Field<String> directory = required("directory", STRING);
    Field<Source> source = required("source", NODE_SOURCE);
    fields(directory, source);
    return new Source.Node(directory.value, source.value);
  }

  private Bundle bundle() throws IOException {
    expect(JsonToken.START_OBJECT, "an object");
    Field<List<String>> names = required("names", STRINGS);
    Field<List<String>> onlyOn = required("onlyOn", STRINGS);
    fields(names, onlyOn);
    return new Bundle(names.value, onlyOn.value);
  }

  private Substitution substitution() throws IOException {
    expect(JsonToken.START_OBJECT, "an object");
    Field<String> file = required("file", STRING);
    Field<String> node = required("node", STRING);
    Field<String> replace = required("replace", STRING);
    Field<String> with = required("with", STRING);
    fields(file, node, replace, with);
    return new Substitution(file.value, node.value, replace.value, with.value);
  }

  private Removal removal() throws IOException {
    expect(JsonToken.START_OBJECT, "an object");
    Field<String> name = required("name", STRING);
    Field<Boolean> torch = required("torch", BOOLEAN);
    Field<String> reason = optional("reason", STRING);
    fields(name, torch, reason);
    return new Removal(name.value, torch.value, reason.value);
  }

  private UnloadableAttr unloadableAttr() throws IOException {
    expect(JsonToken.START_OBJECT, "an object");
    Field<String> pattern = required("pattern", STRING);
    Field<String> reason = required("reason", STRING);
    fields(pattern, reason);
    return new UnloadableAttr(pattern.value, reason.value);
  }

  private Meta meta() throws IOException {
    expect(JsonToken.START_OBJECT, "an object");
    Field<String> recipeClass = required("recipeClass", STRING);
    Field<String> attr = required("attr", STRING);
    Field<String> pname = required("pname", STRING);
    Field<String> version = required("version", STRING);
    Field<String> description = required("description", STRING);
    Field<String> homepage = required("homepage", STRING);
    Field<String> license = required("license", STRING);
    Field<List<String>> members = required("members", STRINGS);
    Field<List<String>> nixpkgs = required("nixpkgs", STRINGS);
    Field<List<Bundle>> bundles = required("bundles", BUNDLES);
    Field<List<String>> platforms = required("platforms", STRINGS);
    Field<Boolean> tracksComfyUI = required("tracksComfyUI", BOOLEAN);
    Field<Map<String, List<String>>> membersBySystem =
        required("membersBySystem", STRING_LISTS_BY_KEY);
    fields(recipeClass, attr, pname, version, description, homepage, license, members, nixpkgs,
        bundles, platforms, tracksComfyUI, membersBySystem);
    return new Meta(recipeClass.value, attr.value, pname.value, version.value, description.value,
        homepage.value, license.value, members.value, nixpkgs.value, bundles.value,
        platforms.value, tracksComfyUI.value, membersBySystem.value);
  }

  /** One field of an object: its name, how its value is read, and the value once read. */
  private static final class Field<T> {
    final String name;
    final Value<T> reader;
    final boolean optional;
    boolean given;
    T value;

    Field(String name, Value<T> reader, boolean optional) {
      this.name = name;
      this.reader = reader;
      this.optional = optional;
    }
  }

  /** Reads the value at the reader's current token. */
  @FunctionalInterface
  private interface Value<T> {
    T read(RecipesFileReader reader) throws IOException;
  }

  private static <T> Value<List<T>> listOf(Value<T> element) {
    return reader -> reader.list(element);
  }

  private static <T> Field<T> required(String name, Value<T> reader) {
    return new Field<>(name, reader, false);
  }

  /** A field that may be absent or null, read as null then. */
  private static <T> Field<T> optional(String name, Value<T> reader) {
    return new Field<>(name, reader, true);
  }

  /**
   * Reads the object at the current token into {@code fields}. Checked at its end: a required
   * field absent, then a field that is none of {@code fields}.
   */
  private void fields(Field<?>... fields) throws IOException {
    String unknown = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      Field<?> field = find(fields, name);
      if (field == null) {
        unknown = unknown == null ? here() : unknown;
        parser.skipChildren();
        continue;
      }
      if (field.given) {
        throw invalid(here(), "is given twice");
      }
      field.given = true;
      read(field);
    }
    for (Field<?> field : fields) {
      if (!field.given && !field.optional) {
        throw invalid(atEnd(field.name), "is missing or null");
      }
    }
    if (unknown != null) {
      throw invalid(unknown, "is not a field of recipes.json format " + RecipesFile.SUPPORTED_FORMAT);
    }
  }

  private static Field<?> find(Field<?>[] fields, String name) {
    for (Field<?> field : fields) {
      if (field.name.equals(name)) {
        return field;
      }
    }
    return null;
  }

  private <T> void read(Field<T> field) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NULL) {
      field.value = field.reader.read(this);
    } else if (!field.optional) {
      throw invalid(here(), "is missing or null");
    }
  }

  /** Of a source's fields, {@code taken} are its kind's: all required, and no other given. */
  private void only(Field<?>[] all, Field<?>... taken) {
    List<Field<?>> ofKind = List.of(taken);
    for (Field<?> field : all) {
      if (field.given && !ofKind.contains(field)) {
        throw invalid(atEnd(field.name),
            "is not a field of recipes.json format " + RecipesFile.SUPPORTED_FORMAT);
      }
    }
    for (Field<?> field : taken) {
      if (field.value == null) {
        throw invalid(atEnd(field.name), "is missing or null");
      }
    }
  }

  private <T> List<T> list(Value<T> element) throws IOException {
    expect(JsonToken.START_ARRAY, "a list");
    List<T> out = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        throw invalid(here(), "is missing or null");
      }
      out.add(element.read(this));
    }
    return Collections.unmodifiableList(out);
  }

  /** An object of string lists, in the file's order ({@code membersBySystem}). */
  private Map<String, List<String>> stringListsByKey() throws IOException {
    expect(JsonToken.START_OBJECT, "an object");
    Map<String, List<String>> out = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      if (parser.nextToken() == JsonToken.VALUE_NULL) {
        throw invalid(here(), "is missing or null");
      }
      if (out.put(key, list(STRING)) != null) {
        throw invalid(path(parser.getParsingContext()), "is given twice");
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private String string() throws IOException {
    expect(JsonToken.VALUE_STRING, "a string");
    return parser.getText();
  }

  private Boolean bool() throws IOException {
    if (!parser.currentToken().isBoolean()) {
      throw invalid(here(), "is not true or false");
    }
    return parser.currentToken() == JsonToken.VALUE_TRUE;
  }

  private Integer wholeNumber() throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() != JsonParser.NumberType.INT) {
      throw invalid(here(), "is not a whole number");
    }
    return parser.getIntValue();
  }

  private PackageKind packageKind() throws IOException {
    String label = string();
    for (PackageKind kind : PackageKind.values()) {
      if (kind.label().equals(label)) {
        return kind;
      }
    }
    throw invalid(here(), "is not a package kind the processor writes");
  }

  private void expect(JsonToken token, String what) {
    if (parser.currentToken() != token) {
      throw invalid(here(), "is not " + what);
    }
  }

  /** The path of the value at the current token; a container's own context is inside it. */
  private String here() {
    JsonStreamContext context = parser.getParsingContext();
    return path(parser.currentToken() == JsonToken.START_OBJECT
        || parser.currentToken() == JsonToken.START_ARRAY ? context.getParent() : context);
  }

  /** {@code packages[3].source}: where in the file the context stands. */
  private static String path(JsonStreamContext context) {
    Deque<String> segments = new ArrayDeque<>();
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      if (at.inArray()) {
        segments.addFirst("[" + at.getCurrentIndex() + "]");
      } else if (at.getCurrentName() != null) {
        segments.addFirst("." + Terminal.escape(at.getCurrentName()));
      }
    }
    String path = String.join("", segments);
    return path.startsWith(".") ? path.substring(1) : path;
  }

  /**
   * The path of field {@code name} of the object the parser is at the end of, whose parent's
   * context names the object. Built only for a message, like every path.
   */
  private String atEnd(String name) {
    String at = path(parser.getParsingContext());
    return at.isEmpty() ? name : at + "." + name;
  }

  private CliException invalid(String field, String problem) {
    return RecipesFile.invalid(file, field, problem);
  }
}
