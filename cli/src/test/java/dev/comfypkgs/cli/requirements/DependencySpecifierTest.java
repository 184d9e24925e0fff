package dev.comfypkgs.cli.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator decides which version grammar applies, and a name ends at a word boundary: the
 * cases where reading the operator by hand and scanning ASCII names without the regex engine
 * could differ from packaging (each accepted or refused as packaging 24 does, checked with it).
 */
class DependencySpecifierTest {
  private final DependencySpecifier parser = new DependencySpecifier();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "foo===anything-goes+LOCAL.*  | foo",
      "foo~=1.0                     | foo",
      "foo==1.0.*                   | foo",
      "foo!=1.0+local.1             | foo",
      "foo==1.0+LOCAL               | foo",
      "foo<=1!2.0rc1.post2.dev3     | foo",
      "foo ( >=1 , <2 )             | foo",
      "a..b==1                      | a..b",
      "foo_[x , y]<2;python_version>'3' | foo_",
  })
  void acceptsWhatPackagingAccepts(String specifier, String name) throws Exception {
    assertEquals(name, parser.parse(specifier).name());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // ~= needs two release numbers; === is never read as == followed by "=1".
      "foo~=1          | Expected end or semicolon (after name and no valid version specifier) at column 4",
      "foo>=1.0.*      | .* suffix can only be used with `==` or `!=` operators at column 4",
      "foo>=1.0+local  | Local version label can only be used with `==` or `!=` operators at column 4",
      // The local-label check is case-sensitive, so an upper-case label fails later.
      "foo>=1.0+LOCAL  | Expected end or semicolon (after version specifier) at column 4",
      "foo<>1          | Expected end or semicolon (after name and no valid version specifier) at column 4",
      "foo=>1          | Expected end or semicolon (after name and no valid version specifier) at column 4",
      "foo.>=1         | Expected end or semicolon (after name and no valid version specifier) at column 4",
      // A letter or a combining mark after the name leaves no word boundary for it to end at.
      "fooé>=1         | Expected package name at the start of dependency specifier at column 1",
      "foo\u0301>=1    | Expected package name at the start of dependency specifier at column 1",
      "-foo            | Expected package name at the start of dependency specifier at column 1",
      "foo[x y]        | Expected comma between extra names at column 7",
  })
  void refusesWhatPackagingRefuses(String specifier, String message) {
    DependencySpecifier.SyntaxError e =
        assertThrows(DependencySpecifier.SyntaxError.class, () -> parser.parse(specifier));
    assertEquals(message, e.getMessage());
  }
}
