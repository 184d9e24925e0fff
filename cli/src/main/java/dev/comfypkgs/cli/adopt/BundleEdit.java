package dev.comfypkgs.cli.adopt;

import com.palantir.javapoet.ClassName;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.fetch.JavaSourceEditor;
import dev.comfypkgs.cli.scaffold.RecipeSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Adds a node to a hand-written {@code @NodeBundle} class, as {@code adopt --into} does: one
 * {@code @Node} with its pinned source, one {@code @Bundle} of the nixpkgs names it needs (limited
 * to Linux when the bundle is built for more, since the node's markers were evaluated for Linux
 * only), its required recipes appended to {@code @Requires}, and the imports these need. Every
 * line the class had is kept as it was, comments included.
 */
final class BundleEdit {
  private static final String ANNOTATIONS = "dev.comfypkgs.annotations.";

  private BundleEdit() {}

  /**
   * The bundle's source with the node added.
   *
   * @param directory the node's directory under custom_nodes
   * @param bundled nixpkgs names the bundle does not bundle yet
   * @param linuxOnly whether the names are bundled on Linux only
   * @param requires recipes to require that the bundle does not require yet
   * @param hasRequires whether the bundle has a {@code @Requires} to append to
   */
  static String addNode(String source, String directory, RecipeSpec.GitHubSource node, List<String> bundled,
      boolean linuxOnly, List<ClassName> requires, boolean hasRequires) {
    try {
      String out = JavaSourceEditor.ensureImport(source, ANNOTATIONS + "Node");
      out = JavaSourceEditor.insertBeforeType(out, "@Node(\n"
          + "    directory = " + quoted(directory) + ",\n"
          + "    owner = " + quoted(node.owner()) + ",\n"
          + "    repo = " + quoted(node.repo()) + ",\n"
          + "    " + (node.tag() != null ? "tag" : "rev") + " = " + quoted(node.ref()) + ",\n"
          + "    hash = " + quoted(node.hash()) + ")");
      if (!bundled.isEmpty()) {
        String names = bundled.stream().map(BundleEdit::quoted).collect(Collectors.joining(", "));
        String value = bundled.size() == 1 ? names : "{" + names + "}";
        out = JavaSourceEditor.ensureImport(out, ANNOTATIONS + "Bundle");
        if (linuxOnly) {
          out = JavaSourceEditor.ensureImport(out, ANNOTATIONS + "Platform");
          out = JavaSourceEditor.insertBeforeType(out, "@Bundle(value = " + value + ", systems = Platform.LINUX)");
        } else {
          out = JavaSourceEditor.insertBeforeType(out, "@Bundle(" + value + ")");
        }
      }
      boolean requiring = hasRequires;
      for (ClassName required : requires) {
        out = JavaSourceEditor.ensureImport(out, required.canonicalName());
        if (requiring) {
          out = JavaSourceEditor.appendToArray(out, "Requires", required.simpleName() + ".class");
        } else {
          out = JavaSourceEditor.ensureImport(out, ANNOTATIONS + "Requires");
          out = JavaSourceEditor.insertBeforeType(out, "@Requires(" + required.simpleName() + ".class)");
          requiring = true;
        }
      }
      return out;
    } catch (IllegalArgumentException e) {
      throw CliException.usage("cannot add the node to the bundle's class: " + e.getMessage()
          + "; add it by hand (adopt without --into prints what to add with --dry-run).");
    }
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
