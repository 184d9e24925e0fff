package dev.comfypkgs.processor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The recipe classes of the last generation, kept beside the class files as auto-service keeps
 * its service lists: one qualified name a line in {@value #PATH}. An incremental build, which
 * hands the processor only the changed recipes, reads the others back from here instead of from
 * {@code recipes.json}, which is the CLI's input and free to change for the CLI's sake.
 */
final class RecipeClassIndex {
  static final String PATH = "META-INF/comfypkgs/recipe-classes";

  private RecipeClassIndex() {}

  /**
   * The names the last generation wrote: from the class output, else from the class path (where
   * an IDE or a partial javac run finds the earlier classes); empty when neither has the index.
   */
  static List<String> read(Filer filer) {
    for (StandardLocation location : List.of(StandardLocation.CLASS_OUTPUT, StandardLocation.CLASS_PATH)) {
      List<String> names = new ArrayList<>();
      try {
        FileObject index = filer.getResource(location, "", PATH);
        try (BufferedReader in = new BufferedReader(index.openReader(true))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
              names.add(line.strip());
            }
          }
        }
        return names;
      } catch (IOException | IllegalArgumentException notThere) {
        // absent here (or unreadable, and then rewritten by this generation): try the next place
      }
    }
    return List.of();
  }

  /** Records this generation's recipe classes, sorted, for the next incremental build. */
  static void write(Filer filer, Collection<String> recipeClasses) throws IOException {
    FileObject index = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PATH);
    try (Writer out = index.openWriter()) {
      for (String name : new TreeSet<>(recipeClasses)) {
        out.write(name);
        out.write('\n');
      }
    }
  }
}
