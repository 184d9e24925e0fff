package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.comfypkgs.cli.release.RecipeCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A comfypkgs repository in miniature for the release commands: a non-bare git repository
 * holding copies of this checkout's annotations, common and processor modules (poms and
 * {@code src/main}), the recipes-java pom, the recipes of {@code fixtures/release} (a runtime
 * pinning ComfyUI {@value #RELEASE}, a custom node tracking it, a clean package, a meta-package;
 * no vendored files) and the {@code generated-nix/} that {@link RecipeCompiler} makes of them, in
 * one commit on {@code main}.
 *
 * <p>{@code HOME} and {@code XDG_CACHE_HOME} are in a directory the test class shares ({@code
 * shared}), so the processor toolchain is compiled once per class, by this fixture or by the CLI.
 */
final class ReleaseFixture {
  /** The release {@code fixtures/release/TheRuntime.java} pins. */
  static final String RELEASE = "0.9.3";

  /** Where the fixture recipes go in the repository. */
  static final String RECIPES = "recipes-java/src/main/java/release";

  private final Path work;
  private final Map<String, String> env;
  private final RecipeCompiler compiler;

  private ReleaseFixture(Path work, Map<String, String> env, RecipeCompiler compiler) {
    this.work = work;
    this.env = env;
    this.compiler = compiler;
  }

  /** Creates the repository in {@code dir}/work; {@code shared} holds the per-class home and cache. */
  static ReleaseFixture create(Path dir, Path shared) throws IOException {
    Map<String, String> env = environment(dir, shared);
    Path work = dir.resolve("work");
    Path root = CliHarness.repoRoot();
    for (String module : List.of("annotations", "common", "processor")) {
      copy(root.resolve(module).resolve("pom.xml"), work.resolve(module).resolve("pom.xml"));
      copyTree(root.resolve(module).resolve("src/main"), work.resolve(module).resolve("src/main"));
    }
    for (String file : List.of("pom.xml", ".gitignore", "recipes-java/pom.xml")) {
      copy(root.resolve(file), work.resolve(file));
    }
    copyTree(Path.of(System.getProperty("user.dir")).resolve("src/test/resources/fixtures/release"),
        work.resolve(RECIPES));
    ReleaseFixture fixture = new ReleaseFixture(work, env,
        new RecipeCompiler(Path.of(env.get("XDG_CACHE_HOME")).resolve("comfypkgs/toolchain")));
    fixture.git("init", "--quiet", "--initial-branch=main");
    fixture.regenerate();
    fixture.git("add", "--all");
    fixture.git("commit", "--quiet", "-m", "C0: ComfyUI " + RELEASE);
    return fixture;
  }

  /**
   * A clean git environment: no system or user configuration but the per-class HOME, a fixed
   * identity, and no repository above {@code dir} to wander into.
   */
  static Map<String, String> environment(Path dir, Path shared) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", Files.createDirectories(shared.resolve("home")).toString());
    env.put("XDG_CACHE_HOME", Files.createDirectories(shared.resolve("cache")).toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CEILING_DIRECTORIES", dir.toString());
    env.put("GIT_AUTHOR_NAME", "Maintainer");
    env.put("GIT_AUTHOR_EMAIL", "maintainer@example.org");
    env.put("GIT_COMMITTER_NAME", "Maintainer");
    env.put("GIT_COMMITTER_EMAIL", "maintainer@example.org");
    return env;
  }

  /** The repository's work tree. */
  Path work() {
    return work;
  }

  /** The environment to run git and the CLI with here. */
  Map<String, String> env() {
    return env;
  }

  /** The compiler the fixture generates with, caching in the shared directory. */
  RecipeCompiler compiler() {
    return compiler;
  }

  /** Runs {@code comfypkgs args...} in the work tree. */
  CliHarness.Run comfypkgs(String... args) throws IOException {
    return CliHarness.run(work, env, args);
  }

  /** Runs git in the work tree; a failure fails the test. Returns stdout, stripped. */
  String git(String... args) throws IOException {
    return git(work, args);
  }

  /** Runs git in {@code dir} with this fixture's environment. */
  String git(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out.strip();
  }

  /** The commit HEAD is at. */
  String head() throws IOException {
    return git("rev-parse", "HEAD");
  }

  /** Regenerates the work tree's generated-nix/ from its recipes; a recipe error fails the test. */
  void regenerate() {
    RecipeCompiler.Compilation c = compiler.compile(work);
    if (!c.succeeded()) {
      fail("the release fixtures do not compile: " + c.errors() + "\n" + c.output());
    }
    assertTrue(Files.isRegularFile(work.resolve("generated-nix/recipes.json")));
  }

  /**
   * Writes {@code files} (path relative to the work tree, text), regenerates generated-nix/ and
   * commits everything: a good recipe commit. Returns its sha.
   */
  String commitRecipes(String message, Map<String, String> files) throws IOException {
    write(files);
    regenerate();
    return commitAll(message);
  }

  /**
   * Writes {@code files} and commits them without regenerating: after a recipe edit, a commit
   * whose generated-nix/ is stale. Returns its sha.
   */
  String commitFiles(String message, Map<String, String> files) throws IOException {
    write(files);
    return commitAll(message);
  }

  /** A fixture recipe's text with {@code from} replaced by {@code to} (which must be there). */
  String editedRecipe(String className, String from, String to) throws IOException {
    String text = Files.readString(work.resolve(RECIPES).resolve(className + ".java"));
    assertTrue(text.contains(from), className + " has " + from);
    return text.replace(from, to);
  }

  /**
   * Everything a release command could disturb, to compare before and after: the refs, HEAD, the
   * reflogs, what git says of the work tree, and the bytes of every file in the work tree and in
   * {@code .git} (objects, index, registered worktrees included).
   */
  Map<String, String> snapshot() throws IOException {
    Map<String, String> state = new TreeMap<>();
    state.put("refs", git("for-each-ref"));
    state.put("HEAD", git("rev-parse", "--symbolic-full-name", "HEAD") + " " + head());
    state.put("reflog", git("reflog", "show", "--all"));
    state.put("status", git("--no-optional-locks", "status", "--porcelain", "--untracked-files=all", "--ignored"));
    try (Stream<Path> walk = Files.walk(work)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        state.put(work.relativize(p).toString(), digest(Files.readAllBytes(p)));
      }
    }
    return state;
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void write(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path target = work.resolve(f.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, f.getValue());
    }
  }

  private String commitAll(String message) throws IOException {
    git("add", "--all");
    git("commit", "--quiet", "-m", message);
    return head();
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }
}
