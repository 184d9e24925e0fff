package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * index on the stand-in nixpkgs (Debian's Nix 2.8 cannot evaluate a current nixpkgs): names,
 * torch found through propagated dependencies, and a file the processor accepts.
 */
class IndexTest {
  @TempDir Path tmp;

  @Test
  void indexesTheStandIn() throws IOException {
    CliHarness.requireNix();
    Path out = tmp.resolve("index.json");
    Map<String, String> env = new HashMap<>();
    env.put("COMFYPKGS_DIR", CliHarness.repoRoot().resolve("generated-nix").toString());
    CliHarness.Run run = CliHarness.runWithUmask("022", tmp, env, "index", "--nixpkgs",
        CliHarness.standinNixpkgs().toString(), "-o", out.toString());
    assertEquals(0, run.exitCode(), run.all());
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)),
        "written like any file, not as a private temporary file");
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(out), files.toList(), "nothing else");
    }
    Map<String, Boolean> torch = new HashMap<>();
    for (JsonNode n : new ObjectMapper().readTree(out.toFile())) {
      torch.put(n.get("name").asText(), n.get("carriesTorch").asBoolean());
    }
    assertEquals(false, torch.get("numpy"));
    assertEquals(true, torch.get("torch"));
    assertEquals(true, torch.get("timm"), "through torchvision and torch");
    assertEquals(true, torch.get("sneaky-helpers"), "on no list: found through its dependencies");
    assertEquals(true, torch.get("uses-patched-torch"));
    assertEquals(false, torch.get("transformers"));
    assertTrue(!torch.containsKey("buildPythonPackage") && !torch.containsKey("python"), "functions are not packages");
    assertTrue(run.err().contains("carrying torch) to " + out), run.err());
    // Sorted and stable: a second run writes the same bytes.
    String first = Files.readString(out);
    CliHarness.run(tmp, env, "index", "--nixpkgs", CliHarness.standinNixpkgs().toString(), "-o", out.toString());
    assertEquals(first, Files.readString(out));
  }

  @Test
  void aDependencyIsMatchedAfterPep503CollapsesItsSeparatorRuns() throws IOException {
    CliHarness.requireNix();
    // A dependency whose pname spells a torch-bearing name (open-clip-torch) with a run of
    // separators, as PEP 503 allows: it is the same distribution, so it carries torch.
    Path nixpkgs = Files.createDirectories(tmp.resolve("nixpkgs"));
    Files.writeString(nixpkgs.resolve("default.nix"), """
        { ... }: { python3.pkgs = {
          clip-user = { pname = "clip-user"; outPath = "/x"; propagatedBuildInputs = [ { pname = "Open__CLIP.-torch"; } ]; };
        }; }
        """);
    Path out = tmp.resolve("index.json");
    Map<String, String> env = new HashMap<>();
    env.put("COMFYPKGS_DIR", CliHarness.repoRoot().resolve("generated-nix").toString());
    CliHarness.Run run = CliHarness.run(tmp, env, "index", "--nixpkgs", nixpkgs.toString(), "-o", out.toString());
    assertEquals(0, run.exitCode(), run.all());
    JsonNode entry = new ObjectMapper().readTree(out.toFile()).get(0);
    assertEquals("clip-user", entry.get("name").asText());
    assertTrue(entry.get("carriesTorch").asBoolean(), Files.readString(out));
  }

  @Test
  void printsThroughTheCliJsonPrinterSoNoNameReachesTheTerminalUnescaped() throws IOException {
    CliHarness.requireNix();
    Path nixpkgs = Files.createDirectories(tmp.resolve("nixpkgs"));
    Files.writeString(nixpkgs.resolve("default.nix"), """
        { ... }: { python3.pkgs = {
          "caf\u00e9" = { pname = "cafe"; outPath = "/x"; };
          plain = { pname = "plain"; outPath = "/y"; };
        }; }
        """);
    CliHarness.Run run = CliHarness.run(tmp, Map.of(), "index", "--nixpkgs", nixpkgs.toString());
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(run.out().chars().allMatch(c -> c < 0x80), run.out());
    JsonNode index = new ObjectMapper().readTree(run.out());
    assertEquals("caf\u00e9", index.get(0).get("name").asText());
    assertEquals(false, index.get(0).get("carriesTorch").asBoolean());
    assertEquals("plain", index.get(1).get("name").asText());
  }

  @Test
  void aDirectoryAsOutputIsAUsageErrorThatLeavesNothingBehind() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("out/index.json"));
    CliHarness.Run run = CliHarness.run(tmp, Map.of("COMFYPKGS_DIR", tmp.resolve("none").toString()),
        "index", "--nixpkgs", CliHarness.standinNixpkgs().toString(), "-o", dir.toString());
    CliHarness.assertOneLineError(run, 2, dir + " is a directory: -o takes the file to write the index to.");
    try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
      assertEquals(List.of(dir), files.toList(), "no stray temporary file beside it");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
    CliHarness.assertOneLineError(CliHarness.run(tmp, Map.of("COMFYPKGS_DIR", tmp.resolve("none").toString()),
        "index", "--nixpkgs", CliHarness.standinNixpkgs().toString(), "-o", tmp.resolve("missing/index.json").toString()),
        2, tmp.resolve("missing") + " is not a directory");
  }
}
