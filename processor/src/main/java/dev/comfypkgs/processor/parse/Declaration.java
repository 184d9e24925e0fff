package dev.comfypkgs.processor.parse;

import dev.comfypkgs.processor.model.AnnotationUse;
import dev.comfypkgs.processor.model.Location;
import dev.comfypkgs.processor.model.RecipeDeclaration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * A recipe class as the compiler gives it: its element and the mirrors of each recipe annotation
 * on it (by the annotation's simple name, repeatables unwrapped). The model reads values from it,
 * and it keeps the anchor index: {@link #resolve} turns a rule's {@link Location} back into what
 * javac needs to underline. Rules see only its compiler-free {@link #declared() view}.
 */
public final class Declaration {
  private final TypeElement element;
  private final Map<String, List<AnnotationMirror>> mirrors;
  private final Mirrors reader;
  private final RecipeDeclaration declared;

  Declaration(TypeElement element, Map<String, List<AnnotationMirror>> mirrors, Mirrors reader) {
    this.element = element;
    // In the order of RecipeReader's vocabulary, so findings come out in a stable order.
    this.mirrors = Collections.unmodifiableMap(new LinkedHashMap<>(mirrors));
    this.reader = reader;
    Map<String, List<AnnotationUse>> uses = new LinkedHashMap<>();
    this.mirrors.forEach((annotation, list) -> {
      List<AnnotationUse> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        AnnotationMirror m = list.get(i);
        out.add(new AnnotationUse(annotation, i, reader.plainValues(m), Mirrors.explicitAttributes(m),
            Mirrors.textAttributes(m)));
      }
      uses.put(annotation, List.copyOf(out));
    });
    this.declared = new RecipeDeclaration(
        element.getQualifiedName().toString(), element.getSimpleName().toString(), uses);
  }

  /** The declaration as rules read it, without compiler types. */
  public RecipeDeclaration declared() {
    return declared;
  }

  public String className() {
    return declared.className();
  }

  /** The mirrors of one annotation (by simple name, e.g. {@code "GitHub"}); empty when absent. */
  List<AnnotationMirror> mirrors(String annotation) {
    return mirrors.getOrDefault(annotation, List.of());
  }

  boolean has(String annotation) {
    return !mirrors(annotation).isEmpty();
  }

  /** What javac needs to place a diagnostic at {@code location}, a location on this class. */
  Anchor resolve(Location location) {
    if (location.annotation() == null) {
      return Anchor.of(element);
    }
    AnnotationMirror mirror = mirrors(location.annotation()).get(location.occurrence());
    String attribute = location.attribute();
    int index = location.index();
    Anchor.Repeated repeated =
        mirrors(location.annotation()).size() > 1
            ? new Anchor.Repeated(location.annotation(), location.occurrence(), attribute, index)
            : null;
    AnnotationValue value =
        attribute == null
            ? null
            : index < 0 ? reader.value(mirror, attribute) : reader.item(mirror, attribute, index);
    return new Anchor(element, mirror, value, repeated);
  }
}
