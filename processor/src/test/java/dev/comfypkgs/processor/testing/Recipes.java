package dev.comfypkgs.processor.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.comfypkgs.processor.RecipeProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;

/** Builds recipe sources for compile-testing and compiles them with the processor. */
public final class Recipes {
  private Recipes() {}

  /** A class {@code test.<name>} with every annotation import, the given lines above it. */
  public static JavaFileObject recipe(String name, String... annotationLines) {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("");
    lines.add("import dev.comfypkgs.annotations.*;");
    // A single-type import: on demand, Runtime is ambiguous with java.lang.Runtime.
    lines.add("import dev.comfypkgs.annotations.Runtime;");
    lines.add("");
    lines.addAll(Arrays.asList(annotationLines));
    lines.add("public final class " + name + " {}");
    return JavaFileObjects.forSourceLines("test." + name, lines);
  }

  /** The runtime declaration most fixtures need. */
  public static JavaFileObject runtime() {
    return recipe("TheRuntime", "@Runtime(provides = {\"torch\", \"torchvision\", \"kornia\", \"transformers\"})");
  }

  /** A minimal valid clean package, named after {@code pname}. */
  public static JavaFileObject clean(String className, String pname) {
    return recipe(
        className,
        "@PythonPackage(",
        "    pname = \"" + pname + "\",",
        "    version = \"1.0.0\",",
        "    description = \"A test package\",",
        "    homepage = \"https://example.org/\",",
        "    license = License.MIT)",
        "@GitHub(",
        "    owner = \"example\",",
        "    repo = \"" + pname + "\",",
        "    tag = \"v1.0.0\",",
        "    hash = \"sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\")",
        "@BuildSystem(\"setuptools\")");
  }

  public static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  public static Compilation compile(List<String> options, JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(new RecipeProcessor())
        .withOptions(options)
        .compile(sources);
  }
}
