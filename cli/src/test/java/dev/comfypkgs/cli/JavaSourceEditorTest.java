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

  @Test
  void theValueOfASingleElementAnnotationInEitherForm() {
    String src = String.join("\n",
        "/** Pins @ComfyUIRelease(\"0.1.0\") in a comment. */",
        "@Runtime(provides = {\"torch\"})",
        "@ComfyUIRelease( /* the release */ \"0.13.0\" )",
        "class X {}");
    assertEquals(1, JavaSourceEditor.count(src, "ComfyUIRelease"));
    assertEquals("0.13.0", JavaSourceEditor.stringValue(src, "ComfyUIRelease", "value"));
    assertEquals(src.replace("\"0.13.0\"", "\"0.13.3\""),
        JavaSourceEditor.replaceString(src, "ComfyUIRelease", "value", "0.13.3"));
    String named = "@dev.comfypkgs.annotations.ComfyUIRelease(value = \"0.13.0\") class X {}";
    assertEquals("@dev.comfypkgs.annotations.ComfyUIRelease(value = \"0.14.0\") class X {}",
        JavaSourceEditor.replaceString(named, "ComfyUIRelease", "value", "0.14.0"));
    assertEquals(0, JavaSourceEditor.count("// @ComfyUIRelease(\"1\")\nclass X {}", "ComfyUIRelease"));
  }

  @Test
  void refusesAValueThatIsNotOneLiteral() {
    assertThrows(IllegalArgumentException.class, () -> JavaSourceEditor.replaceString(
        "@ComfyUIRelease(\"0.13\" + \".0\") class X {}", "ComfyUIRelease", "value", "x"));
    assertThrows(IllegalArgumentException.class, () -> JavaSourceEditor.replaceString(
        "@ComfyUIRelease(Releases.CURRENT) class X {}", "ComfyUIRelease", "value", "x"));
  }
}
