package dev.comfypkgs.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's view of {@code generated-nix/recipes.json}: what the processor generated. The CLI
 * never reads the Java recipes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecipesFile(
    int formatVersion,
    List<Package> packages,
    List<Meta> metaPackages,
    List<String> runtimeProvides,
    List<String> torchBearing,
    List<String> systems) {

  public static final int SUPPORTED_FORMAT = 1;

  /** One package, as much of it as the commands use. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Package(
      String recipeClass,
      String attr,
      String pname,
      String version,
      List<String> platforms,
      boolean torchAgnostic,
      List<Removal> removals,
      List<String> replaces,
      List<String> requires,
      List<String> smokeImports,
      Map<String, Object> source) {

    /** A source attribute as text ("" when absent). */
    public String source(String key) {
      Object v = source == null ? null : source.get(key);
      return v == null ? "" : v.toString();
    }
  }

  /** One {@code pythonRemoveDeps} entry. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Removal(String name, boolean torch, String reason) {}

  /** One meta-package. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Meta(
      String attr,
      String pname,
      String version,
      List<String> platforms,
      List<String> members,
      Map<String, List<String>> membersBySystem) {}

  public static RecipesFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CliException(ExitCode.USAGE, file + " does not exist: generate it with"
          + " `mvn -B -q package -DskipTests` at the repository root, or point --dir at a"
          + " generated-nix directory.");
    }
    try {
      RecipesFile r = new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
          .readValue(file.toFile(), RecipesFile.class);
      if (r.formatVersion() != SUPPORTED_FORMAT) {
        throw new CliException(ExitCode.USAGE, file + " has format " + r.formatVersion()
            + "; this comfypkgs reads format " + SUPPORTED_FORMAT + ": rebuild the tool and"
            + " regenerate with `mvn -B -q package -DskipTests`.");
      }
      return r;
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, file + " cannot be read: " + e.getMessage());
    }
  }

  /** Every attr, packages and meta-packages, sorted. */
  public List<String> attrs() {
    List<String> out = new ArrayList<>();
    packages.forEach(p -> out.add(p.attr()));
    metaPackages.forEach(m -> out.add(m.attr()));
    out.sort(String::compareTo);
    return out;
  }

  public Optional<Package> pkg(String attr) {
    return packages.stream().filter(p -> p.attr().equals(attr)).findFirst();
  }

  /** The package whose pname this is, if any. */
  public Optional<Package> byPname(String pname) {
    return packages.stream().filter(p -> p.pname().equals(pname)).findFirst();
  }

  public Optional<Meta> meta(String attr) {
    return metaPackages.stream().filter(m -> m.attr().equals(attr)).findFirst();
  }

  /** Checks that every name is an attr; a typo is a usage error naming the closest attr. */
  public List<String> resolve(List<String> names) {
    List<String> known = attrs();
    for (String name : names) {
      if (!known.contains(name)) {
        throw CliException.usage(Names.unknown("package", name, known));
      }
    }
    return names;
  }

  /** True when the name carries torch: torch itself or any name on the processor's list. */
  public boolean carriesTorch(String name) {
    String n = Names.normalize(name);
    if (List.of("torch", "torchvision", "torchaudio", "triton").contains(n)) {
      return true;
    }
    return torchBearing != null && torchBearing.stream().anyMatch(t -> Names.normalize(t).equals(n));
  }
}
