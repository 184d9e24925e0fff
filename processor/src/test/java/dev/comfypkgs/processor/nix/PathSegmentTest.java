package dev.comfypkgs.processor.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CPK005 accepts a vendored file as segments of {@link NixNames#PATH_SEGMENT}, and the emitter
 * writes it after the layout's relative prefix as a {@link Nix.PathLit}: the two grammars are one,
 * so whatever passes the rule is a literal the printer can write, and whatever does not is not.
 */
class PathSegmentTest {
  private static final Pattern VENDORED_FILE =
      Pattern.compile("(" + NixNames.PATH_SEGMENT + "/)*" + NixNames.PATH_SEGMENT);

  @ParameterizedTest
  @ValueSource(strings = {"a.whl", "wheels/x+y_z-1.0-py3-none-any.whl", "a/b/c.tar.gz", "..x", "a/./b",
      "a b", "a//b", "a/", "x$y", "é.whl", "a\\b", "a;b", ""})
  void aVendoredFileIsAPathLiteralExactlyWhenTheRuleAcceptsIt(String file) {
    assertEquals(VENDORED_FILE.matcher(file).matches(), Nix.PathLit.isValid("../../sources/" + file), file);
  }
}
