package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code new} writes, byte for byte, for each shape of recipe it can write: the recipe
 * writing {@code new} and {@code adopt} share must not change what {@code new} wrote before.
 */
class RecipeWriterTest {
  private static final Path GOLDEN =
      Path.of(System.getProperty("user.dir")).resolve("src/test/resources/fixtures/adopt/new");

  @TempDir static Path root;
  static LocalServer server;
  static Path generated;

  @BeforeAll
  static void serve() throws IOException {
    Path tree = Files.createDirectories(root.resolve("upstream/newpkg-2.1.0"));
    Files.writeString(tree.resolve("pyproject.toml"), "[project]\nname = \"newpkg\"\n");
    Path tgz = root.resolve("upstream/newpkg.tar.gz");
    assertEquals(0, Tools.run(List.of("tar", "-czf", tgz.toString(), "newpkg-2.1.0"), tree.getParent(), Map.of()).exitCode());
    server = new LocalServer().file("/standin/newpkg/archive/", Files.readAllBytes(tgz));
    generated = CliHarness.generate(root.resolve("project"), "verify");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Runs {@code new args...} in this JVM and returns the text of the file it wrote. */
  private static String written(String className, String... args) throws IOException {
    Path recipes = root.resolve("project/recipes-java/src/main/java");
    List<String> all = new ArrayList<>(List.of("--dir", generated.toString(), "new"));
    all.addAll(List.of(args));
    all.addAll(List.of("--github-base", server.base(), "--package", "golden"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, exit, out + "\n" + err);
    return Files.readString(recipes.resolve("golden").resolve(className + ".java"));
  }

  private static String golden(String name) throws IOException {
    return Files.readString(GOLDEN.resolve(name + ".java.txt"));
  }

  @Test
  void aTorchAgnosticRebuildAtATag() throws IOException {
    assertEquals(golden("Rebuilt"), written("Rebuilt", "rebuilt", "--github", "standin/newpkg",
        "--tag", "v2.1.0", "--torch-agnostic", "--remove", "torchvision", "timm",
        "--bundle", "numpy", "pillow", "--platforms", "LINUX", "--license", "BSD3"));
  }

  @Test
  void aPackageAtACommitWithItsOwnClassAndPlatforms() throws IOException {
    assertEquals(golden("OtherPackage"), written("OtherPackage", "other-pkg", "--github", "standin/newpkg",
        "--rev", "0123456789abcdef0123456789abcdef01234567", "--version", "2.1.0-unstable-2025-01-01",
        "--build-system", "hatchling", "--platforms", "X86_64_LINUX", "AARCH64_LINUX",
        "--class", "OtherPackage", "--description", "A \"quoted\" description"));
  }

  @Test
  void everythingByDefault() throws IOException {
    assertEquals(golden("Plain"), written("Plain", "plain", "--github", "standin/newpkg", "--tag", "2.1.0"));
  }
}
