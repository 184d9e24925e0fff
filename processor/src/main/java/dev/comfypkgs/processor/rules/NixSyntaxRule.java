package dev.comfypkgs.processor.rules;

import dev.comfypkgs.processor.emit.PackageExpression;
import dev.comfypkgs.processor.nix.NixNames;
import dev.comfypkgs.processor.nix.NixStrings;
import dev.comfypkgs.processor.parse.Declaration;
import dev.comfypkgs.processor.parse.ParsedRecipes;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;

/**
 * CPK005: every name and text a recipe gives can be written into Nix as it is meant: attrs and
 * nixpkgs names are Nix identifiers, pnames and versions are store-path safe, vendored files are
 * path literals, and no text holds a NUL. A recipe that breaks this is a compile error, never a
 * file Nix cannot parse.
 */
public final class NixSyntaxRule implements Rule {
  private static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+\\-]*");
  private static final Pattern VENDORED_PATH =
      Pattern.compile("/?([A-Za-z0-9._+\\-]+/)*[A-Za-z0-9._+\\-]+");

  @Override
  public String id() {
    return "CPK005";
  }

  @Override
  public String summary() {
    return "Names and texts can be written to Nix: attrs and nixpkgs names are identifiers, pname"
        + " and version are store-path safe, vendored files are path literals, no text holds NUL.";
  }

  @Override
  public void check(ParsedRecipes recipes, ValidationReport report) {
    for (Declaration d : recipes.packages()) {
      checkHead(report, d, "PythonPackage");
      List<String> arguments = PackageExpression.fixedArguments(recipes.packageOf(d));
      identifiers(report, d, "BuildSystem", "value", Set.of());
      identifiers(report, d, "Bundle", "value", Set.copyOf(arguments));
      texts(report, d, "Remove", "reason");
      texts(report, d, "SkipRuntimeDepsCheck", "reason");
      for (AnnotationMirror m : d.mirrors("Vendored")) {
        // Only the characters: where the path leads (.., absolute, links) is CPK109's.
        String file = d.string(m, "file");
        if (!VENDORED_PATH.matcher(file).matches()) {
          report.error(this, d.anchor(m, "file"),
              "'" + file + "' cannot be a Nix path literal: use a path relative to sources/ made"
                  + " of letters, digits and . _ + - (rename the file if needed).");
        }
      }
      for (AnnotationMirror m : d.mirrors("Substitute")) {
        for (String attribute : List.of("file", "replace", "with")) {
          String text = d.string(m, attribute);
          if (text.indexOf('\r') >= 0 || !NixStrings.isRepresentable(text)) {
            report.error(this, d.anchor(m, attribute),
                "@Substitute " + attribute + " holds a carriage return or NUL, which postPatch"
                    + " cannot carry: remove it.");
          }
        }
        if (d.string(m, "file").isEmpty() || d.string(m, "replace").isEmpty()) {
          report.error(this, d.anchor(m, d.string(m, "file").isEmpty() ? "file" : "replace"),
              "@Substitute needs a file and a non-empty text to replace.");
        }
      }
    }
    for (Declaration d : recipes.metas()) {
      checkHead(report, d, "MetaPackage");
      identifiers(report, d, "MetaPackage", "nixpkgs", Set.of("lib", "python3", "stdenv"));
      identifiers(report, d, "Bundle", "value", Set.of("lib", "python3", "stdenv"));
    }
  }

  private void checkHead(ValidationReport report, Declaration d, String annotation) {
    AnnotationMirror m = d.mirrors(annotation).get(0);
    String pname = d.string(m, "pname");
    if (!STORE_NAME.matcher(pname).matches()) {
      report.error(this, d.anchor(m, "pname"),
          "pname '" + pname + "' is not a valid package name: use letters, digits and . _ + -,"
              + " starting with a letter or digit.");
    }
    String version = d.string(m, "version");
    if (!STORE_NAME.matcher(version).matches()) {
      report.error(this, d.anchor(m, "version"),
          "version '" + version + "' is not a valid version: use letters, digits and . _ + -,"
              + " e.g. \"1.0.22\" or \"0.1.5-unstable-2025-12-22\".");
    }
    String attr = d.explicit(m, "attr") ? d.string(m, "attr") : pname;
    if (!NixNames.isIdentifier(attr)) {
      report.error(this, d.anchor(m, d.explicit(m, "attr") ? "attr" : "pname"),
          "'" + attr + "' cannot be a Flox attribute: it must be a Nix identifier (a letter or _,"
              + " then letters, digits, _ ' -) and not a keyword; set attr = \"...\" to one.");
    }
    for (String attribute : List.of("description", "homepage")) {
      if (!NixStrings.isRepresentable(d.string(m, attribute))) {
        report.error(this, d.anchor(m, attribute),
            attribute + " holds a NUL character, which no Nix string can hold: remove it.");
      }
    }
  }

  private void texts(ValidationReport report, Declaration d, String annotation, String attribute) {
    for (AnnotationMirror m : d.mirrors(annotation)) {
      if (!NixStrings.isRepresentable(d.string(m, attribute))) {
        report.error(this, d.anchor(m, attribute),
            attribute + " holds a NUL character, which no Nix string can hold: remove it.");
      }
    }
  }

  private void identifiers(
      ValidationReport report, Declaration d, String annotation, String attribute,
      Set<String> taken) {
    for (AnnotationMirror m : d.mirrors(annotation)) {
      List<String> names = d.strings(m, attribute);
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (!NixNames.isIdentifier(name)) {
          report.error(this, d.anchor(m, attribute, i),
              "'" + name + "' is not a nixpkgs Python attribute name: write it as in"
                  + " python3.pkgs (e.g. \"pillow-heif\", \"opencv4\").");
        } else if (taken.contains(name)) {
          report.error(this, d.anchor(m, attribute, i),
              "'" + name + "' is also an argument of the generated file, which would hide the"
                  + " nixpkgs package: depend on the recipe with @Requires instead of bundling it.");
        }
      }
    }
  }
}
