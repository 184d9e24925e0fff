package dev.comfypkgs.processor.emit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.comfypkgs.processor.model.BundleGroup;
import dev.comfypkgs.processor.model.MetaDescriptor;
import dev.comfypkgs.processor.model.PackageDescriptor;
import dev.comfypkgs.processor.model.PackageFiles;
import dev.comfypkgs.processor.model.RecipeSet;
import dev.comfypkgs.processor.model.Removal;
import dev.comfypkgs.processor.model.Scope;
import dev.comfypkgs.processor.model.Source;
import dev.comfypkgs.processor.model.Substitution;
import dev.comfypkgs.processor.model.SystemSet;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code recipes.json}: the model the CLI reads (it never reads the Java recipes). Keys are sorted
 * and lines end in LF, so the file is byte-identical across runs and machines.
 */
public final class RecipesJson {
  public static final String PATH = "recipes.json";
  public static final int FORMAT_VERSION = 2;

  private static final JsonFactory FACTORY = new JsonFactory();

  private RecipesJson() {}

  /*
   * The schema, version FORMAT_VERSION: one writer method per entry, each writing its keys
   * explicitly, so that a model refactoring cannot rename or drop a field the CLI reads without
   * this file changing (and the CLI's test against the golden recipes.json failing). Every entry
   * writes its keys in alphabetical order, except a source's kind, which comes first. A package
   * omits its null fields; every other entry writes a null as null. Written through jackson-core's
   * streaming generator: databind's introspection cost more than the rest of rendering together.
   */

  public static String render(RecipeSet set) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.setPrettyPrinter(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));
      json.writeStartObject();
      json.writeStringField("comfyuiRelease", set.comfyuiRelease());
      json.writeNumberField("formatVersion", FORMAT_VERSION);
      json.writeArrayFieldStart("metaPackages");
      for (MetaDescriptor meta : set.metas()) {
        meta(json, meta, set.dependencies(meta).bySystem());
      }
      json.writeEndArray();
      json.writeArrayFieldStart("packages");
      for (PackageDescriptor pkg : set.packages()) {
        pkg(json, pkg);
      }
      json.writeEndArray();
      strings(json, "recipeClasses", set.declarationClasses());
      // For `comfypkgs new`, which refuses these attrs before it downloads anything.
      strings(json, "reservedAttrs", Scope.reserved());
      strings(json, "runtimeProvides", set.runtimeProvides());
      strings(json, "systems", set.systems().nixNames());
      strings(json, "torchBearing", set.torchBearing());
      json.writeArrayFieldStart("unloadableAttrs");
      for (PackageFiles.UnloadableAttr unloadable : PackageFiles.UNLOADABLE) {
        json.writeStartObject();
        json.writeStringField("pattern", unloadable.pattern());
        json.writeStringField("reason", unloadable.reason());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      // A StringWriter does not fail; the generator only declares that it could.
      throw new UncheckedIOException("recipes.json could not be written", e);
    }
    return out.append('\n').toString();
  }

  private static void pkg(JsonGenerator json, PackageDescriptor p) throws IOException {
    json.writeStartObject();
    stringIfPresent(json, "attr", p.attr());
    strings(json, "buildSystem", p.buildSystem());
    bundles(json, p.bundles(), p.platforms());
    // The directories it installs under share/comfyui/custom_nodes, for list and smoke.
    strings(json, "customNodes", p.nodeDirectories());
    stringIfPresent(json, "description", p.description());
    stringIfPresent(json, "floxBuildUpstream", p.floxBuildUpstream());
    json.writeStringField("format", p.format().name());
    stringIfPresent(json, "homepage", p.homepage());
    strings(json, "importsCheck", p.importsCheck());
    json.writeStringField("kind", p.kind().label());
    stringIfPresent(json, "license", p.license());
    strings(json, "platforms", p.platforms().nixNames());
    stringIfPresent(json, "pname", p.pname());
    stringIfPresent(json, "recipeClass", p.recipeClass());
    strings(json, "relax", p.relax());
    json.writeArrayFieldStart("removals");
    for (Removal removal : p.removals()) {
      json.writeStartObject();
      json.writeStringField("name", removal.name());
      json.writeStringField("reason", removal.reason());
      json.writeBooleanField("torch", removal.torch());
      json.writeEndObject();
    }
    json.writeEndArray();
    strings(json, "replaces", p.replaces());
    strings(json, "requires", p.requires());
    stringIfPresent(json, "skipRuntimeDepsCheck", p.skipRuntimeDepsCheck());
    strings(json, "smokeImports", p.smokeImports());
    json.writeFieldName("source");
    source(json, p.source());
    json.writeArrayFieldStart("substitutions");
    for (Substitution substitution : p.substitutions()) {
      // node: the bundle's node whose file it edits; empty for a package's own source.
      json.writeStartObject();
      json.writeStringField("file", substitution.file());
      json.writeStringField("node", substitution.node());
      json.writeStringField("replace", substitution.replace());
      json.writeStringField("with", substitution.with());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeBooleanField("torchAgnostic", p.torchAgnostic());
    json.writeBooleanField("tracksComfyUI", p.tracksComfyUI());
    stringIfPresent(json, "version", p.version());
    // The converter a workflows package runs; written for that kind only.
    stringIfPresent(json, "workflowsConverter", p.workflowsConverter());
    json.writeEndObject();
  }

  private static void meta(
      JsonGenerator json, MetaDescriptor m, Map<String, List<String>> membersBySystem)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("attr", m.attr());
    bundles(json, m.bundles(), m.platforms());
    json.writeStringField("description", m.description());
    json.writeStringField("homepage", m.homepage());
    json.writeStringField("license", m.license());
    strings(json, "members", m.members());
    json.writeObjectFieldStart("membersBySystem");
    for (Map.Entry<String, List<String>> system : new TreeMap<>(membersBySystem).entrySet()) {
      strings(json, system.getKey(), system.getValue());
    }
    json.writeEndObject();
    strings(json, "nixpkgs", m.nixpkgs());
    strings(json, "platforms", m.platforms().nixNames());
    json.writeStringField("pname", m.pname());
    json.writeStringField("recipeClass", m.recipeClass());
    json.writeBooleanField("tracksComfyUI", m.tracksComfyUI());
    json.writeStringField("version", m.version());
    json.writeEndObject();
  }

  /** Each group's systems within the recipe's: an unconditional one is not "on every system". */
  private static void bundles(JsonGenerator json, List<BundleGroup> groups, SystemSet platforms)
      throws IOException {
    json.writeArrayFieldStart("bundles");
    for (BundleGroup group : groups) {
      json.writeStartObject();
      strings(json, "names", group.names());
      strings(json, "onlyOn", group.systemsWithin(platforms).nixNames());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** Where a package's source comes from; {@code kind} says which, and is written first. */
  private static void source(JsonGenerator json, Source source) throws IOException {
    json.writeStartObject();
    if (source instanceof Source.GitHub g) {
      json.writeStringField("kind", "github");
      json.writeStringField("hash", g.hash());
      json.writeStringField("owner", g.owner());
      json.writeStringField("repo", g.repo());
      json.writeStringField("rev", g.rev());
      json.writeStringField("sourceRoot", g.sourceRoot());
      json.writeStringField("tag", g.tag());
    } else if (source instanceof Source.PyPI p) {
      json.writeStringField("kind", "pypi");
      json.writeStringField("hash", p.hash());
      json.writeStringField("name", p.name());
      json.writeStringField("version", p.version());
      json.writeBooleanField("wheel", p.wheel());
    } else if (source instanceof Source.VendoredDirectory d) {
      json.writeStringField("kind", "vendored-directory");
      json.writeStringField("directory", d.directory());
      json.writeStringField("gitTree", d.gitTree());
    } else if (source instanceof Source.Nodes n) {
      // A node bundle's sources, one per node, in install order: each node's directory under
      // custom_nodes and its github or vendored source.
      json.writeStringField("kind", "nodes");
      json.writeArrayFieldStart("nodes");
      for (Source.Node node : n.sorted()) {
        json.writeStartObject();
        json.writeStringField("directory", node.directory());
        json.writeFieldName("source");
        source(json, node.source());
        json.writeEndObject();
      }
      json.writeEndArray();
    } else if (source instanceof Source.Wraps w) {
      // A wrapper's: the python3.pkgs attribute it copies, and its fix under sources/.
      json.writeStringField("kind", "wraps");
      json.writeStringField("attr", w.attribute());
      json.writeStringField("fix", w.fix());
    } else {
      Source.Vendored v = (Source.Vendored) source;
      json.writeStringField("kind", "vendored");
      json.writeStringField("file", v.file());
      json.writeStringField("sha256", v.sha256());
    }
    json.writeEndObject();
  }

  private static void strings(JsonGenerator json, String name, Collection<String> values)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /** A package's string field, left out when null (its other entries write null as null). */
  private static void stringIfPresent(JsonGenerator json, String name, String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }
}
