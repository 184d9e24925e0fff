package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.comfypkgs.cli.release.RecipeCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A comfypkgs repository in miniature for {@code adopt}: copies of this checkout's annotations,
 * common and processor modules and the recipes-java pom, the recipes of {@code
 * fixtures/adopt/recipes} (a runtime providing torch, torchvision, kornia and transformers, and a
 * torch-agnostic timm) in package {@code adopt}, an empty {@code sources/}, and the {@code
 * generated-nix/} {@link RecipeCompiler} makes of them. No git: adopt works on the files as they
 * are. The toolchain is cached in {@code shared}, so a test class compiles it once.
 */
final class AdoptFixture {
  static final Path FIXTURES = Path.of(System.getProperty("user.dir")).resolve("src/test/resources/fixtures/adopt");
  /** Where the fixture recipes are, and where adopt is told to write. */
  static final String RECIPES = "recipes-java/src/main/java/adopt";

  private final Path work;
  private final Map<String, String> env;

  private AdoptFixture(Path work, Map<String, String> env) {
    this.work = work;
    this.env = env;
  }

  /**
   * The repository in {@code dir}; {@code shared} holds the toolchain cache; archives come from
   * {@code server}'s root, PyPI's JSON from its {@code /pypi}.
   */
  static AdoptFixture create(Path dir, Path shared, String server) throws IOException {
    Path root = CliHarness.repoRoot();
    Path work = Files.createDirectories(dir);
    for (String module : List.of("annotations", "common", "processor")) {
      copy(root.resolve(module).resolve("pom.xml"), work.resolve(module).resolve("pom.xml"));
      copyTree(root.resolve(module).resolve("src/main"), work.resolve(module).resolve("src/main"));
    }
    copy(root.resolve("recipes-java/pom.xml"), work.resolve("recipes-java/pom.xml"));
    copyTree(FIXTURES.resolve("recipes"), work.resolve(RECIPES));
    Files.createDirectories(work.resolve("sources"));
    Map<String, String> env = new HashMap<>();
    env.put("XDG_CACHE_HOME", Files.createDirectories(shared.resolve("cache")).toString());
    env.put("HOME", Files.createDirectories(shared.resolve("home")).toString());
    env.put("COMFYPKGS_GITHUB_BASE", server);
    env.put("COMFYPKGS_PYPI_JSON_BASE", server + "/pypi");
    env.putAll(CliHarness.nixEnvironment());
    AdoptFixture fixture = new AdoptFixture(work, env);
    RecipeCompiler.Compilation c = fixture.compiler().compile(work);
    if (!c.succeeded()) {
      fail("the adopt fixtures do not compile: " + c.errors() + "\n" + c.output());
    }
    return fixture;
  }

  Path work() {
    return work;
  }

  RecipeCompiler compiler() {
    return new RecipeCompiler(Path.of(env.get("XDG_CACHE_HOME")).resolve("comfypkgs/toolchain"));
  }

  /** Runs {@code comfypkgs adopt args... --package adopt --nixpkgs <stand-in>} in the tree. */
  CliHarness.Run adopt(String... args) throws IOException {
    List<String> all = new java.util.ArrayList<>(List.of("adopt"));
    all.addAll(List.of(args));
    all.addAll(List.of("--package", "adopt", "--nixpkgs", CliHarness.standinNixpkgs().toString()));
    return CliHarness.run(work, env, all.toArray(String[]::new));
  }

  /**
   * Every path under the recipes, {@code generated-nix/} and {@code sources/}, with its mode and
   * bytes: what "byte-identical" means for a failed run.
   */
  Map<String, String> snapshot() throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String top : List.of("recipes-java/src", "generated-nix", "sources")) {
      try (Stream<Path> walk = Files.walk(work.resolve(top))) {
        for (Path p : walk.toList()) {
          String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
          out.put(work.relativize(p).toString(), Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
              ? mode + " " + sha256(p) : mode + " dir");
        }
      }
    }
    return out;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code fixtures/adopt/upstream/<name>} as GitHub serves it: a .tar.gz of {@code <top>/...}. */
  static byte[] archive(Path scratch, String name, String top) throws IOException {
    Path tree = scratch.resolve(top);
    copyTree(FIXTURES.resolve("upstream").resolve(name), tree);
    Path tgz = scratch.resolve(top + ".tar.gz");
    assertEquals(0, Tools.run(List.of("tar", "-czf", tgz.toString(), top), scratch, Map.of()).exitCode());
    return Files.readAllBytes(tgz);
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
