package dev.comfypkgs.cli.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comfypkgs.cli.CliException;
import dev.comfypkgs.cli.ExitCode;
import dev.comfypkgs.cli.requirements.Markers.Truth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Markers evaluated for CPython 3.13 on Linux, as pip on such a machine evaluates them. */
class MarkersTest {
  private static final MarkerEnvironment X86 = MarkerEnvironment.linux("3.13", "x86_64");
  private static final MarkerEnvironment ARM = MarkerEnvironment.linux("3.13", "aarch64");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sys_platform == 'linux'                           | TRUE",
      "sys_platform == \"win32\"                         | FALSE",
      "sys_platform != 'darwin'                          | TRUE",
      "platform_system == 'Windows'                      | FALSE",
      "os_name == 'nt'                                   | FALSE",
      "os.name == 'posix'                                | TRUE",
      "'linux' == sys_platform                           | TRUE",
      "platform_machine == 'x86_64'                      | TRUE",
      "platform_machine in 'x86_64 AMD64'                | TRUE",
      "platform_machine not in 'arm64 aarch64'           | TRUE",
      "'lin' in sys_platform                             | TRUE",
      "python_implementation == 'CPython'                | TRUE",
      "implementation_name == 'pypy'                     | FALSE",
      // Versions compare as versions: 3.13 is after 3.9, though "3.13" < "3.9" as text.
      "python_version >= '3.9'                           | TRUE",
      "python_version < '3.10'                           | FALSE",
      "python_version == '3.13'                          | TRUE",
      "python_version == '3.13.*'                        | TRUE",
      "python_version ~= '3.10'                          | TRUE",
      "python_full_version >= '3.13.0'                   | TRUE",
      "python_full_version < '3.13.1'                    | TRUE",
      "'3.12' < python_version                           | TRUE",
      "python_version > '3.13'                           | FALSE",
      // Not a version on the right: compared as text, as packaging does.
      "sys_platform < 'm'                                | TRUE",
      "python_version == 'three'                         | FALSE",
  })
  void comparisons(String marker, Truth expected) {
    assertEquals(expected, Markers.evaluate(marker, X86), marker);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "platform_machine == 'x86_64'                                 | TRUE  | FALSE",
      "platform_machine == 'aarch64' or platform_machine == 'arm64' | FALSE | TRUE",
      "platform_machine != 'x86_64' and sys_platform == 'linux'     | FALSE | TRUE",
  })
  void theMachineDecides(String marker, Truth onX86, Truth onArm) {
    assertEquals(onX86, Markers.evaluate(marker, X86));
    assertEquals(onArm, Markers.evaluate(marker, ARM));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // and binds tighter than or: (F and T) or T, not F and (T or T).
      "os_name == 'nt' and sys_platform == 'linux' or python_version >= '3'   | TRUE",
      "os_name == 'nt' and (sys_platform == 'linux' or python_version >= '3') | FALSE",
      "python_version >= '3' or os_name == 'nt' and sys_platform == 'win32'   | TRUE",
      "(python_version >= '3' or os_name == 'nt') and sys_platform == 'win32' | FALSE",
      "((os_name == 'posix'))                                                 | TRUE",
      "(os_name == 'nt' or (sys_platform == 'linux' and (python_version < '4'))) and os_name == 'posix' | TRUE",
  })
  void andOrAndParentheses(String marker, Truth expected) {
    assertEquals(expected, Markers.evaluate(marker, X86), marker);
  }

  @Test
  void anExtraHoldsOnlyWhenAskedForInNormalForm() {
    String marker = "extra == 'Test_Utils'";
    assertEquals(Truth.FALSE, Markers.evaluate(marker, X86));
    assertEquals(Truth.TRUE, Markers.evaluate(marker, X86.withExtras(List.of("test-utils"))));
    assertEquals(Truth.TRUE, Markers.evaluate(marker, X86.withExtras(List.of("gpu", "TEST.utils"))));
    assertEquals(Truth.FALSE, Markers.evaluate(marker, X86.withExtras(List.of("gpu"))));
    // With none asked, extra is the empty string.
    assertEquals(Truth.TRUE, Markers.evaluate("extra == ''", X86));
    assertEquals(Truth.TRUE,
        Markers.evaluate("extra == 'gpu' and sys_platform == 'linux'", X86.withExtras(List.of("cli", "gpu"))));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "platform_release >= '5.0'                          | UNDECIDED",
      "platform_version == 'x'                            | UNDECIDED",
      // Decided without the unknown comparison:
      "os_name == 'nt' and platform_release >= '5.0'      | FALSE",
      "os_name == 'posix' or platform_release >= '5.0'    | TRUE",
      "os_name == 'posix' and platform_release >= '5.0'   | UNDECIDED",
      // ~= on what is not a version cannot be compared.
      "sys_platform ~= 'linux'                            | UNDECIDED",
  })
  void whatCannotBeKnownIsUndecided(String marker, Truth expected) {
    assertEquals(expected, Markers.evaluate(marker, X86), marker);
  }

  @Test
  void deepNestingIsWalkedWithoutRecursion() {
    String marker = "(".repeat(30_000) + "os_name == 'nt'" + ")".repeat(30_000) + " or sys_platform == 'linux'";
    assertEquals(Truth.TRUE, Markers.evaluate(marker, X86));
  }

  @Test
  void controlCharactersInAStringAreOnlyCompared() {
    assertEquals(Truth.FALSE, Markers.evaluate("sys_platform == 'lin\u0000ux\u001b'", X86));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sys_platform = 'linux'",
      "sys_platform == 'linux' and",
      "(sys_platform == 'linux'",
      "sys_platform == linux",
      "bogus == '1'",
      "sys_platform == 'linux\u0000' x\u001b[2J",
  })
  void aMalformedMarkerIsOneUsageLine(String marker) {
    CliException e = assertThrows(CliException.class, () -> Markers.evaluate(marker, X86));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith("invalid environment marker '"), e.getMessage());
    assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20 || c == 0x7f), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "3.13.1", "three", "3.13\n"})
  void thePythonVersionIsMajorDotMinor(String version) {
    CliException e = assertThrows(CliException.class, () -> MarkerEnvironment.linux(version, "x86_64"));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertFalse(e.getMessage().contains("\n"));
  }
}
