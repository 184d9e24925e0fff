package dev.comfypkgs.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.comfypkgs.annotations.License;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The License enum cannot produce one of nixpkgs' deprecated {@code lib.licenses} aliases. */
class LicenseNamesTest {
  /**
   * nixpkgs' {@code lib/licenses.nix} marks these {@code deprecated = true}: GNU licences named
   * without saying "only" or "or later".
   */
  private static final Set<String> DEPRECATED_ALIASES =
      Set.of("agpl3", "fdl11", "fdl12", "fdl13", "gpl1", "gpl2", "gpl3", "lgpl2", "lgpl21", "lgpl3");

  /** The same family in general: a GNU licence with a version and no {@code Only}/{@code Plus}. */
  private static final Pattern PLAIN_GNU_NAME = Pattern.compile("(a|l)?gpl\\d+|fdl\\d+");

  @Test
  void noConstantMapsToADeprecatedAlias() {
    for (License license : License.values()) {
      String name = license.nixName();
      assertFalse(DEPRECATED_ALIASES.contains(name), license + " maps to deprecated lib.licenses." + name);
      assertFalse(PLAIN_GNU_NAME.matcher(name).matches(),
          license + " maps to lib.licenses." + name + ", which does not say Only or Plus");
    }
  }
}
