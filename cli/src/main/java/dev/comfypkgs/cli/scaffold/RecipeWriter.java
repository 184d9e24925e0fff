package dev.comfypkgs.cli.scaffold;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;

/**
 * Writes a {@link RecipeSpec} as a recipe class, in the repository's annotation order (the head
 * annotation, the source, then BuildSystem, Bundle, Requires, TorchAgnostic, Replaces, Platforms,
 * SmokeImport). {@code new} and {@code adopt} both write through it, so a recipe reads the same
 * whichever command wrote it.
 */
public final class RecipeWriter {
  private static final String ANNOTATIONS = "dev.comfypkgs.annotations";

  private RecipeWriter() {}

  /** The recipe as a Java file, two-space indented. */
  public static JavaFile javaFile(RecipeSpec spec) {
    return JavaFile.builder(spec.packageName(), type(spec))
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  /** {@code comfyui-open-clip-torch} becomes {@code ComfyuiOpenClipTorch}. */
  public static String classNameOf(String attr) {
    StringBuilder out = new StringBuilder();
    for (String part : attr.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    String name = out.toString();
    return name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) ? "Recipe" + name : name;
  }

  private static TypeSpec type(RecipeSpec spec) {
    AnnotationSpec.Builder head = AnnotationSpec.builder(annotation(spec.kind().annotation))
        .addMember("pname", "$S", spec.pname());
    if (!spec.pname().equals(spec.attr())) {
      head.addMember("attr", "$S", spec.attr());
    }
    head.addMember("version", "$S", spec.version())
        .addMember("description", "$S", spec.description())
        .addMember("homepage", "$S", spec.homepage())
        .addMember("license", "$T.$L", annotation("License"), spec.license());
    if (!spec.directory().isEmpty()) {
      head.addMember("directory", "$S", spec.directory());
    }
    TypeSpec.Builder type = TypeSpec.classBuilder(spec.className())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc(spec.javadoc().endsWith("\n") ? spec.javadoc() : spec.javadoc() + "\n")
        .addAnnotation(head.build())
        .addAnnotation(source(spec.source()));
    if (!spec.buildSystem().isEmpty()) {
      type.addAnnotation(single("BuildSystem", strings(spec.buildSystem())));
    }
    for (RecipeSpec.BundleSpec bundle : spec.bundles()) {
      AnnotationSpec.Builder b = AnnotationSpec.builder(annotation("Bundle"))
          .addMember("value", strings(bundle.names()));
      if (!bundle.systems().isEmpty()) {
        b.addMember("systems", platforms(bundle.systems()));
      }
      type.addAnnotation(b.build());
    }
    if (!spec.requires().isEmpty()) {
      type.addAnnotation(single("Requires", list("$T.class", spec.requires())));
    }
    if (!spec.torchRemove().isEmpty()) {
      type.addAnnotation(AnnotationSpec.builder(annotation("TorchAgnostic"))
          .addMember("remove", strings(spec.torchRemove())).build());
    }
    if (!spec.replaces().isEmpty()) {
      type.addAnnotation(single("Replaces", strings(spec.replaces())));
    }
    if (!spec.platforms().isEmpty()) {
      type.addAnnotation(single("Platforms", platforms(spec.platforms())));
    }
    if (!spec.smokeImports().isEmpty()) {
      type.addAnnotation(single("SmokeImport", strings(spec.smokeImports())));
    }
    return type.build();
  }

  private static AnnotationSpec source(RecipeSpec.Source source) {
    if (source instanceof RecipeSpec.GitHubSource g) {
      return AnnotationSpec.builder(annotation("GitHub"))
          .addMember("owner", "$S", g.owner())
          .addMember("repo", "$S", g.repo())
          .addMember(g.tag() != null ? "tag" : "rev", "$S", g.ref())
          .addMember("hash", "$S", g.hash())
          .build();
    }
    RecipeSpec.PyPISource p = (RecipeSpec.PyPISource) source;
    AnnotationSpec.Builder b = AnnotationSpec.builder(annotation("PyPI")).addMember("name", "$S", p.name());
    if (p.version() != null && !p.version().isEmpty()) {
      b.addMember("version", "$S", p.version());
    }
    return b.addMember("hash", "$S", p.hash()).build();
  }

  private static AnnotationSpec single(String simpleName, CodeBlock value) {
    return AnnotationSpec.builder(annotation(simpleName)).addMember("value", value).build();
  }

  private static ClassName annotation(String simpleName) {
    return ClassName.get(ANNOTATIONS, simpleName);
  }

  private static CodeBlock strings(List<String> values) {
    return list("$S", values);
  }

  private static CodeBlock platforms(List<String> constants) {
    return list("$T.$L", constants.stream().map(c -> new Object[] {annotation("Platform"), c}).toList());
  }

  /**
   * An annotation array of {@code values}, each formatted by {@code format}; a single value without
   * braces. An element is one argument, or an {@code Object[]} of the format's arguments.
   */
  private static CodeBlock list(String format, List<?> values) {
    CodeBlock.Builder b = CodeBlock.builder().add(values.size() == 1 ? "" : "{");
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      b.add(i == 0 ? format : ", " + format, v instanceof Object[] args ? args : new Object[] {v});
    }
    return b.add(values.size() == 1 ? "" : "}").build();
  }
}
