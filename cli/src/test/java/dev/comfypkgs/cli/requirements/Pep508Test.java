package dev.comfypkgs.cli.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a dependency specifier states, as PyPI's requires_dist entries spell them. */
class Pep508Test {
  @Test
  void extrasSpecifierAndMarkerAreKept() throws Exception {
    Pep508.Dependency d = Pep508.parse("Foo_Bar [ Cli , test ] >= 1.0 , < 2 ; extra == \"gpu\" and python_version<'3.12' ");
    assertEquals("Foo_Bar", d.name());
    assertEquals(List.of("Cli", "test"), d.extras());
    assertEquals(">=1.0,<2", d.specifier());
    assertNull(d.url());
    assertEquals("extra == \"gpu\" and python_version<'3.12'", d.marker());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // The old parenthesised form PyPI still serves for many projects.
      "requests (>=2.0,<3)         | requests | >=2.0,<3",
      "numpy                       | numpy    | ''",
      "torch===2.1.0+cu121         | torch    | ===2.1.0+cu121",
      "scipy ~= 1.10 ; python_version >= '3.9' | scipy | ~=1.10",
  })
  void theSpecifierIsTheVersionClauses(String text, String name, String specifier) throws Exception {
    Pep508.Dependency d = Pep508.parse(text);
    assertEquals(name, d.name());
    assertEquals(specifier, d.specifier());
  }

  @Test
  void aDirectReferenceKeepsItsUrlAndMarker() throws Exception {
    Pep508.Dependency d = Pep508.parse("fancy @ git+https://github.com/a/b.git@v1 ; sys_platform == 'linux'");
    assertEquals("git+https://github.com/a/b.git@v1", d.url());
    assertEquals("", d.specifier());
    assertEquals("sys_platform == 'linux'", d.marker());
    assertTrue(d.extras().isEmpty());
  }

  @Test
  void noMarkerIsNull() throws Exception {
    assertNull(Pep508.parse("einops>=0.6").marker());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "foo ; python_version = '3'     | Expected marker operator",
      "foo ; (python_version > '3'    | Expected matching RIGHT_PARENTHESIS",
      "foo ; bogus_var == '3'         | Expected a marker variable or quoted string",
      "foo[x y]                       | Expected comma between extra names",
  })
  void aMalformedEntryIsOneLineSayingWhy(String text, String reason) {
    Pep508.InvalidDependency e = assertThrows(Pep508.InvalidDependency.class, () -> Pep508.parse(text));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void controlCharactersAreEscapedInTheMessage() {
    Pep508.InvalidDependency e = assertThrows(Pep508.InvalidDependency.class,
        () -> Pep508.parse("fo\u0000o\u001b[31m ; os_name == 'x'"));
    assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), e.getMessage());
    assertTrue(e.getMessage().contains("\\x00"), e.getMessage());
  }

  @Test
  void aDeeplyNestedMarkerIsReadWithoutRecursion() throws Exception {
    String marker = "(".repeat(20_000) + "os_name == 'posix'" + ")".repeat(20_000);
    assertEquals(marker, Pep508.parse("foo; " + marker).marker());
  }

  @Test
  void aHugeEntryIsRefusedUnread() {
    Pep508.InvalidDependency e = assertThrows(Pep508.InvalidDependency.class,
        () -> Pep508.parse("a".repeat(Pep508.MAX_LENGTH + 1)));
    assertTrue(e.getMessage().contains("not read"), e.getMessage());
  }
}
