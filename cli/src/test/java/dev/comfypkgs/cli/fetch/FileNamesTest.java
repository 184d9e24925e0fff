package dev.comfypkgs.cli.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.comfypkgs.cli.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names as the file system's bytes, and as text a terminal prints as it reads. */
class FileNamesTest {
  @TempDir Path tmp;

  @Test
  void aListedNameAndALinkTargetAreTheirBytesEvenWhenTheyAreNoCharset() throws IOException {
    // \377 is not UTF-8 and \351 is Latin-1: /bin/sh writes them, Java only reads them.
    Tools.Result r = Tools.run(List.of("/bin/sh", "-c",
        "cd \"$1\" && printf x > \"$(printf 'a\\377\\351b')\" && ln -s \"$(printf 'd//\\351/')\" link",
        "sh", tmp.toString()), null, Map.of());
    assertEquals(0, r.exitCode(), r.stderr());
    Path name;
    try (Stream<Path> list = Files.list(tmp)) {
      name = list.filter(p -> !p.endsWith("link")).findFirst().orElseThrow();
    }
    assertArrayEquals(new byte[] {'a', (byte) 0377, (byte) 0351, 'b'}, FileNames.bytes(name.getFileName()));
    assertArrayEquals(new byte[] {'d', '/', '/', (byte) 0351, '/'},
        FileNames.bytes(Files.readSymbolicLink(tmp.resolve("link"))));
    assertEquals("a\\xff\\xe9b", FileNames.display(name.getFileName()));
  }

  @Test
  void displayEscapesWhatWouldMoveTheCursorOrReorderText() {
    assertEquals("caf\u00e9 \u6f22 \\\\ \\u001B[2J\\u000D\\u000A\\u2028\\u202E\\u0085",
        FileNames.display(TestArchives.utf8("caf\u00e9 \u6f22 \\ \u001b[2J\r\n\u2028\u202e\u0085")));
    assertEquals("\\xc3(", FileNames.display(new byte[] {(byte) 0xc3, '('}));
    assertEquals("lone \\uD800 surrogate", FileNames.display("lone \ud800 surrogate"));
    assertEquals("\uD83D\uDE00 pair", FileNames.display("\uD83D\uDE00 pair"));
  }
}
