package dev.comfypkgs.processor.wrapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.comfypkgs.processor.testing.NixTool;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reviewed fix script of the onnxruntime wrapper, {@code
 * sources/onnxruntime-noexecstack/clear-execstack.py}, run by python3 on ELF files crafted here:
 * it clears PF_X of PT_GNU_STACK in 64-bit little- and big-endian and 32-bit libraries, and leaves
 * every file it does not fully understand byte for byte as it was, exiting 0 without a traceback.
 */
class ClearExecstackScriptTest {
  private static final int PT_LOAD = 1;
  private static final int PT_GNU_STACK = 0x6474e551;
  private static final int RWE = 7;
  private static final int RW = 6;

  @TempDir Path dir;

  @BeforeAll
  static void requirePython() {
    if (onPath("python3")) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("python3 is not on PATH, and CI=true: the wrapper's fix script must be tested in CI.");
    }
    String message = "SKIPPED: python3 not installed; the clear-execstack.py tests run in CI";
    System.err.println("*** " + message + " ***");
    Assumptions.abort(message);
  }

  @Test
  void clearsTheExecutableStackOf64BitLittleEndian() throws Exception {
    Path lib = write("lib/libonnxruntime.so.1.22.0", elf64(ByteOrder.LITTLE_ENDIAN, RWE));
    Result result = runScript();
    assertEquals(0, result.exitCode, result.stderr);
    assertEquals(RW, gnuStackFlags64(Files.readAllBytes(lib), ByteOrder.LITTLE_ENDIAN));
    assertTrue(result.stdout.contains("cleared executable stack: " + lib), result.stdout);
  }

  @Test
  void clearsTheExecutableStackOf64BitBigEndian() throws Exception {
    Path lib = write("onnxruntime/capi/onnxruntime_pybind11_state.so", elf64(ByteOrder.BIG_ENDIAN, RWE));
    assertEquals(0, runScript().exitCode);
    assertEquals(RW, gnuStackFlags64(Files.readAllBytes(lib), ByteOrder.BIG_ENDIAN));
  }

  @Test
  void clearsTheExecutableStackOf32Bit() throws Exception {
    Path lib = write("lib32/libx.so", elf32(ByteOrder.LITTLE_ENDIAN, RWE));
    assertEquals(0, runScript().exitCode);
    byte[] after = Files.readAllBytes(lib);
    // Program header table at 52, second entry (GNU_STACK) at 52 + 32, p_flags at +24.
    assertEquals(RW, ByteBuffer.wrap(after).order(ByteOrder.LITTLE_ENDIAN).getInt(52 + 32 + 24));
    byte[] expected = elf32(ByteOrder.LITTLE_ENDIAN, RW);
    assertArrayEquals(expected, after, "only the GNU_STACK flags may change");
  }

  @Test
  void aStackThatIsNotExecutableStaysByteForByte() throws Exception {
    byte[] bytes = elf64(ByteOrder.LITTLE_ENDIAN, RW);
    Path lib = write("libok.so", bytes);
    Result result = runScript();
    assertEquals(0, result.exitCode);
    assertArrayEquals(bytes, Files.readAllBytes(lib));
    assertFalse(result.stdout.contains("libok.so"), result.stdout);
  }

  @Test
  void filesItDoesNotUnderstandAreLeftAloneWithOneLineEachAndExitZero() throws Exception {
    byte[] notElf = "/* GNU ld script */\nGROUP ( libc.so.6 )\n".getBytes(StandardCharsets.UTF_8);
    Path script = write("libc.so", notElf);
    byte[] full = elf64(ByteOrder.LITTLE_ENDIAN, RWE);
    byte[] truncatedHeader = Arrays.copyOf(full, 40);
    Path truncated = write("libtruncated.so", truncatedHeader);
    byte[] pastEof = full.clone();
    ByteBuffer.wrap(pastEof).order(ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 0x7fff);
    Path hostile = write("libhostile.so", pastEof);
    byte[] hugeOffset = full.clone();
    ByteBuffer.wrap(hugeOffset).order(ByteOrder.LITTLE_ENDIAN).putLong(32, Long.MAX_VALUE);
    Path farAway = write("libfar.so.2", hugeOffset);
    byte[] readOnlyBytes = elf64(ByteOrder.LITTLE_ENDIAN, RWE);
    // The target's own name is not a library's, so only the symlink could lead the script to it.
    Path readOnly = dir.resolve("readonly-target.bin");
    Files.write(readOnly, readOnlyBytes);
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
    Path link = dir.resolve("liblink.so");
    Files.createSymbolicLink(link, readOnly);

    Result result = runScript();

    assertEquals(0, result.exitCode, result.stderr);
    assertFalse(result.stderr.contains("Traceback"), result.stderr);
    assertArrayEquals(notElf, Files.readAllBytes(script));
    assertArrayEquals(truncatedHeader, Files.readAllBytes(truncated));
    assertArrayEquals(pastEof, Files.readAllBytes(hostile));
    assertArrayEquals(hugeOffset, Files.readAllBytes(farAway));
    assertArrayEquals(readOnlyBytes, Files.readAllBytes(readOnly));
    List<String> lines = result.stderr.lines().toList();
    assertEquals(3, lines.size(), "one line per skipped ELF file: " + result.stderr);
    assertTrue(result.stderr.contains("skipped " + truncated + ": truncated ELF header"), result.stderr);
    assertTrue(result.stderr.contains("skipped " + hostile + ": program header table runs past"), result.stderr);
    assertTrue(result.stderr.contains("skipped " + farAway + ": program header table runs past"), result.stderr);
    assertEquals("", result.stdout);
  }

  @Test
  void withoutADirectoryItSaysHowToCallIt() throws Exception {
    Result result = run(List.of("python3", script().toString(), dir.resolve("missing").toString()));
    assertEquals(2, result.exitCode);
    assertEquals("usage: clear-execstack.py DIRECTORY", result.stderr.strip());
  }

  // ---------------------------------------------------------------------------------------------

  /** A 64-bit shared object: ELF header, then PT_LOAD and PT_GNU_STACK (with {@code stackFlags}). */
  static byte[] elf64(ByteOrder order, int stackFlags) {
    ByteBuffer b = ByteBuffer.allocate(64 + 2 * 56 + 16).order(order);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1});
    b.putShort(16, (short) 3).putShort(18, (short) 62).putInt(20, 1);
    b.putLong(32, 64).putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 2);
    b.putInt(64, PT_LOAD).putInt(64 + 4, 5);
    b.putInt(64 + 56, PT_GNU_STACK).putInt(64 + 56 + 4, stackFlags).putLong(64 + 56 + 48, 16);
    return b.array();
  }

  /** A 32-bit shared object laid out like {@link #elf64}. */
  static byte[] elf32(ByteOrder order, int stackFlags) {
    ByteBuffer b = ByteBuffer.allocate(52 + 2 * 32 + 16).order(order);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 1, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1});
    b.putShort(16, (short) 3).putShort(18, (short) 3).putInt(20, 1);
    b.putInt(28, 52).putShort(40, (short) 52).putShort(42, (short) 32).putShort(44, (short) 2);
    b.putInt(52, PT_LOAD).putInt(52 + 24, 5);
    b.putInt(52 + 32, PT_GNU_STACK).putInt(52 + 32 + 24, stackFlags);
    return b.array();
  }

  static int gnuStackFlags64(byte[] elf, ByteOrder order) {
    ByteBuffer b = ByteBuffer.wrap(elf).order(order);
    assertEquals(PT_GNU_STACK, b.getInt(64 + 56));
    return b.getInt(64 + 56 + 4);
  }

  private Path write(String relative, byte[] bytes) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  static Path script() {
    return NixTool.repoRoot().resolve("sources/onnxruntime-noexecstack/clear-execstack.py");
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private Result runScript() throws Exception {
    return run(List.of("python3", script().toString(), dir.toString()));
  }

  private Result run(List<String> command) throws Exception {
    Path stdout = Files.createTempFile("clear-execstack", ".out");
    Path stderr = Files.createTempFile("clear-execstack", ".err");
    try {
      Process process = new ProcessBuilder(command)
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("clear-execstack.py did not finish");
      }
      return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, program))) {
        return true;
      }
    }
    return false;
  }
}
