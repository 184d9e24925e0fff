package dev.comfypkgs.cli.adopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.comfypkgs.cli.requirements.MemoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A node's license, from its own words: SPDX identifiers, license texts, and where adopt looks. */
class LicensesTest {
  private static final String MIT = "MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby"
      + " granted, free of charge, to any person obtaining a copy\nof this software...";
  private static final String GPL3 = "                    GNU GENERAL PUBLIC LICENSE\n"
      + "                       Version 3, 29 June 2007\n\n Copyright (C) 2007 Free Software Foundation";
  private static final String GPL2 = "GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n";
  // The LGPL's text refers to the GPL by name and version: its own title must decide.
  private static final String LGPL3 = "GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n"
      + "This version of the GNU Lesser General Public License incorporates the terms and conditions"
      + " of version 3 of the GNU General Public License";
  private static final String AGPL3 = "GNU AFFERO GENERAL PUBLIC LICENSE\n Version 3, 19 November 2007";
  private static final String APACHE = "\n                                 Apache License\n"
      + "                           Version 2.0, January 2004\n        http://www.apache.org/licenses/";
  private static final String BSD = "Redistribution and use in source and binary forms, with or without"
      + " modification, are permitted provided that the following conditions are met:";

  private static String recognised(String text) {
    return Licenses.ofText(text.getBytes(StandardCharsets.UTF_8)).map(Licenses.Recognised::constant)
        .orElse(null);
  }

  @Test
  void licenseTextsAreRecognisedByTheirOwnPhrases() {
    assertEquals("MIT", recognised(MIT));
    assertEquals("MIT", recognised("# " + MIT.replace(" ", "\n# ")), "wrapped and commented");
    assertEquals("GPL3_ONLY", recognised(GPL3));
    assertEquals("GPL2_ONLY", recognised(GPL2));
    assertEquals("LGPL3_ONLY", recognised(LGPL3));
    assertEquals("AGPL3_ONLY", recognised(AGPL3));
    assertEquals("ASL20", recognised(APACHE));
    assertEquals("BSD3", recognised(BSD + " 3. Neither the name of the copyright holder nor..."));
    assertEquals("BSD2", recognised(BSD + " 1. Redistributions of source code must retain..."));
    assertEquals("ISC", recognised("ISC License\n\nPermission to use, copy, modify, and/or distribute"
        + " this software for any purpose with or without fee is hereby granted"));
    assertEquals("UNLICENSE", recognised("This is free and unencumbered software released into the"
        + " public domain."));
    assertEquals("MPL20", recognised("Mozilla Public License Version 2.0\n=================="));
  }

  @Test
  void theGnuTextsCannotSayOrLaterAndSaySo() {
    assertEquals("the license text cannot say whether later versions are allowed (the sources'"
        + " headers do)", Licenses.ofText(GPL3.getBytes(StandardCharsets.UTF_8)).orElseThrow().caveat());
    assertNull(Licenses.ofText(MIT.getBytes(StandardCharsets.UTF_8)).orElseThrow().caveat());
  }

  @Test
  void whatIsNotRecognisedIsNothingAndNeverAnException() {
    assertEquals(Optional.empty(), Licenses.ofText(new byte[0]));
    assertEquals(Optional.empty(), Licenses.ofText("All rights reserved.".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), Licenses.ofText("GNU General Public License, some version".getBytes(
        StandardCharsets.UTF_8)), "a GNU title without a version");
    assertEquals(Optional.empty(), Licenses.ofText("GNU General Public License version 9".getBytes(
        StandardCharsets.UTF_8)));
    byte[] hostile = new byte[4096];
    Arrays.fill(hostile, (byte) 0xff);
    hostile[0] = 0;
    assertEquals(Optional.empty(), Licenses.ofText(hostile));
  }

  @Test
  void spdxIdentifiersAreMatchedWithoutCase() {
    assertEquals(Optional.of("GPL3_PLUS"), Licenses.ofSpdx(" GPL-3.0-or-later "));
    assertEquals(Optional.of("GPL3_ONLY"), Licenses.ofSpdx("GPL-3.0"), "deprecated, still met");
    assertEquals(Optional.of("ASL20"), Licenses.ofSpdx("apache-2.0"));
    assertEquals(Optional.empty(), Licenses.ofSpdx("Proprietary"));
    assertEquals(Optional.empty(), Licenses.ofSpdx("MIT OR Apache-2.0"), "an expression is a human's call");
  }

  private MemoryFiles tree;

  private NodeReader.StatedLicense stated(Map<String, String> files) throws IOException {
    tree = MemoryFiles.archive(files);
    return NodeReader.read(tree).license();
  }

  @Test
  void theNodeSaysItsLicenseInPyprojectOrInALicenseFile() throws IOException {
    assertEquals(new NodeReader.StatedLicense("GPL3_PLUS", "pyproject.toml [project].license", null),
        stated(Map.of("pyproject.toml", "[project]\nname = \"n\"\nlicense = \"GPL-3.0-or-later\"\n",
            "LICENSE", MIT)), "the declared identifier wins over the file");
    assertEquals(new NodeReader.StatedLicense("ASL20", "pyproject.toml [project].license", null),
        stated(Map.of("pyproject.toml", "[project]\nlicense = {text = \"Apache-2.0\"}\n")));
    assertEquals(new NodeReader.StatedLicense("MIT", "docs/COPYING.MIT", null),
        stated(Map.of("pyproject.toml", "[project]\nlicense = {file = \"docs/COPYING.MIT\"}\n",
            "docs/COPYING.MIT", MIT)));
    assertEquals(new NodeReader.StatedLicense("GPL3_ONLY", "LICENSE.txt",
            "the license text cannot say whether later versions are allowed (the sources' headers do)"),
        stated(Map.of("LICENSE.txt", GPL3)));
    assertEquals(new NodeReader.StatedLicense("MIT", "LICENSE", null),
        stated(Map.of("pyproject.toml", "[project]\nlicense = \"Proprietary\"\n", "LICENSE", MIT)),
        "an identifier comfypkgs lacks falls back to the file");
    assertNull(stated(Map.of("README.md", "MIT licensed")));
  }

  @Test
  void aLicenseFileNamedOutsideTheTreeIsNeverRead() throws IOException {
    for (String outside : new String[] {"../../../etc/passwd", "/etc/passwd", "a/../../LICENSE", "",
        "LICENSE\u0000.txt"}) {
      String toml = "[project]\nlicense = {file = \"" + outside.replace("\u0000", "\\u0000") + "\"}\n";
      assertEquals(new NodeReader.StatedLicense("MIT", "LICENSE", null),
          stated(Map.of("pyproject.toml", toml, "LICENSE", MIT)), outside);
      assertEquals(Stream.of("requirements.txt", "pyproject.toml", "pyproject.toml", "LICENSE", "LICENSE",
          "install.py").map(Path::of).toList(), tree.asked, "only the tree's own files were asked for, for "
          + outside);
    }
  }
}
