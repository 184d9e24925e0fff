package dev.comfypkgs.cli.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The manifest edit: every case checks the exact text written, that the text around the changed
 * lines is byte-for-byte the old text, and that a TOML parser reads back the old document with
 * only the entry's keys changed.
 */
class ManifestEditorTest {
  private static final String ATTR = "comfyui-extras";
  private static final String X86 = "x86_64-linux";
  private static final String ARM = "aarch64-linux";
  private static final String OLD = "/nix/store/00000000000000000000000000000000-python3.13-comfyui-extras-0.9.0";
  private static final String NEW = "/nix/store/11111111111111111111111111111111-python3.13-comfyui-extras-1.0.0";

  /** A manifest as Flox writes one, with a hook whose multi-line string looks like a table. */
  private static final String RUNTIME = """
      # comfyui-repo: the runtime environment
      version = 1

      [install]
      # The runtime's own torch, with CUDA.
      python3.pkg-path = "python313"
      torch = { pkg-path = "python313Packages.torch-bin", priority = 1 }   # keep

      # Hooks follow.
      [hook]
      on-activate = '''
        echo "[install]"
        x.store-path = "not a key"
      '''

      [options]
      systems = ["x86_64-linux", "aarch64-linux"]
      """;

  @Test
  void addsEntryUnderInstallKeepingCommentsAndOrder() {
    ManifestEditor.Edit edit = handOff(RUNTIME, X86, NEW);
    assertEquals(ManifestEditor.Change.ADDED, edit.change());
    assertEquals(ATTR, edit.id());
    assertEquals(RUNTIME.replace("priority = 1 }   # keep\n", "priority = 1 }   # keep\n"
        + "comfyui-extras.store-path = \"" + NEW + "\"\n"
        + "comfyui-extras.systems = [\"x86_64-linux\"]\n"), edit.text());
    assertOnlyChanged(RUNTIME, edit, Set.of("install/comfyui-extras/store-path",
        "install/comfyui-extras/systems"));
    assertEquals(List.of("comfyui-extras.store-path = \"" + NEW + "\"",
        "comfyui-extras.systems = [\"x86_64-linux\"]"), edit.changedLines());
  }

  @Test
  void replacesDottedEntryStorePathOnly() {
    String manifest = """
        version = 1
        [install]
        comfyui-extras.store-path = "%s"  # from handoff
        comfyui-extras.systems = ["x86_64-linux"]
        comfyui-extras.priority = 3
        """.formatted(OLD);
    ManifestEditor.Edit edit = handOff(manifest, X86, NEW);
    assertEquals(ManifestEditor.Change.REPLACED, edit.change());
    assertEquals(manifest.replace(OLD, NEW), edit.text());
    assertOnlyChanged(manifest, edit, Set.of("install/comfyui-extras/store-path"));
  }

  @Test
  void replacesInsideInlineTableKeepingPriority() {
    String manifest = "[install]\ncomfyui-extras = { store-path = \"" + OLD
        + "\", systems = [ \"x86_64-linux\" ], priority = 3 }\nrich.pkg-path = \"python313Packages.rich\"\n";
    ManifestEditor.Edit edit = handOff(manifest, X86, NEW);
    assertEquals(manifest.replace(OLD, NEW), edit.text());
    assertOnlyChanged(manifest, edit, Set.of("install/comfyui-extras/store-path"));
  }

  @Test
  void replacesInInstallSubTable() {
    String manifest = """
        [install.comfyui-extras]
        store-path = '%s'
        systems = [
          "x86_64-linux",  # this machine
        ]

        [install.rich]
        pkg-path = "python313Packages.rich"
        """.formatted(OLD);
    ManifestEditor.Edit edit = handOff(manifest, X86, NEW);
    // A literal string becomes a basic one: the only spelling the editor writes.
    assertEquals(manifest.replace("'" + OLD + "'", "\"" + NEW + "\""), edit.text());
    assertOnlyChanged(manifest, edit, Set.of("install/comfyui-extras/store-path"));
  }

  @Test
  void quotedKeys() {
    String dotted = "[install]\n\"comfyui-extras\" . 'store-path' = \"" + OLD + "\"\n"
        + "'comfyui-extras'.\"systems\" = [\"x86_64-linux\"]\n";
    ManifestEditor.Edit edit = handOff(dotted, X86, NEW);
    assertEquals(dotted.replace(OLD, NEW), edit.text());
    assertOnlyChanged(dotted, edit, Set.of("install/comfyui-extras/store-path"));

    String header = "[ install . \"comfyui-\\u0065xtras\" ]\n\"store-path\" = \"" + OLD + "\"\n"
        + "systems = [\"x86_64-linux\"]\n";
    edit = handOff(header, X86, NEW);
    assertEquals(header.replace(OLD, NEW), edit.text());
    assertOnlyChanged(header, edit, Set.of("install/comfyui-extras/store-path"));
  }

  @Test
  void theSameStorePathAgainChangesNothing() {
    String manifest = "[install]\ncomfyui-extras.store-path = \"" + NEW + "\"\ncomfyui-extras.systems = [\"x86_64-linux\"]\n";
    ManifestEditor.Edit edit = handOff(manifest, X86, NEW);
    assertEquals(ManifestEditor.Change.UNCHANGED, edit.change());
    assertEquals(manifest, edit.text());
    assertEquals(List.of(), edit.changedLines());
  }

  @Test
  void secondSystemGetsItsOwnEntry() {
    String manifest = "[install]\ncomfyui-extras.store-path = \"" + OLD + "\"\n"
        + "comfyui-extras.systems = [\"x86_64-linux\"]\n\n[options]\nsystems = [\"x86_64-linux\", \"aarch64-linux\"]\n";
    ManifestEditor.Edit arm = handOff(manifest, ARM, NEW);
    assertEquals("comfyui-extras-aarch64-linux", arm.id());
    assertEquals(manifest.replace("[\"x86_64-linux\"]\n\n", "[\"x86_64-linux\"]\n"
        + "comfyui-extras-aarch64-linux.store-path = \"" + NEW + "\"\n"
        + "comfyui-extras-aarch64-linux.systems = [\"aarch64-linux\"]\n\n"), arm.text());
    assertOnlyChanged(manifest, arm, Set.of("install/comfyui-extras-aarch64-linux/store-path",
        "install/comfyui-extras-aarch64-linux/systems"));

    // Each system's entry is then found and replaced on its own.
    String newer = NEW.replace("1.0.0", "1.0.1");
    ManifestEditor.Edit again = handOff(arm.text(), ARM, newer);
    assertEquals(ManifestEditor.Change.REPLACED, again.change());
    assertEquals(arm.text().replace("aarch64-linux.store-path = \"" + NEW, "aarch64-linux.store-path = \"" + newer),
        again.text());
    assertOnlyChanged(arm.text(), again, Set.of("install/comfyui-extras-aarch64-linux/store-path"));
    ManifestEditor.Edit x86 = handOff(again.text(), X86, newer);
    assertEquals(ATTR, x86.id());
    assertOnlyChanged(again.text(), x86, Set.of("install/comfyui-extras/store-path"));
  }

  @Test
  void entryForSeveralSystemsRefused() {
    String several = "[install]\ncomfyui-extras.store-path = \"" + OLD + "\"\n"
        + "comfyui-extras.systems = [\"x86_64-linux\", \"aarch64-linux\"]\n";
    CliException e = assertThrows(CliException.class, () -> handOff(several, X86, NEW));
    assertEquals(ExitCode.FAILED, e.exitCode());
    assertTrue(e.getMessage().contains("[install] comfyui-extras is installed on x86_64-linux too"
        + " (systems = [x86_64-linux, aarch64-linux]): narrow its systems"), e.getMessage());

    String everywhere = "[install]\ncomfyui-extras.store-path = \"" + OLD + "\"\n";
    e = assertThrows(CliException.class, () -> handOff(everywhere, ARM, NEW));
    assertEquals(ExitCode.FAILED, e.exitCode());
    assertTrue(e.getMessage().contains("(systems = all)"), e.getMessage());
  }

  @Test
  void createsInstallTableWhenMissing() {
    String none = "version = 1\n\n[options]\nsystems = [\"x86_64-linux\"]\n";
    ManifestEditor.Edit edit = handOff(none, X86, NEW);
    assertEquals(none + "\n[install]\ncomfyui-extras.store-path = \"" + NEW + "\"\n"
        + "comfyui-extras.systems = [\"x86_64-linux\"]\n", edit.text());
    assertOnlyChanged(none, edit, Set.of("install/comfyui-extras/store-path", "install/comfyui-extras/systems"));

    // With only [install.x] tables, the parent table comes after its children.
    String subTablesOnly = "[install.rich]\npkg-path = \"python313Packages.rich\"\n";
    edit = handOff(subTablesOnly, X86, NEW);
    assertEquals(subTablesOnly + "\n[install]\ncomfyui-extras.store-path = \"" + NEW + "\"\n"
        + "comfyui-extras.systems = [\"x86_64-linux\"]\n", edit.text());
    assertOnlyChanged(subTablesOnly, edit, Set.of("install/comfyui-extras/store-path",
        "install/comfyui-extras/systems"));

    String emptyInstall = "[install]\n# nothing yet\n\n[hook]\n";
    edit = handOff(emptyInstall, X86, NEW);
    assertEquals("[install]\ncomfyui-extras.store-path = \"" + NEW + "\"\ncomfyui-extras.systems ="
        + " [\"x86_64-linux\"]\n# nothing yet\n\n[hook]\n", edit.text());
    assertOnlyChanged(emptyInstall, edit, Set.of("install/comfyui-extras/store-path",
        "install/comfyui-extras/systems"));
  }

  @Test
  void crlfBomAndMissingFinalNewlineKept() {
    String manifest = "\uFEFF# runtime\r\n[install]\r\n  rich.pkg-path = \"python313Packages.rich\" # indented";
    ManifestEditor.Edit edit = handOff(manifest, X86, NEW);
    assertEquals(manifest + "\r\n  comfyui-extras.store-path = \"" + NEW + "\"\r\n"
        + "  comfyui-extras.systems = [\"x86_64-linux\"]", edit.text());
    assertOnlyChanged(manifest, edit, Set.of("install/comfyui-extras/store-path",
        "install/comfyui-extras/systems"));

    String noInstall = "\uFEFFversion = 1\r\n[options]\r\nsystems = [\"x86_64-linux\"]";
    edit = handOff(noInstall, X86, NEW);
    assertEquals(noInstall + "\r\n\r\n[install]\r\ncomfyui-extras.store-path = \"" + NEW + "\"\r\n"
        + "comfyui-extras.systems = [\"x86_64-linux\"]", edit.text());
    assertOnlyChanged(noInstall, edit, Set.of("install/comfyui-extras/store-path",
        "install/comfyui-extras/systems"));
  }

  @Test
  void inlineInstallTableRefused() {
    for (String manifest : new String[] {
        "install = { rich = { pkg-path = \"python313Packages.rich\" } }\n",
        "install.rich.pkg-path = \"python313Packages.rich\"\n"}) {
      CliException e = assertThrows(CliException.class, () -> handOff(manifest, X86, NEW));
      assertEquals(ExitCode.FAILED, e.exitCode(), manifest);
      assertTrue(e.getMessage().contains("install is written as an inline table or with dotted"
          + " keys at the top; add the entry by hand: comfyui-extras.store-path = \"" + NEW + "\""),
          e.getMessage());
    }
    // Replacing a value inside them needs no new lines, so it is done.
    String inline = "install = { comfyui-extras = { store-path = \"" + OLD + "\", systems = [\"x86_64-linux\"] } }\n";
    ManifestEditor.Edit edit = handOff(inline, X86, NEW);
    assertEquals(inline.replace(OLD, NEW), edit.text());
    assertOnlyChanged(inline, edit, Set.of("install/comfyui-extras/store-path"));
  }

  @Test
  void brokenManifestRefused() {
    for (String broken : new String[] {"[install\nx = 1\n", "[install]\na = 1\na = 2\n",
        "version = \n", "\uFEFF[install]\n[install]\n"}) {
      CliException e = assertThrows(CliException.class, () -> handOff(broken, X86, NEW));
      assertEquals(ExitCode.USAGE, e.exitCode(), broken);
      assertTrue(e.getMessage().matches("manifest\\.toml is not valid TOML: .+ \\(line \\d+, column \\d+\\);"
          + " it was not changed\\."), e.getMessage());
    }
  }

  @Test
  void valueEscaping() {
    String hostile = "/nix/store/x-\"quoted\" back\\slash tab\t nl\r\n bell\u0007 del\u007f ${HOME} \uD83D\uDE00";
    ManifestEditor.Edit edit = handOff(RUNTIME, "x86\"64-linux", hostile);
    assertTrue(edit.text().contains("comfyui-extras.store-path = \"/nix/store/x-\\\"quoted\\\" back\\\\slash"
        + " tab\\t nl\\r\\n bell\\u0007 del\\u007F ${HOME} \uD83D\uDE00\"\n"), edit.text());
    assertTrue(edit.text().contains("comfyui-extras.systems = [\"x86\\\"64-linux\"]\n"), edit.text());
    assertOnlyChanged(RUNTIME, edit, Set.of("install/comfyui-extras/store-path", "install/comfyui-extras/systems"));
    JsonNode tree = parse(edit.text());
    assertEquals(hostile, tree.at("/install/comfyui-extras/store-path").asText());

    // An attr that is not a bare key is written quoted, and found again quoted.
    ManifestEditor.Edit odd = handOff(RUNTIME, "my extras", X86, NEW);
    assertTrue(odd.text().contains("\n\"my extras\".store-path = \"" + NEW + "\"\n"), odd.text());
    assertEquals(ManifestEditor.Change.UNCHANGED, handOff(odd.text(), "my extras", X86, NEW).change());

    for (String lone : new String[] {"/nix/store/x-\uD800", "/nix/store/x-\uDC00y", "\uDBFF"}) {
      CliException e = assertThrows(CliException.class, () -> handOff(RUNTIME, X86, lone));
      assertEquals(ExitCode.USAGE, e.exitCode());
      assertTrue(e.getMessage().contains("holds a lone surrogate"), e.getMessage());
    }
  }

  private static ManifestEditor.Edit handOff(String text, String system, String storePath) {
    return handOff(text, ATTR, system, storePath);
  }

  private static ManifestEditor.Edit handOff(String text, String attr, String system, String storePath) {
    return ManifestEditor.handOff("manifest.toml", text, attr, system, storePath);
  }

  /**
   * The new text is the old one with one stretch replaced, that stretch lies within the lines the
   * edit reports as changed, and the two parsed trees differ in exactly {@code keys} (paths of
   * leaves, arrays whole).
   */
  private static void assertOnlyChanged(String before, ManifestEditor.Edit edit, Set<String> keys) {
    String after = edit.text();
    int prefix = 0;
    while (prefix < before.length() && prefix < after.length() && before.charAt(prefix) == after.charAt(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < before.length() - prefix && suffix < after.length() - prefix
        && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
      suffix++;
    }
    String removed = before.substring(prefix, before.length() - suffix);
    String added = after.substring(prefix, after.length() - suffix);
    assertTrue(!removed.contains("\n"), "only part of one line replaced: " + removed);
    for (String line : added.split("\r?\n")) {
      assertTrue(edit.changedLines().stream().anyMatch(l -> l.contains(line.strip())),
          line + " in " + edit.changedLines());
    }
    Map<String, JsonNode> old = leaves(parse(before));
    Map<String, JsonNode> now = leaves(parse(after));
    Set<String> differing = new TreeSet<>();
    old.forEach((k, v) -> {
      if (!v.equals(now.get(k))) {
        differing.add(k);
      }
    });
    now.forEach((k, v) -> {
      if (!v.equals(old.get(k))) {
        differing.add(k);
      }
    });
    assertEquals(new TreeSet<>(keys), differing);
  }

  private static JsonNode parse(String text) {
    try {
      return new TomlMapper().readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (Exception e) {
      throw new AssertionError(text, e);
    }
  }

  private static Map<String, JsonNode> leaves(JsonNode tree) {
    Map<String, JsonNode> out = new TreeMap<>();
    collect("", tree, out);
    return out;
  }

  private static void collect(String path, JsonNode node, Map<String, JsonNode> out) {
    if (!node.isObject()) {
      out.put(path, node);
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      collect(path.isEmpty() ? e.getKey() : path + "/" + e.getKey(), e.getValue(), out);
    }
  }
}
