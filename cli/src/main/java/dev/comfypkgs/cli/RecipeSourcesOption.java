package dev.comfypkgs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --recipes DIR}, the recipes' Java source root, as a picocli mixin for the commands that
 * write recipes. Each command words it in {@code Messages.properties} ({@code <command>.recipes}).
 */
final class RecipeSourcesOption {
  @Option(names = "--recipes", paramLabel = "DIR", descriptionKey = "recipes")
  Path recipesDir;

  /** The root given with {@code --recipes}, else the workspace's. */
  Path root(Workspace workspace) {
    return recipesDir != null ? recipesDir : workspace.recipeSources();
  }
}
