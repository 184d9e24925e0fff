package dev.comfypkgs.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the generated Flox environment is: {@code --dir}, else {@code $COMFYPKGS_DIR}, else the
 * {@code generated-nix/} of the repository the launcher lives in, else the nearest one above the
 * working directory.
 */
public final class Workspace {
  private final Path dir;
  private RecipesFile recipes;

  private Workspace(Path dir) {
    this.dir = dir;
  }

  public static Workspace locate(Path explicit) {
    if (explicit != null) {
      return new Workspace(explicit.toAbsolutePath().normalize());
    }
    String env = System.getenv("COMFYPKGS_DIR");
    if (env != null && !env.isBlank()) {
      return new Workspace(Path.of(env).toAbsolutePath().normalize());
    }
    String repo = System.getenv("COMFYPKGS_REPO");
    if (repo != null && !repo.isBlank()) {
      return new Workspace(Path.of(repo, "generated-nix").toAbsolutePath().normalize());
    }
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      if (Files.isRegularFile(at.resolve("recipes.json")) && Files.isDirectory(at.resolve(".flox"))) {
        return new Workspace(at);
      }
      if (Files.isRegularFile(at.resolve("generated-nix/recipes.json"))) {
        return new Workspace(at.resolve("generated-nix"));
      }
    }
    return new Workspace(Path.of("generated-nix").toAbsolutePath());
  }

  /** The generated-nix directory. */
  public Path dir() {
    return dir;
  }

  /** The processor's model of the packages, which every command reads. */
  public Path recipesJson() {
    return dir.resolve("recipes.json");
  }

  public RecipesFile recipes() {
    if (recipes == null) {
      recipes = RecipesFile.read(recipesJson());
    }
    return recipes;
  }

  /** The recipes' Java source root: {@code recipes-java/src/main/java} beside the environment. */
  public Path recipeSources() {
    return root().resolve("recipes-java/src/main/java");
  }

  /** Where {@code @Vendored} files are kept: {@code sources/} beside the environment. */
  public Path vendoredSources() {
    return root().resolve("sources");
  }

  /**
   * The repository holding the environment and the recipes: the environment's parent. An
   * environment at the file system's root has none: exit 2.
   */
  public Path root() {
    Path parent = dir.getParent();
    if (parent == null) {
      throw CliException.usage("the environment directory " + Terminal.escape(dir.toString())
          + " has no parent, where the recipes and sources would be: give --dir <repository>/generated-nix");
    }
    return parent;
  }

  /** Where {@code build} links a package's result, as Flox does: beside the environment. */
  public Path resultLink(String attr) {
    return dir.resolve("result-" + attr);
  }

  /**
   * Flox's lock of the environment. When it exists, Flox builds against the nixpkgs revision it
   * pins, and so does {@code default.nix} for Nix (it reads the lock; the CLI does not).
   */
  public Path manifestLock() {
    return dir.resolve(".flox/env/manifest.lock");
  }

  /** Where full build logs are kept. */
  public Path logDir() {
    return dir.resolve(".comfypkgs-logs");
  }
}
