package dev.comfypkgs.processor.nixeval;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.comfypkgs.processor.emit.FloxLock;
import dev.comfypkgs.processor.testing.NixTool;
import dev.comfypkgs.processor.testing.Recipes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code default.nix} builds {@code .flox/pkgs/} as Flox does, checked against the stand-in Flox
 * loader and the stand-in nixpkgs: the files are an overlay (a file named like a top-level nixpkgs
 * attribute replaces it for every consumer, a file asking for its own name gets nixpkgs' value),
 * nixpkgs is imported with Flox's config, and it comes from the revision {@code manifest.lock}
 * pins, unless {@code --argstr nixpkgs} names another.
 */
class FloxParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SYSTEM = "x86_64-linux";

  @TempDir Path tmp;
  private Path out;
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  /**
   * Generated: {@code rembg} (1.0.0), named like the stand-in's top-level rembg (2.0.62), and
   * {@code uses-rembg}, which requires it. Hand-written beside them, as Flox allows:
   * {@code rembg-batch.nix}, which asks for its own name, i.e. the stand-in's top-level consumer
   * of rembg, and {@code lonely.nix}, which asks for a name nixpkgs does not have.
   */
  @BeforeEach
  void generate() throws IOException {
    NixTool.requireNix();
    out = tmp.resolve("generated-nix");
    assertThat(Recipes.compile(List.of("-Acomfypkgs.out=" + out),
            Recipes.clean("Rembg", "rembg"),
            Recipes.recipe("UsesRembg",
                "@PythonPackage(pname = \"uses-rembg\", version = \"1.0.0\", description = \"d\",",
                "    homepage = \"https://example.org/\", license = License.MIT)",
                "@GitHub(owner = \"example\", repo = \"uses-rembg\", tag = \"v1.0.0\",",
                "    hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
                "@BuildSystem(\"setuptools\")",
                "@Requires(Rembg.class)")))
        .succeeded();
    Path pkgs = out.resolve(".flox/pkgs");
    Files.writeString(pkgs.resolve("rembg-batch.nix"),
        "{ rembg-batch }: rembg-batch // { wrapped = true; }\n");
    Files.writeString(pkgs.resolve("lonely.nix"), "{ lonely }: lonely\n");
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** What both ways of loading the files must agree on. */
  private static String observations(String scope) {
    return "let s = " + scope + "; in {\n"
        + "  attrs = builtins.attrNames s;\n"
        + "  rembg = s.rembg.version;\n"
        + "  siblingGets = map (d: d.pname + \"-\" + d.version) s.uses-rembg.dependencies;\n"
        + "  ownNameGets = s.rembg-batch.pname;\n"
        + "  ownNameWrapped = s.rembg-batch.wrapped;\n"
        + "  topLevelConsumerGets = s.rembg-batch.rembg.version;\n"
        + "  topLevelConsumerBuildsWithIt = s.rembg-batch.rembg.outPath == s.rembg.outPath;\n"
        + "  lonely = (builtins.tryEval s.lonely).success;\n"
        + "}";
  }

  @Test
  void aFileReplacesTheTopLevelNameForSiblingsAndForNixpkgsOwnConsumers() throws IOException {
    JsonNode expected = JSON.readTree("""
        {"attrs": ["lonely", "rembg", "rembg-batch", "uses-rembg"],
         "rembg": "1.0.0",
         "siblingGets": ["rembg-1.0.0"],
         "ownNameGets": "rembg-batch",
         "ownNameWrapped": true,
         "topLevelConsumerGets": "1.0.0",
         "topLevelConsumerBuildsWithIt": true,
         "lonely": false}
        """);
    JsonNode viaLoader = JSON.readTree(NixTool.evalJson(
        observations(NixTool.floxScope(out.resolve(".flox/pkgs"), SYSTEM))));
    JsonNode viaDefault = JSON.readTree(NixTool.evalJson(
        observations(NixTool.defaultNix(out, SYSTEM))));
    assertEquals(expected, viaLoader, "the stand-in Flox loader");
    assertEquals(expected, viaDefault, "default.nix");
  }

  @Test
  void theBuiltTopLevelConsumerHoldsTheGeneratedPackage() throws IOException {
    Path link = tmp.resolve("result-batch");
    NixTool.build(NixTool.defaultNix(out, SYSTEM) + ".rembg-batch", link).orFail("nix-build");
    String uses = Files.readString(link.resolve("uses")).trim();
    String rembg = NixTool.evalJson(NixTool.defaultNix(out, SYSTEM) + ".rembg.outPath");
    assertEquals(JSON.readTree(rembg).asText(), uses);
  }

  @Test
  void aFileAskingForANameNixpkgsLacksIsTheCircularDependencyError() {
    NixTool.Result r = NixTool.evalJsonResult(NixTool.defaultNix(out, SYSTEM) + ".lonely");
    assertFalse(r.ok(), r.describe());
    assertTrue(r.stderr().contains("Circular dependency detected: 'lonely' defined in "), r.stderr());
  }

  @Test
  void nixpkgsIsImportedWithFloxsConfig() throws IOException {
    Path spy = Files.createDirectories(tmp.resolve("spy-nixpkgs"));
    Files.writeString(spy.resolve("default.nix"), "{ config ? { }, ... }@args:\n"
        + "if config == { allowUnfree = true; allowInsecure = true; }\n"
        + "then import " + NixTool.path(NixTool.standinNixpkgs()) + " args\n"
        + "else throw \"spy nixpkgs: imported with config ${builtins.toJSON config}\"\n");
    NixTool.Result r = NixTool.evalJsonResult("(import " + NixTool.path(out.resolve("default.nix"))
        + " { nixpkgs = " + NixTool.path(spy) + "; system = \"" + SYSTEM + "\"; }).rembg.version");
    assertTrue(r.ok(), r.describe());
    assertEquals("\"1.0.0\"", r.stdout().trim());
  }

  @Test
  void theLockedRevisionIsFetchedFromTheArchive() throws IOException {
    String rev = randomRevision();
    String archive = serveStandinAs(rev);
    writeLock("https://github.com/flox/nixpkgs?rev=" + rev);

    NixTool.Result viaLock = NixTool.run(List.of("nix-instantiate", "--eval", "--strict", "--json",
        "-I", "nixpkgs=" + tmp.resolve("no-nixpkgs-here"),
        out.resolve("default.nix").toString(), "-A", "rembg.drvPath",
        "--argstr", "system", SYSTEM, "--argstr", "floxNixpkgsArchive", archive));
    assertTrue(viaLock.ok(), viaLock.describe());
    assertEquals(List.of("/" + rev + ".tar.gz"), requests);
    // The served tarball is the stand-in, so the same derivation as from the stand-in itself.
    String direct = NixTool.evalJson(NixTool.defaultNix(out, SYSTEM) + ".rembg.drvPath");
    assertEquals(direct, viaLock.stdout().trim());
  }

  @Test
  void argstrNixpkgsWinsOverTheLock() throws IOException {
    String rev = randomRevision();
    String archive = serveStandinAs(rev);
    writeLock("https://github.com/flox/nixpkgs?rev=" + rev);

    NixTool.Result r = NixTool.run(List.of("nix-instantiate", "--eval", "--strict", "--json",
        out.resolve("default.nix").toString(), "-A", "rembg.version",
        "--argstr", "nixpkgs", NixTool.standinNixpkgs().toString(),
        "--argstr", "system", SYSTEM, "--argstr", "floxNixpkgsArchive", archive));
    assertTrue(r.ok(), r.describe());
    assertEquals("\"1.0.0\"", r.stdout().trim());
    assertEquals(List.of(), requests, "nothing is fetched");
  }

  @Test
  void withoutALockNixpkgsIsTheOneOnTheSearchPath() {
    NixTool.Result r = NixTool.run(List.of("nix-instantiate", "--eval", "--strict", "--json",
        "-I", "nixpkgs=" + NixTool.standinNixpkgs(),
        out.resolve("default.nix").toString(), "-A", "rembg.version",
        "--argstr", "system", SYSTEM));
    assertTrue(r.ok(), r.describe());
    assertEquals("\"1.0.0\"", r.stdout().trim());
  }

  @Test
  void aLockedUrlOutsideFloxsNixpkgsIsAClearError() throws IOException {
    for (String url : List.of("https://github.com/NixOS/nixpkgs?rev=" + randomRevision(),
        "https://github.com/flox/nixpkgs?rev=main")) {
      writeLock(url);
      NixTool.Result r = NixTool.evalJsonResult("(import " + NixTool.path(out.resolve("default.nix"))
          + " { system = \"" + SYSTEM + "\"; }).rembg.version");
      assertFalse(r.ok(), r.describe());
      assertTrue(r.stderr().contains("the toplevel locked_url in .flox/env/manifest.lock, '" + url
          + "', is not https://github.com/flox/nixpkgs?rev=<40 hex digits>"), r.stderr());
    }
  }

  /** A fresh revision per test, so that Nix's tarball cache never answers for the server. */
  private static String randomRevision() {
    byte[] bytes = new byte[20];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The fixture lock, its toplevel packages locked at {@code lockedUrl}. */
  private void writeLock(String lockedUrl) throws IOException {
    String lock;
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream("fixtures/flox/manifest.lock")) {
      lock = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    lock = lock.replace("https://github.com/flox/nixpkgs?rev=b599843bad24621dcaa5ab60dac98f9b0eb1cabe",
        lockedUrl);
    Files.createDirectories(out.resolve(".flox/env"));
    Files.writeString(out.resolve(FloxLock.PATH), lock);
  }

  /** Serves the stand-in as {@code <archive>/<rev>.tar.gz} on the loopback; returns the archive. */
  private String serveStandinAs(String rev) throws IOException {
    Path top = tmp.resolve("tarball/nixpkgs-" + rev);
    Files.createDirectories(top);
    try (Stream<Path> files = Files.list(NixTool.standinNixpkgs())) {
      for (Path f : files.toList()) {
        Files.copy(f, top.resolve(f.getFileName()));
      }
    }
    Path tarball = tmp.resolve(rev + ".tar.gz");
    NixTool.run(List.of("tar", "-czf", tarball.toString(), "-C", top.getParent().toString(),
        top.getFileName().toString())).orFail("tar");
    byte[] body = Files.readAllBytes(tarball);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestURI().getPath());
      boolean known = exchange.getRequestURI().getPath().equals("/" + rev + ".tar.gz");
      exchange.sendResponseHeaders(known ? 200 : 404, known ? body.length : -1);
      try (OutputStream response = exchange.getResponseBody()) {
        if (known) {
          response.write(body);
        }
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }
}
