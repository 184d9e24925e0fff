package dev.comfypkgs.cli.adopt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which {@code License} constant a project's own words name: an SPDX identifier (PyPI's
 * {@code license_expression}, a {@code pyproject.toml}'s {@code [project].license}) or the text of
 * a license file, recognised by phrases that only its license has.
 */
final class Licenses {
  /** The files at a project's top that hold its license, in the order they are looked for. */
  static final List<Path> FILES = List.of("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENSE.rst",
      "LICENCE", "COPYING").stream().map(Path::of).toList();

  /** More than any license text; a longer file is read this far. */
  static final int MAX_TEXT_BYTES = 64 * 1024;

  private static final Map<String, String> SPDX = Map.ofEntries(
      Map.entry("mit", "MIT"), Map.entry("apache-2.0", "ASL20"), Map.entry("bsd-3-clause", "BSD3"),
      Map.entry("bsd-2-clause", "BSD2"), Map.entry("gpl-2.0-only", "GPL2_ONLY"),
      Map.entry("gpl-2.0-or-later", "GPL2_PLUS"), Map.entry("gpl-3.0-only", "GPL3_ONLY"),
      Map.entry("gpl-3.0-or-later", "GPL3_PLUS"), Map.entry("lgpl-3.0-only", "LGPL3_ONLY"),
      Map.entry("agpl-3.0-only", "AGPL3_ONLY"), Map.entry("mpl-2.0", "MPL20"), Map.entry("isc", "ISC"),
      Map.entry("psf-2.0", "PSFL"), Map.entry("unlicense", "UNLICENSE"),
      // SPDX's deprecated identifiers, still common in older metadata.
      Map.entry("gpl-2.0", "GPL2_ONLY"), Map.entry("gpl-2.0+", "GPL2_PLUS"), Map.entry("gpl-3.0", "GPL3_ONLY"),
      Map.entry("gpl-3.0+", "GPL3_PLUS"), Map.entry("lgpl-3.0", "LGPL3_ONLY"), Map.entry("agpl-3.0", "AGPL3_ONLY"));

  private static final Pattern VERSION = Pattern.compile("\\bversion (\\d)");

  /**
   * A license recognised in a file's text.
   *
   * @param constant the {@code License} constant
   * @param caveat what the text cannot tell and a human must check, else null
   */
  record Recognised(String constant, String caveat) {}

  private Licenses() {}

  /** The constant an SPDX identifier names (case-insensitively), if comfypkgs has it. */
  static Optional<String> ofSpdx(String identifier) {
    return Optional.ofNullable(SPDX.get(identifier.strip().toLowerCase(Locale.ROOT)));
  }

  /** The license whose text {@code bytes} (a file's first bytes) holds, if recognised. */
  static Optional<Recognised> ofText(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT)
        .replaceAll("[\\s*#>]+", " ");
    // The GNU texts name each other, so the narrower ones are tried first, each by its title.
    for (String[] gnu : new String[][] {
        {"gnu affero general public license", "AGPL"}, {"gnu lesser general public license", "LGPL"},
        {"gnu general public license", "GPL"}}) {
      int title = text.indexOf(gnu[0]);
      if (title >= 0) {
        return gnuVersion(gnu[1], text.substring(title));
      }
    }
    if (text.contains("apache license") && text.contains("version 2.0")) {
      return sure("ASL20");
    }
    if (text.contains("mozilla public license") && text.contains("2.0")) {
      return sure("MPL20");
    }
    if (text.contains("permission is hereby granted, free of charge")) {
      return sure("MIT");
    }
    if (text.contains("permission to use, copy, modify, and/or distribute this software for any purpose")) {
      return sure("ISC");
    }
    if (text.contains("this is free and unencumbered software released into the public domain")) {
      return sure("UNLICENSE");
    }
    if (text.contains("redistribution and use in source and binary forms")) {
      return sure(text.contains("neither the name") ? "BSD3" : "BSD2");
    }
    return Optional.empty();
  }

  private static Optional<Recognised> gnuVersion(String family, String fromTitle) {
    Matcher version = VERSION.matcher(fromTitle);
    if (!version.find()) {
      return Optional.empty();
    }
    String constant = switch (family + version.group(1)) {
      case "AGPL3" -> "AGPL3_ONLY";
      case "LGPL3" -> "LGPL3_ONLY";
      case "GPL3" -> "GPL3_ONLY";
      case "GPL2" -> "GPL2_ONLY";
      default -> null;
    };
    return constant == null ? Optional.empty() : Optional.of(new Recognised(constant,
        "the license text cannot say whether later versions are allowed (the sources' headers do)"));
  }

  private static Optional<Recognised> sure(String constant) {
    return Optional.of(new Recognised(constant, null));
  }
}
