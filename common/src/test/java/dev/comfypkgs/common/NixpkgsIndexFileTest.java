package dev.comfypkgs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NixpkgsIndexFileTest {
  @TempDir Path tmp;

  @Test
  void readsObjectsAndPlainNames() throws IOException {
    Path file = Files.writeString(tmp.resolve("index.json"),
        "[{\"name\":\"timm\",\"carriesTorch\":true},{\"name\":\"numpy\",\"carriesTorch\":false},"
            + "{\"name\":\"pillow\"},\"rembg\"]");
    NixpkgsIndexFile index = NixpkgsIndexFile.read(file);
    assertEquals(Set.of("timm", "numpy", "pillow", "rembg"), index.names());
    assertEquals(Set.of("timm"), index.carryingTorch());
  }

  @Test
  void refusesWhatIsNotAList() throws IOException {
    Path file = Files.writeString(tmp.resolve("index.json"), "{\"not\": \"a list\"}");
    assertEquals("not a JSON list",
        assertThrows(IOException.class, () -> NixpkgsIndexFile.read(file)).getMessage());
  }

  @Test
  void refusesAnEntryWithoutATextName() throws IOException {
    for (String entry : new String[] {"{\"carriesTorch\":true}", "{\"name\":3}", "7", "{\"name\":\"\"}"}) {
      Path file = Files.writeString(tmp.resolve("index.json"), "[\"ok\"," + entry + "]");
      IOException e = assertThrows(IOException.class, () -> NixpkgsIndexFile.read(file), entry);
      assertEquals("entry 1 is neither a name nor {\"name\": string, \"carriesTorch\": boolean}",
          e.getMessage(), entry);
    }
  }

  @Test
  void refusesACarriesTorchThatIsNotABoolean() throws IOException {
    // The old readers took "true" as false: a torch carrier would have gone unnoticed.
    Path file = Files.writeString(tmp.resolve("index.json"), "[{\"name\":\"timm\",\"carriesTorch\":\"true\"}]");
    assertThrows(IOException.class, () -> NixpkgsIndexFile.read(file));
  }
}
