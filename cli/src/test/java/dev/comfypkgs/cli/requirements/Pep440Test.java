package dev.comfypkgs.cli.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Versions ordered and specifiers matched as packaging 24 does (each case checked with it). */
class Pep440Test {
  private static Pep440.Version v(String text) {
    return Pep440.Version.parse(text).orElseThrow(() -> new AssertionError("not a version: " + text));
  }

  @Test
  void versionsSortAsPackagingSortsThem() {
    List<String> ascending = List.of(
        "1.0.dev0", "1.0a1.dev1", "1.0a1", "1.0b2", "1.0rc1", "1.0", "1.0+abc", "1.0+abc.5",
        "1.0+5", "1.0.post1.dev0", "1.0.post1", "1.1", "1.10", "2!0.1");
    for (int i = 0; i + 1 < ascending.size(); i++) {
      String a = ascending.get(i);
      String b = ascending.get(i + 1);
      assertTrue(v(a).compareTo(v(b)) < 0, a + " < " + b);
      assertTrue(v(b).compareTo(v(a)) > 0, b + " > " + a);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1.0.0          | 1",
      "V1.0-ALPHA.1   | 1.0a1",
      "1.0c1          | 1.0rc1",
      "1.0-1          | 1.0.post1",
      "1.0rev         | 1.0.post0",
      "1.0.DEV        | 1.0.dev0",
      "01.002         | 1.2",
      "1.0+Ubuntu-1   | 1.0+ubuntu.1",
  })
  void equivalentSpellingsAreEqual(String spelled, String canonical) {
    assertEquals(v(canonical), v(spelled));
  }

  @Test
  void theCanonicalSpellingIsPackagings() {
    assertEquals("1!2.0rc1.post2.dev3+abc.4", v(" v1!2.0-RC1_post2.dev3+ABC-4 ").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.", "a1", "1.0-", "1.0+", "1..0", "1.0 2", "99999999999999999999"})
  void whatIsNotAVersionIsRefused(String text) {
    assertTrue(Pep440.Version.parse(text).isEmpty(), text);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      ">=1.26            | 1.26.4        | true",
      ">=1.26            | 1.25.2        | false",
      ">=1.0,<2          | 1.9.9         | true",
      ">=1.0,<2          | 2.0           | false",
      "''                | 0.1           | true",
      "==2.1.*           | 2.1.5         | true",
      "==2.1.*           | 2.10          | false",
      "==2.1.*           | 2.1           | true",
      "!=1.3.*           | 1.3.2         | false",
      "!=1.3.*           | 1.4           | true",
      "~=2.2             | 2.9           | true",
      "~=2.2             | 3.0           | false",
      "~=1.4.5           | 1.4.9         | true",
      "~=1.4.5           | 1.5.0         | false",
      "~=1.4.5           | 1.4.4         | false",
      "==1.0             | 1.0.0         | true",
      "==1.0             | 1.0+local     | true",
      "==1.0+local       | 1.0           | false",
      "<2.0              | 2.0rc1        | false",
      "<2.0              | 1.9           | true",
      ">1.0              | 1.0.post1     | false",
      ">1.0              | 1.0+local     | false",
      ">1.0.post1        | 1.0.post2     | true",
      ">1.0              | 1.1           | true",
      "<=2.0             | 2.0+local     | true",
      "===1.0            | 1.0           | true",
      "===1.0            | 1.0.0         | false",
      // Pre-releases only when a clause names one.
      ">=1.0             | 2.0b1         | false",
      ">=1.0b1           | 2.0b1         | true",
      "''                | 2.0.dev1      | false",
  })
  void specifiersContainWhatPackagingSays(String specifier, String version, boolean contained) {
    Pep440.Specifier s = Pep440.Specifier.parse(specifier).orElseThrow();
    assertEquals(contained, s.contains(v(version)), specifier + " contains " + version);
  }

  @Test
  void preReleasesMayBeAllowed() {
    assertTrue(Pep440.Specifier.parse(">=1.0").orElseThrow().contains(v("2.0b1"), true));
  }

  @ParameterizedTest
  @ValueSource(strings = {">=1.0.*", "~=1", "=1.0", ">=1.0,", "1.0", ">=abc", "<1.0+local"})
  void aClausePackagingRefusesIsNotASpecifier(String text) {
    assertTrue(Pep440.Specifier.parse(text).isEmpty(), text);
  }
}
