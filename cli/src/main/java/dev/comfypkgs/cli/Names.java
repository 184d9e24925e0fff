package dev.comfypkgs.cli;

import dev.comfypkgs.common.Suggestions;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Name handling shared by the commands: git refs and closest matches. Which recipe names are
 * well-formed is {@link dev.comfypkgs.common.RecipeNames}, the grammar CPK005 checks too.
 */
public final class Names {
  private Names() {}

  /**
   * A tag or commit git accepts as a ref name ({@code git check-ref-format --allow-onelevel}):
   * no space, control character or any of {@code ~ ^ : ? * [ \}, no {@code ..} or
   * <code>@&#123;</code>, no empty component or one starting with {@code .} or ending in
   * {@code .lock}, no trailing {@code .}, not {@code @}. So a ref can never climb out of the URL
   * it is put into.
   */
  public static boolean isGitRef(String ref) {
    if (ref.isEmpty() || ref.equals("@") || ref.endsWith(".") || ref.contains("..")
        || ref.contains("@{")) {
      return false;
    }
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (c < 0x20 || c == 0x7f || " ~^:?*[\\".indexOf(c) >= 0) {
        return false;
      }
    }
    for (String component : ref.split("/", -1)) {
      if (component.isEmpty() || component.startsWith(".") || component.endsWith(".lock")) {
        return false;
      }
    }
    return true;
  }

  /** Dotted Python identifiers, as {@code importlib.import_module} takes them. */
  public static boolean isPythonModule(String name) {
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty()) {
        return false;
      }
      int first = part.codePointAt(0);
      if (first != '_' && !Character.isUnicodeIdentifierStart(first)) {
        return false;
      }
      if (part.codePoints().anyMatch(c -> !Character.isUnicodeIdentifierPart(c)
          || Character.isIdentifierIgnorable(c))) {
        return false;
      }
    }
    return true;
  }

  /** The name part of a store path's base name: {@code <hash>-<name>}. */
  public static String storeName(String storePath) {
    String base = storePath.substring(storePath.lastIndexOf('/') + 1);
    int dash = base.indexOf('-');
    return dash == 32 ? base.substring(33) : base;
  }

  /**
   * The package name of a store path: the part after the hash, with the version (from the first
   * {@code -} followed by a digit, as Nix's {@code parseDrvName} splits) and a leading
   * {@code pythonX.Y-} stripped. {@code …-python3.13-torch-2.6.0-comfyui-patched} is {@code torch}.
   */
  public static String packageName(String storePath) {
    String name = storeName(storePath);
    for (int i = 0; i + 1 < name.length(); i++) {
      if (name.charAt(i) == '-' && Character.isDigit(name.charAt(i + 1))) {
        name = name.substring(0, i);
        break;
      }
    }
    return withoutPythonPrefix(name);
  }

  /** {@code python3.13-torch} is {@code torch}: a {@code pythonX} or {@code pythonX.Y} and a dash. */
  private static String withoutPythonPrefix(String name) {
    // By hand, not a regex: verify asks for every path of a closure.
    if (!name.startsWith("python")) {
      return name;
    }
    int end = asciiDigitsFrom(name, "python".length());
    if (end == "python".length()) {
      return name;
    }
    if (end < name.length() && name.charAt(end) == '.') {
      int minor = asciiDigitsFrom(name, end + 1);
      end = minor > end + 1 ? minor : end;
    }
    return end < name.length() && name.charAt(end) == '-' ? name.substring(end + 1) : name;
  }

  /** Where the run of ASCII digits starting at {@code from} ends. */
  private static int asciiDigitsFrom(String text, int from) {
    int end = from;
    while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
      end++;
    }
    return end;
  }

  /** The closest candidate, if any is close enough to be a likely typo. */
  public static Optional<String> closest(String name, Collection<String> candidates) {
    return Suggestions.closest(name, candidates, 1).stream().findFirst();
  }

  /** "unknown package 'timn'; did you mean 'timm'?" */
  public static String unknown(String what, String name, List<String> known) {
    return "unknown " + what + " '" + Terminal.escape(name) + "'"
        + closest(name, known).map(c -> "; did you mean '" + c + "'?").orElse("")
        + " (known: " + String.join(", ", known) + ")";
  }
}
