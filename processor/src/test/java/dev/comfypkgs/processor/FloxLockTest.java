package dev.comfypkgs.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.google.testing.compile.Compilation;
import dev.comfypkgs.processor.emit.FloxLock;
import dev.comfypkgs.processor.emit.GeneratedFile;
import dev.comfypkgs.processor.emit.OutputDirectory;
import dev.comfypkgs.processor.testing.FailingFileOps;
import dev.comfypkgs.processor.testing.GoldenFixtures;
import dev.comfypkgs.processor.testing.Recipes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .flox/env/manifest.lock}, which only Flox writes: never touched, and a generation that
 * makes it stale says so. The fixture {@code fixtures/flox/manifest.lock} is a Flox v1 lock of the
 * manifest the golden recipes generate: python313 from the revision the real repository's lock
 * pins (b599843…, Python 3.13.6), on the four systems, in the toplevel group. Its store paths,
 * revision count and dates are placeholders: Flox decides whether a lock is up to date from its
 * {@code manifest} alone.
 */
class FloxLockTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static byte[] fixtureLock() throws IOException {
    try (InputStream in =
        FloxLockTest.class.getClassLoader().getResourceAsStream("fixtures/flox/manifest.lock")) {
      return in.readAllBytes();
    }
  }

  private static JavaFileObject environment(String python) {
    return Recipes.recipe("Env",
        "@FloxEnvironment(",
        "    name = \"comfypkgs\",",
        "    python = \"" + python + "\")");
  }

  private static Compilation compileInto(Path out, String python) {
    List<JavaFileObject> sources = GoldenFixtures.allBut();
    sources.add(environment(python));
    return Recipes.compile(
        List.of("-Acomfypkgs.out=" + out), sources.toArray(JavaFileObject[]::new));
  }

  private Path outWithLock(byte[] lock) throws IOException {
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve(".flox/env"));
    Files.write(out.resolve(FloxLock.PATH), lock);
    return out;
  }

  private static List<String> lockWarnings(Compilation c) {
    return c.warnings().stream()
        .map(d -> d.getMessage(null))
        .filter(m -> m.contains("manifest.lock"))
        .toList();
  }

  @Test
  void theGeneratedManifestIsTheOneTheFixtureLockLocked() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(compileInto(out, "python313")).succeeded();
    JsonNode parsedToml = new TomlMapper().readTree(out.resolve(".flox/env/manifest.toml").toFile());
    JsonNode locked = JSON.readTree(fixtureLock()).get("manifest");
    assertEquals(locked, parsedToml);
  }

  @Test
  void aMatchingLockIsLeftAsItIsWithoutAWarning() throws IOException {
    Path out = outWithLock(fixtureLock());
    Compilation c = compileInto(out, "python313");
    assertThat(c).succeeded();
    assertEquals(List.of(), lockWarnings(c));
    assertArrayEquals(fixtureLock(), Files.readAllBytes(out.resolve(FloxLock.PATH)));
  }

  @Test
  void aPythonChangeWarnsAtPythonAndLeavesTheLockUntouched() throws IOException {
    Path out = outWithLock(fixtureLock());
    Compilation c = compileInto(out, "python312");
    assertThat(c).succeeded();
    assertThat(c)
        .hadWarningContaining(out + "/.flox/env/manifest.lock is stale: the [install] of the"
            + " generated manifest.toml differs from the one it locked (python is now 'python312')")
        .inFile(environment("python312"))
        .onLineContaining("python = \"python312\"");
    assertThat(c).hadWarningContaining("Run `flox list -d " + out + "` (it locks the environment"
        + " and rewrites manifest.lock), then commit manifest.lock.");
    assertEquals(1, lockWarnings(c).size(), lockWarnings(c).toString());
    assertTrue(Files.readString(out.resolve(".flox/env/manifest.toml"))
        .contains("python.pkg-path = \"python312\""));
    assertArrayEquals(fixtureLock(), Files.readAllBytes(out.resolve(FloxLock.PATH)));
  }

  @Test
  void otherSystemsWarnAtTheEnvironment() throws IOException {
    ObjectNode lock = (ObjectNode) JSON.readTree(fixtureLock());
    ObjectNode options = (ObjectNode) lock.get("manifest").get("options");
    options.putArray("systems").add("x86_64-linux");
    Path out = outWithLock(JSON.writeValueAsBytes(lock));
    Compilation c = compileInto(out, "python313");
    assertThat(c).succeeded();
    assertThat(c)
        .hadWarningContaining("the [options] of the generated manifest.toml differs from the one it"
            + " locked (systems are now x86_64-linux, aarch64-linux, x86_64-darwin, aarch64-darwin)")
        .inFile(environment("python313"))
        .onLineContaining("@FloxEnvironment(");
    assertEquals(1, lockWarnings(c).size(), lockWarnings(c).toString());
  }

  @Test
  void emptySectionsFloxSerialisesDoNotCount() throws IOException {
    ObjectNode lock = (ObjectNode) JSON.readTree(fixtureLock());
    ObjectNode manifest = (ObjectNode) lock.get("manifest");
    manifest.putObject("hook");
    manifest.putObject("profile");
    manifest.putNull("containerize");
    ((ObjectNode) manifest.get("options")).putObject("allow");
    Path out = outWithLock(JSON.writeValueAsBytes(lock));
    Compilation c = compileInto(out, "python313");
    assertThat(c).succeeded();
    assertEquals(List.of(), lockWarnings(c));
  }

  @Test
  void noLockNoWarning() {
    Path out = tmp.resolve("out");
    Compilation c = compileInto(out, "python312");
    assertThat(c).succeeded();
    assertEquals(List.of(), lockWarnings(c));
    assertTrue(Files.notExists(out.resolve(FloxLock.PATH)));
  }

  @Test
  void aGarbageLockIsOneWarningAndStaysAsItIs() throws IOException {
    byte[] garbage = "{\"lockfile-version\": 1, \"manifest\": [".getBytes();
    Path out = outWithLock(garbage);
    Compilation c = compileInto(out, "python313");
    assertThat(c).succeeded();
    assertEquals(1, lockWarnings(c).size(), lockWarnings(c).toString());
    assertThat(c)
        .hadWarningContaining(out + "/.flox/env/manifest.lock cannot be read (it is not JSON: ")
        .inFile(environment("python313"))
        .onLineContaining("@FloxEnvironment(");
    assertArrayEquals(garbage, Files.readAllBytes(out.resolve(FloxLock.PATH)));

    Files.writeString(out.resolve(FloxLock.PATH), "{\"lockfile-version\": 1}");
    assertThat(compileInto(out, "python313"))
        .hadWarningContaining("manifest.lock cannot be read (it has no \"manifest\" object)");
  }

  @Test
  void aFailedGenerationLeavesTheLockAsItIs() throws IOException {
    Path out = outWithLock(fixtureLock());
    List<JavaFileObject> broken = GoldenFixtures.allBut();
    broken.add(environment("python312"));
    broken.add(Recipes.recipe("Broken",
        "@PythonPackage(pname = \"broken\", version = \"1\", description = \"d\", homepage = \"\",",
        "    license = License.MIT)"));
    Compilation c =
        Recipes.compile(List.of("-Acomfypkgs.out=" + out), broken.toArray(JavaFileObject[]::new));
    assertThat(c).failed();
    assertArrayEquals(fixtureLock(), Files.readAllBytes(out.resolve(FloxLock.PATH)));
  }

  @Test
  void aTransactionRolledBackOrCompletedNeverTouchesTheLock() throws IOException {
    List<GeneratedFile> first =
        List.of(new GeneratedFile(".flox/env/manifest.toml", "version = 1\n"));
    List<GeneratedFile> next =
        List.of(new GeneratedFile(".flox/env/manifest.toml", "version = 1\n[install]\n"),
            new GeneratedFile(".flox/.gitignore", "run/\n"));
    for (int failAt = 1; failAt <= 6; failAt++) {
      Path out = tmp.resolve("fail-" + failAt);
      new OutputDirectory(out).replace(first);
      Files.write(out.resolve(FloxLock.PATH), fixtureLock());
      OutputDirectory failing = new OutputDirectory(out, new FailingFileOps(failAt));
      assertThrows(IOException.class, () -> failing.replace(next), "failure at " + failAt);
      assertArrayEquals(fixtureLock(), Files.readAllBytes(out.resolve(FloxLock.PATH)));
    }
    Path out = tmp.resolve("completed");
    new OutputDirectory(out).replace(first);
    Files.write(out.resolve(FloxLock.PATH), fixtureLock());
    new OutputDirectory(out).replace(next);
    assertArrayEquals(fixtureLock(), Files.readAllBytes(out.resolve(FloxLock.PATH)));
    try (Stream<Path> env = Files.list(out.resolve(".flox/env"))) {
      assertEquals(2, env.count(), "manifest.toml and manifest.lock");
    }
  }
}
