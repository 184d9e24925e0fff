package dev.comfypkgs.cli.release;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auto.service.AutoService;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.Tools;
import dev.comfypkgs.common.FileTrees;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compiles a tree's recipes into its {@code generated-nix/} with that tree's own processor, the
 * way {@code mvn compile} in a checkout of it would, but without Maven: the gates ask whether a
 * commit's {@code generated-nix/} is what that commit builds, and the commit may be weeks older
 * or newer than this CLI, so this CLI's processor would be the wrong judge.
 *
 * <p>Two {@code javac} runs. The first compiles the tree's annotations, common and processor
 * sources into a toolchain directory cached under {@code ${XDG_CACHE_HOME:-~/.cache}/comfypkgs/
 * toolchain/<key>}, keyed by a hash of those sources, so commits that share a processor share
 * one toolchain. The second compiles the recipes with that processor and the
 * {@code -A} options of {@code recipes-java/pom.xml}. Both are subprocesses: in-process, javac's
 * processor class loader would see this CLI's own {@code dev.comfypkgs.common} before the tree's.
 *
 * <p>The processor's only other dependencies (Jackson, and auto-service's annotations to compile
 * it) are taken from the jars this CLI runs from, placed after the toolchain. A tree whose poms
 * ask for anything else, or for {@code -A} options not passed here, cannot be reproduced this way
 * and is refused ({@link Compilation#unsupported}) rather than judged wrongly.
 */
public final class RecipeCompiler {
  /**
   * The processor recipes-java finds through auto-service's service file; named here, since the
   * toolchain is compiled with -proc:none and has none.
   */
  static final String PROCESSOR = "dev.comfypkgs.processor.RecipeProcessor";

  /** The modules of the toolchain, in dependency order. */
  static final List<String> TOOLCHAIN_MODULES = List.of("annotations", "common", "processor");

  static final String RECIPES = "recipes-java/src/main/java";

  /** The {@code -A} options recipes-java/pom.xml passes, each given here with this tree's paths. */
  static final String OUT = "comfypkgs.out";
  static final String SOURCES = "comfypkgs.sources";
  static final String CLASS_OUTPUT = "comfypkgs.classOutput";
  static final Set<String> PROCESSOR_OPTIONS = Set.of(OUT, SOURCES, CLASS_OUTPUT);

  /** Changes when the toolchain's layout here changes, so an old cache entry is not reused. */
  private static final String TOOLCHAIN_LAYOUT = "comfypkgs-toolchain-1";

  /** Shorter start-up, less memory: a compilation this size never reaches C2 (issue 15). */
  private static final List<String> JAVAC_VM_OPTIONS =
      List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC");

  private final Path cache;

  /** Caches toolchains in {@code cache} (one directory per key). */
  public RecipeCompiler(Path cache) {
    this.cache = cache;
  }

  /** Caches toolchains in {@code ${XDG_CACHE_HOME:-$HOME/.cache}/comfypkgs/toolchain}. */
  public static RecipeCompiler inUserCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(Optional.ofNullable(System.getenv("HOME")).orElse(System.getProperty("user.home")), ".cache");
    return new RecipeCompiler(base.resolve("comfypkgs").resolve("toolchain"));
  }

  /**
   * What a compilation said.
   *
   * @param succeeded javac exited 0: the processor reported no error
   * @param errors the error lines (processor rules and javac's own), paths relative to the tree;
   *     for an unsupported tree, why it cannot be compiled here
   * @param output everything javac printed, warnings included
   */
  public record Compilation(boolean succeeded, List<String> errors, String output) {
    static Compilation unsupported(String why) {
      return new Compilation(false, List.of("cannot reproduce this commit's build without Maven: " + why
          + " (build it with mvn -B -q package -DskipTests in a checkout of it instead)"), "");
    }
  }

  /**
   * Regenerates {@code root/generated-nix} from the recipes in {@code root/recipes-java} with the
   * processor in {@code root} (a checkout, or a {@link CandidateTree}). A recipe error is a
   * {@link Compilation} that did not succeed, never an exception; exit 3 when there is no
   * {@code javac}.
   */
  public Compilation compile(Path root) {
    Optional<String> unsupported = PomGuard.check(root);
    if (unsupported.isPresent()) {
      return Compilation.unsupported(unsupported.get());
    }
    Path javac = javac();
    try {
      Path toolchain = cache.resolve(toolchainKey(root));
      if (!Files.isDirectory(toolchain)) {
        Optional<Compilation> failed = buildToolchain(javac, root, toolchain);
        if (failed.isPresent()) {
          return failed.get();
        }
      }
      return compileRecipes(javac, root, toolchain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path javac() {
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    if (!Files.isExecutable(javac)) {
      throw new CliException(ExitCode.MISSING_TOOL, "javac is not in " + System.getProperty("java.home")
          + ": a JDK 17 is required to compile the recipes (on Debian or Ubuntu: apt-get install"
          + " openjdk-17-jdk-headless), then run this again.");
    }
    return javac;
  }

  /**
   * The toolchain's cache key: a hash of every file it is built from (each module's
   * {@code src/main}, path and bytes). The same sources give the same toolchain, whichever commit
   * or checkout they come from, and nothing else (a README, a test) makes a new one.
   */
  static String toolchainKey(Path root) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((TOOLCHAIN_LAYOUT + "\0").getBytes(StandardCharsets.UTF_8));
      for (String module : TOOLCHAIN_MODULES) {
        Path main = root.resolve(module).resolve("src/main");
        for (Path file : files(main)) {
          sha.update((module + "/" + main.relativize(file) + "\0" + Files.size(file) + "\0")
              .getBytes(StandardCharsets.UTF_8));
          sha.update(Files.readAllBytes(file));
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The regular files under {@code dir}, in a stable order; none when it does not exist. */
  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /**
   * Compiles the toolchain into a sibling of {@code toolchain} and renames it into place: a
   * directory under its key is always complete, and of two runs building it at once, one wins
   * and the other's copy is dropped.
   */
  private Optional<Compilation> buildToolchain(Path javac, Path root, Path toolchain) throws IOException {
    Files.createDirectories(cache);
    Path building = Files.createTempDirectory(cache, toolchain.getFileName() + ".building-");
    try {
      List<Path> sources = new ArrayList<>();
      for (String module : TOOLCHAIN_MODULES) {
        sources.addAll(javaFiles(root.resolve(module).resolve("src/main/java")));
      }
      Path argfile = building.resolve("sources.args");
      Path classes = Files.createDirectories(building.resolve("classes"));
      writeArgfile(argfile, sources);
      List<String> command = new ArrayList<>(List.of(javac.toString()));
      command.addAll(JAVAC_VM_OPTIONS);
      command.addAll(List.of("--release", "17", "-encoding", "UTF-8", "-proc:none", "-nowarn",
          "-d", classes.toString(), "-cp", dependencies(), "@" + argfile));
      Tools.Result r = Tools.run(command, root, Map.of("LC_ALL", "C"));
      if (!r.ok()) {
        Compilation failed = parse(r, root);
        return Optional.of(new Compilation(false,
            prefixed("the processor of this commit does not compile: ", failed.errors()), failed.output()));
      }
      for (String module : TOOLCHAIN_MODULES) {
        copyTree(root.resolve(module).resolve("src/main/resources"), classes);
      }
      Files.delete(argfile);
      try {
        Files.move(building, toolchain, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException builtMeanwhile) {
        // another run renamed the same toolchain into place first; it is the same one
      }
      return Optional.empty();
    } finally {
      FileTrees.delete(building);
    }
  }

  private Compilation compileRecipes(Path javac, Path root, Path toolchain) throws IOException {
    Path classes = toolchain.resolve("classes");
    Path scratch = Files.createTempDirectory("comfypkgs-recipes-");
    try {
      Path argfile = scratch.resolve("recipes.args");
      writeArgfile(argfile, javaFiles(root.resolve(RECIPES)));
      String processorPath = classes + File.pathSeparator + dependencies();
      List<String> command = new ArrayList<>(List.of(javac.toString()));
      command.addAll(JAVAC_VM_OPTIONS);
      command.addAll(List.of("--release", "17", "-encoding", "UTF-8",
          "-cp", classes.toString(),
          "-processorpath", processorPath,
          "-processor", PROCESSOR,
          "-d", Files.createDirectories(scratch.resolve("classes")).toString()));
      command.addAll(List.of(
          "-A" + OUT + "=" + root.resolve("generated-nix"),
          "-A" + SOURCES + "=" + root.resolve("sources"),
          "-A" + CLASS_OUTPUT + "=false"));
      command.add("@" + argfile);
      return parse(Tools.run(command, root, Map.of("LC_ALL", "C")), root);
    } finally {
      FileTrees.delete(scratch);
    }
  }

  /** javac's error lines, with the temporary tree's paths made relative to it. */
  private static Compilation parse(Tools.Result r, Path root) {
    String output = (r.stdout() + r.stderr()).replace(root + File.separator, "");
    List<String> errors = output.lines()
        .filter(line -> line.contains(": error: ") || line.startsWith("error: "))
        .toList();
    if (!r.ok() && errors.isEmpty()) {
      errors = List.of("javac exited with " + r.exitCode() + ": " + output.strip());
    }
    return new Compilation(r.ok(), errors, output);
  }

  private static List<String> prefixed(String prefix, List<String> lines) {
    return lines.stream().map(line -> prefix + line).toList();
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    return files(dir).stream().filter(p -> p.toString().endsWith(".java")).toList();
  }

  /** One quoted path a line: javac reads an argument file with quotes and backslash escapes. */
  private static void writeArgfile(Path argfile, List<Path> files) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Path f : files) {
      text.append('"').append(f.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }
    Files.writeString(argfile, text);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    for (Path p : files(from)) {
      Path target = to.resolve(from.relativize(p).toString());
      Files.createDirectories(target.getParent());
      Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The jars holding the processor's dependencies, as this CLI runs them: separate jars on a
   * development class path, all one shaded jar in a release (which also holds this CLI's
   * {@code dev.comfypkgs.common}, hence after the toolchain on every path).
   */
  private static String dependencies() {
    Set<String> jars = new LinkedHashSet<>();
    for (Class<?> c : List.of(ObjectMapper.class, JsonParser.class, JsonProperty.class, AutoService.class)) {
      CodeSource source = c.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        throw new CliException(ExitCode.FAILED, "cannot find the jar holding " + c.getName()
            + ", which the recipe processor needs");
      }
      try {
        jars.add(Path.of(source.getLocation().toURI()).toString());
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new CliException(ExitCode.FAILED, "cannot use " + source.getLocation() + " as a class path entry");
      }
    }
    return String.join(File.pathSeparator, jars);
  }
}
