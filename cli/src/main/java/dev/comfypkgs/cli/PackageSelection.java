package dev.comfypkgs.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The packages a command works on, {@code ATTR...} or {@code --all}, as a picocli mixin. Each
 * command words the two in {@code Messages.properties} ({@code <command>.selection.attrs} and
 * {@code <command>.selection.all}); which other choices exclude these is the command's to check.
 * A command that must have a selection uses {@link Required} instead.
 */
final class PackageSelection {
  @Parameters(paramLabel = "ATTR", arity = "0..*", descriptionKey = "selection.attrs")
  List<String> attrs = new ArrayList<>();

  @Option(names = "--all", descriptionKey = "selection.all")
  boolean all;

  /** Whether packages were named, or {@code --all} given. */
  boolean given() {
    return all || !attrs.isEmpty();
  }

  /** Whether packages were named and {@code --all} given too. */
  boolean conflicting() {
    return all && !attrs.isEmpty();
  }

  /** Every attr for {@code --all}, else the named ones, each checked against the recipes. */
  List<String> attrs(RecipesFile recipes) {
    return all ? recipes.attrs() : recipes.resolve(attrs);
  }

  /**
   * The same choice for a command that needs one: an exclusive picocli group, used as
   * {@code @ArgGroup(exclusive = true, multiplicity = "1")}, so picocli itself refuses neither or
   * both and the usage line reads {@code (ATTR... | --all)}. Worded like the mixin.
   */
  static final class Required {
    @Parameters(paramLabel = "ATTR", arity = "1..*", descriptionKey = "selection.attrs")
    List<String> attrs;

    @Option(names = "--all", required = true, descriptionKey = "selection.all")
    boolean all;

    /** Every attr for {@code --all}, else the named ones, each checked against the recipes. */
    List<String> attrs(RecipesFile recipes) {
      return all ? recipes.attrs() : recipes.resolve(attrs);
    }
  }
}
