package dev.comfypkgs.processor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.comfypkgs.annotations.Format;
import java.util.List;

/**
 * One {@code @PythonPackage} recipe as the generators see it: plain immutable data, no compiler
 * types. {@code requires} holds the attrs of the recipes this one depends on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackageDescriptor(
    String recipeClass,
    String attr,
    String pname,
    String version,
    String description,
    String homepage,
    String license,
    Format format,
    Source source,
    List<String> buildSystem,
    List<BundleGroup> bundles,
    List<String> requires,
    boolean torchAgnostic,
    List<Removal> removals,
    List<String> relax,
    List<String> replaces,
    SystemSet platforms,
    String skipRuntimeDepsCheck,
    List<Substitution> substitutions,
    List<String> importsCheck,
    List<String> smokeImports,
    boolean tracksComfyUI,
    String floxBuildUpstream) {

  public PackageDescriptor {
    buildSystem = List.copyOf(buildSystem);
    bundles = List.copyOf(bundles);
    requires = List.copyOf(requires);
    removals = List.copyOf(removals);
    relax = List.copyOf(relax);
    replaces = List.copyOf(replaces);
    substitutions = List.copyOf(substitutions);
    importsCheck = List.copyOf(importsCheck);
    smokeImports = List.copyOf(smokeImports);
  }

  /** The same package with {@code requires} replaced. */
  public PackageDescriptor withRequires(List<String> newRequires) {
    return new PackageDescriptor(
        recipeClass, attr, pname, version, description, homepage, license, format, source,
        buildSystem, bundles, newRequires, torchAgnostic, removals, relax, replaces, platforms,
        skipRuntimeDepsCheck, substitutions, importsCheck, smokeImports, tracksComfyUI,
        floxBuildUpstream);
  }
}
