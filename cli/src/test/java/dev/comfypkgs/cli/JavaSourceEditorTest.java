package dev.comfypkgs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comfypkgs.cli.fetch.JavaSourceEditor;
import org.junit.jupiter.api.Test;

/**
 * Each edit touches the code it names and nothing else: text that looks like it in comments and
 * strings is left alone, and an addition made twice is made once.
 */
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

  private static final String RECIPE = String.join("\n",
      "package adopt;",
      "",
      "import dev.comfypkgs.annotations.Bundle;",
      "import dev.comfypkgs.annotations.PythonPackage;",
      "",
      "/**",
      " * Not a public final class: @Requires(Timm.class) in a comment.",
      " */",
      "@PythonPackage(pname = \"x\", description = \"@Requires(Timm.class) public final class Y\")",
      "// @Requires(Old.class)",
      "@Bundle({\"numpy\", \"pillow\"}) // \"scipy\" later",
      "public final class X {",
      "  /* @Requires(Inner.class) */ static final String S = \"class Z\";",
      "}");

  @Test
  void anAnnotationGoesOnItsOwnLineBeforeTheModifiersOnce() {
    String out = JavaSourceEditor.insertBeforeType(RECIPE, "@Requires(Timm.class)");
    assertEquals(RECIPE.replace("public final class X {", "@Requires(Timm.class)\npublic final class X {"), out);
    assertEquals(out, JavaSourceEditor.insertBeforeType(out, "@Requires(Timm.class)"));
    // A longer annotation that merely starts with the text is another one.
    String longer = "@RequiresMore\nclass X {}";
    assertEquals("@RequiresMore\n@Requires\nclass X {}", JavaSourceEditor.insertBeforeType(longer, "@Requires"));
  }

  @Test
  void theTypeIsFoundPastNamesThatLookLikeItsKeyword() {
    String src = String.join("\n",
        "import record.Timm;",
        "",
        "@Requires(Timm.class) // the final",
        "  final @interface A {}");
    assertEquals(src.replace("  final @interface", "  @Bundle(\"numpy\")\n  final @interface"),
        JavaSourceEditor.insertBeforeType(src, "@Bundle(\"numpy\")"));
    assertEquals("@A @B public class X {}", JavaSourceEditor.insertBeforeType("@A public class X {}", "@B"));
    assertEquals("@B\nrecord R(int a) {}", JavaSourceEditor.insertBeforeType("record R(int a) {}", "@B"));
    assertThrows(IllegalArgumentException.class,
        () -> JavaSourceEditor.insertBeforeType("// class X {}\n", "@B"));
  }

  @Test
  void anElementIsAppendedToTheArrayInCodeNotToLookalikes() {
    String out = JavaSourceEditor.appendToArray(RECIPE, "Bundle", "\"scipy\"");
    assertEquals(RECIPE.replace("@Bundle({\"numpy\", \"pillow\"})", "@Bundle({\"numpy\", \"pillow\", \"scipy\"})"), out);
    assertEquals(out, JavaSourceEditor.appendToArray(out, "Bundle", "\"scipy\""));
    assertEquals(out, JavaSourceEditor.appendToArray(out, "Bundle", "\"numpy\""));
  }

  @Test
  void aSingleValueBecomesAnArray() {
    String src = "@Requires(Timm.class)\n@Bundle(\"numpy\")\nclass X {}";
    String out = JavaSourceEditor.appendToArray(src, "Requires", "Alpha.class");
    assertEquals("@Requires({Timm.class, Alpha.class})\n@Bundle(\"numpy\")\nclass X {}", out);
    assertEquals(out, JavaSourceEditor.appendToArray(out, "Requires", "Alpha.class"));
    assertEquals(src, JavaSourceEditor.appendToArray(src, "Requires", "Timm.class"));
  }

  @Test
  void theNamedValueIsTheOneThatGrows() {
    assertEquals("@Bundle(value = {\"a\", \"b\"}, systems = Platform.LINUX) class X {}",
        JavaSourceEditor.appendToArray("@Bundle(value = {\"a\"}, systems = Platform.LINUX) class X {}", "Bundle", "\"b\""));
    assertEquals("@Bundle(systems = {Platform.LINUX}, value = {\"a\", \"b\"}) class X {}",
        JavaSourceEditor.appendToArray("@Bundle(systems = {Platform.LINUX}, value = \"a\") class X {}", "Bundle", "\"b\""));
    assertEquals("@Bundle(value = \"b\", systems = Platform.LINUX) class X {}",
        JavaSourceEditor.appendToArray("@Bundle(systems = Platform.LINUX) class X {}", "Bundle", "\"b\""));
  }

  @Test
  void emptyValuesAndMultiLineArrays() {
    assertEquals("@Requires({A.class}) class X {}", JavaSourceEditor.appendToArray("@Requires({}) class X {}", "Requires", "A.class"));
    assertEquals("@Requires(A.class) class X {}", JavaSourceEditor.appendToArray("@Requires() class X {}", "Requires", "A.class"));
    assertEquals("@dev.x.Requires(A.class) class X {}",
        JavaSourceEditor.appendToArray("@dev.x.Requires class X {}", "Requires", "A.class"));
    String src = String.join("\n",
        "@Bundle({",
        "    \"numpy\",",
        "    \"pillow\", // \"scipy\" too, one day",
        "})",
        "class X {}");
    String out = JavaSourceEditor.appendToArray(src, "Bundle", "\"scipy\"");
    assertEquals(src.replace("    \"pillow\",", "    \"pillow\",\n    \"scipy\","), out);
    assertEquals(out, JavaSourceEditor.appendToArray(out, "Bundle", "\"scipy\""));
    assertThrows(IllegalArgumentException.class, () -> JavaSourceEditor.appendToArray(
        "// @Bundle(\"a\")\n@BundleList class X {}", "Bundle", "\"b\""));
  }

  @Test
  void anImportIsAddedInOrderOnce() {
    String out = JavaSourceEditor.ensureImport(RECIPE, "dev.comfypkgs.annotations.Requires");
    assertEquals(RECIPE.replace("PythonPackage;\n", "PythonPackage;\nimport dev.comfypkgs.annotations.Requires;\n"), out);
    assertEquals(out, JavaSourceEditor.ensureImport(out, "dev.comfypkgs.annotations.Requires"));
    assertEquals(RECIPE.replace("import dev.comfypkgs.annotations.Bundle;",
            "import dev.comfypkgs.annotations.Agnostic;\nimport dev.comfypkgs.annotations.Bundle;"),
        JavaSourceEditor.ensureImport(RECIPE, "dev.comfypkgs.annotations.Agnostic"));
    assertEquals(RECIPE, JavaSourceEditor.ensureImport(RECIPE, "dev.comfypkgs.annotations.Bundle"));
    assertEquals(RECIPE, JavaSourceEditor.ensureImport(RECIPE, "adopt.Timm"), "same package");
    String wildcard = "import dev.comfypkgs.annotations.*;\nclass X {}";
    assertEquals(wildcard, JavaSourceEditor.ensureImport(wildcard, "dev.comfypkgs.annotations.Requires"));
  }

  @Test
  void importsInCommentsDoNotCountAndTheFirstImportFollowsThePackage() {
    assertEquals("package p;\n\nimport a.B;\n\n// import a.B;\nclass X {}",
        JavaSourceEditor.ensureImport("package p;\n\n// import a.B;\nclass X {}", "a.B"));
    assertEquals("import static a.C.f;\n\nimport a.B;\nclass X {}",
        JavaSourceEditor.ensureImport("import static a.C.f;\nclass X {}", "a.B"));
    assertEquals("import a.B;\n\nclass X {}", JavaSourceEditor.ensureImport("class X {}", "a.B"));
  }

  @Test
  void anImportThatWouldClashOrIsNoClassNameIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> JavaSourceEditor.ensureImport("import other.Timm;\nclass X {}", "adopt.Timm"));
    for (String bad : java.util.List.of("Timm", "a b.C", "a.B;import x.Y", "a..B", "")) {
      assertThrows(IllegalArgumentException.class, () -> JavaSourceEditor.ensureImport("class X {}", bad), bad);
    }
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
