package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comfypkgs.cli.fetch.JavaSourceEditor;
import org.junit.jupiter.api.Test;

/** The hash rewrite touches the literal and nothing else, and refuses what it cannot rewrite. */
class JavaSourceEditorTest {
  @Test
  void rewritesTheAttributeOfTheRightAnnotation() {
    String src = String.join("\n",
        "// @GitHub(hash = \"in a comment\")",
        "@PythonPackage(pname = \"x\", description = \"@GitHub(hash = \\\"in a string\\\")\")",
        "@GitHub(",
        "    owner = \"o\", // hash = \"trailing comment\"",
        "    repo = \"r\",",
        "    sourceRoot = \"hash\",",
        "    hash = \"\"  /* hash = \"block\" */)",
        "class X {}");
    String out = JavaSourceEditor.replaceString(src, "GitHub", "hash", "sha256-NEW=");
    assertEquals(src.replace("    hash = \"\"  /*", "    hash = \"sha256-NEW=\"  /*"), out);
  }

  @Test
  void qualifiedAnnotationNamesToo() {
    String src = "@dev.comfypkgs.annotations.PyPI(name = \"n\", hash = \"old\") class X {}";
    assertEquals("@dev.comfypkgs.annotations.PyPI(name = \"n\", hash = \"new\") class X {}",
        JavaSourceEditor.replaceString(src, "PyPI", "hash", "new"));
  }

  @Test
  void refusesConcatenationsAndMissingAttributes() {
    assertThrows(IllegalArgumentException.class, () -> JavaSourceEditor.replaceString(
        "@GitHub(hash = \"a\" + \"b\") class X {}", "GitHub", "hash", "x"));
    assertThrows(IllegalArgumentException.class, () -> JavaSourceEditor.replaceString(
        "@GitHub(owner = \"o\") class X {}", "GitHub", "hash", "x"));
    assertThrows(IllegalArgumentException.class, () -> JavaSourceEditor.replaceString(
        "class X {}", "GitHub", "hash", "x"));
  }
}
