package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.comfypkgs.annotations.License;
import dev.comfypkgs.cli.scaffold.RecipeArguments;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code new} checks every argument before it downloads or writes anything, so what it writes
 * compiles and names the project asked for. The server records every request and serves an
 * archive at any path: an argument that got through would be downloaded and written.
 */
class NewArgumentsTest {
  /** Names the issue saw break every sibling; the processor's reservedAttrs must hold each. */
  private static final List<String> RESERVED = List.of("lib", "python3", "stdenv", "fetchFromGitHub",
      "fetchPypi", "callPackage", "true", "false", "null");

  @TempDir static Path root;
  static HttpServer server;
  static final List<String> requests = new CopyOnWriteArrayList<>();
  static Path project;
  static Map<String, String> env = new HashMap<>();

  @BeforeAll
  static void serve() throws IOException {
    Path tree = Files.createDirectories(root.resolve("upstream/newpkg-2.1.0"));
    Files.writeString(tree.resolve("pyproject.toml"), "[project]\nname = \"newpkg\"\n");
    Path tgz = root.resolve("upstream/newpkg.tar.gz");
    assertEquals(0, Tools.run(List.of("tar", "-czf", tgz.toString(), "newpkg-2.1.0"), tree.getParent(), Map.of()).exitCode());
    byte[] archive = Files.readAllBytes(tgz);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      requests.add(ex.getRequestURI().getRawPath());
      ex.sendResponseHeaders(200, archive.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(archive);
      }
    });
    server.start();
    project = Files.createDirectories(root.resolve("project"));
    Path generated = CliHarness.generate(project, "verify");
    env.put("COMFYPKGS_DIR", generated.toString());
    env.put("COMFYPKGS_GITHUB_BASE", "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @BeforeEach
  void forgetRequests() {
    requests.clear();
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.startsWith(root.resolve("upstream"))).sorted().toList();
    }
  }

  /** {@code new args...} fails with one line holding {@code fragment}, having fetched and written nothing. */
  private static void refused(String fragment, String... args) throws IOException {
    List<Path> before = files();
    List<String> all = new ArrayList<>(List.of("new"));
    all.addAll(List.of(args));
    CliHarness.Run run = CliHarness.run(project, env, all.toArray(String[]::new));
    CliHarness.assertOneLineError(run, 2, fragment);
    assertEquals(List.of(), requests, "nothing was downloaded for " + all);
    assertEquals(before, files(), "nothing was written for " + all);
  }

  @Test
  void theLicensesNewOffersAreExactlyTheVocabularys() {
    // `new` names the enum constants without depending on the annotations at run time: a constant
    // dropped from License (GPL3, nixpkgs' deprecated alias) must leave `new` too, or the recipe
    // it writes would not compile.
    assertEquals(
        Stream.of(License.values()).map(Enum::name).collect(Collectors.toSet()),
        RecipeArguments.LICENSES);
  }

  @Test
  void attrsThatWouldNotCompileAreRefused() throws IOException {
    refused("'let' cannot be a Flox attribute", "let", "--github", "standin/newpkg", "--tag", "v2.1.0");
    refused("'a.b' cannot be a Flox attribute", "a.b", "--github", "standin/newpkg", "--tag", "v2.1.0");
    refused("'a'b' cannot be a package name", "a'b", "--github", "standin/newpkg", "--tag", "v2.1.0");
    refused("'_x' cannot be a package name", "_x", "--github", "standin/newpkg", "--tag", "v2.1.0");
  }

  @Test
  void attrsTheGeneratedFilesRelyOnAreRefused() throws IOException {
    for (String reserved : RESERVED) {
      refused("'" + reserved + "' is a name the generated files and Flox's callPackage scope rely on",
          reserved, "--github", "standin/newpkg", "--tag", "v2.1.0");
    }
    refused("'default' cannot name a Flox package file: Flox reads a directory holding default.nix as that one"
        + " package", "default", "--github", "standin/newpkg", "--tag", "v2.1.0");
    refused("'snowflake' cannot name a Flox package file: Flox skips every file whose name ends in flake.nix",
        "snowflake", "--github", "standin/newpkg", "--tag", "v2.1.0");
    refused("--bundle 'lib' is a name the generated file binds itself",
        "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--bundle", "numpy", "lib");
  }

  @Test
  void aPackageOutsideTheRecipesIsRefused() throws IOException {
    for (String pkg : List.of(".tmp.x", "a..b", "../x", "x.class", "a/b")) {
      refused("--package '" + pkg + "' is not a Java package name",
          "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--package", pkg);
    }
    refused("'9x' cannot be a Java class name",
        "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--class", "9x");
    refused("a class String would hide java.lang.String from every class in its package",
        "string", "--github", "standin/newpkg", "--tag", "v2.1.0");
  }

  @Test
  void restrictedIdentifiersThatCannotNameAClassAreRefused() throws IOException {
    // Identifiers and not keywords, but JLS 3.9 forbids each as a type's name.
    for (String cls : List.of("var", "yield", "record", "sealed", "permits")) {
      refused("'" + cls + "' cannot be a Java class name",
          "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--class", cls);
    }
  }

  @Test
  void refsThatAreNotGitRefsAreRefused() throws IOException {
    for (String tag : List.of("v 1", "../../../x/archive/v1.0", "v1/../../x", "v1\u001b[2J", ".hidden", "v1.lock")) {
      refused("--tag '" + Terminal.escape(tag) + "' is not a git tag",
          "newpkg", "--github", "standin/newpkg", "--tag", tag);
    }
    for (String rev : List.of("main", "0123456789ABCDEF0123456789abcdef01234567", "0123456")) {
      refused("--rev takes a full 40-hex commit in lower case, not '" + rev + "'",
          "newpkg", "--github", "standin/newpkg", "--rev", rev, "--version", "0.1-unstable-2025-01-01");
    }
  }

  @Test
  void ownerAndRepoMustBeGitHubNames() throws IOException {
    for (String github : List.of("stand in/newpkg", "standin/..", "standin", "a/b/c", "-x/newpkg", "x/new pkg")) {
      refused("--github takes OWNER/REPO as GitHub spells them", "newpkg", "--github", github, "--tag", "v2.1.0");
    }
  }

  @Test
  void versionsThatWouldNotCompileAreRefused() throws IOException {
    String rev = "0123456789abcdef0123456789abcdef01234567";
    refused("version '2.1.0\"' is not a valid version",
        "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--version", "2.1.0\"");
    refused("version '2.1' does not match the tag 'v2.1.0': the versioning rule wants '2.1.0'",
        "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--version", "2.1");
    refused("version 'release/2' is not a valid version: use letters, digits and . _ + - (give --version).",
        "newpkg", "--github", "standin/newpkg", "--tag", "release/2");
    refused("with --rev, the version is <last release>-unstable-YYYY-MM-DD",
        "newpkg", "--github", "standin/newpkg", "--rev", rev, "--version", "2.1.0");
    refused("with --rev, the version is <last release>-unstable-YYYY-MM-DD",
        "newpkg", "--github", "standin/newpkg", "--rev", rev, "--version", "2.1-unstable-2025-13-45");
    refused("of 212 characters; Nix allows 211",
        "newpkg", "--github", "standin/newpkg", "--tag", "v" + "1".repeat(186), "--torch-agnostic");
  }

  @Test
  void everyOtherArgumentIsCheckedToo() throws IOException {
    refused("--timeout takes a positive number of seconds, not 0",
        "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--timeout", "0");
    refused("--github-base 'file:///srv/' cannot be used",
        "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--github-base", "file:///srv/");
    refused("--description 'two\\rlines' holds control or invisible characters",
        "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--description", "two\rlines");
    refused("--remove 'a b' is not a requirement name",
        "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--torch-agnostic", "--remove", "a b");
    refused("--remove goes with --torch-agnostic",
        "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--remove", "timm");
    refused("'a.b' is not a python3.pkgs attribute name",
        "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--bundle", "a.b");
    refused("'let' is not a python3.pkgs attribute name",
        "newpkg", "--github", "standin/newpkg", "--tag", "v2.1.0", "--build-system", "let");
  }

  @Test
  void aValidRecipeIsFetchedByEncodedPathAndCompiles() throws IOException {
    // Named like an annotation it uses, which JavaPoet then writes qualified.
    CliHarness.Run run = CliHarness.run(project, env, "new", "python-package", "--github", "standin/newpkg",
        "--tag", "v2.1.0+local", "--package", "verify.added");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(List.of("/standin/newpkg/archive/v2.1.0%2Blocal.tar.gz"), requests);
    Path file = project.resolve("recipes-java/src/main/java/verify/added/PythonPackage.java");
    assertTrue(Files.readString(file).contains("version = \"2.1.0+local\""), Files.readString(file));

    Compilation c = CliHarness.compileFixtures("verify", List.of(file), "-Acomfypkgs.warningsAsErrors=true");
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
  }
}
