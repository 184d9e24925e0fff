package dev.comfypkgs.processor.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * A recipe class as written: its element and the mirrors of each recipe annotation on it (by the
 * annotation's simple name, repeatables unwrapped), so a rule can point at what it checks.
 */
public final class Declaration {
  private final TypeElement element;
  private final Map<String, List<AnnotationMirror>> mirrors;
  private final Mirrors reader;

  Declaration(TypeElement element, Map<String, List<AnnotationMirror>> mirrors, Mirrors reader) {
    this.element = element;
    // In the order of RecipeReader's vocabulary, so findings come out in a stable order.
    this.mirrors = Collections.unmodifiableMap(new LinkedHashMap<>(mirrors));
    this.reader = reader;
  }

  public TypeElement element() {
    return element;
  }

  public String className() {
    return element.getQualifiedName().toString();
  }

  /** The mirrors of one annotation (by simple name, e.g. {@code "GitHub"}); empty when absent. */
  public List<AnnotationMirror> mirrors(String annotation) {
    return mirrors.getOrDefault(annotation, List.of());
  }

  public boolean has(String annotation) {
    return !mirrors(annotation).isEmpty();
  }

  /** The simple names of the recipe annotations on the class. */
  public Set<String> annotations() {
    return mirrors.keySet();
  }

  /** The class itself. */
  public Anchor anchor() {
    return Anchor.of(element);
  }

  /** The first {@code annotation} on the class. */
  public Anchor anchor(String annotation) {
    List<AnnotationMirror> m = mirrors(annotation);
    return m.isEmpty() ? anchor() : new Anchor(element, m.get(0), null);
  }

  /** One attribute of the first {@code annotation}. */
  public Anchor anchor(String annotation, String attribute) {
    List<AnnotationMirror> m = mirrors(annotation);
    return m.isEmpty() ? anchor() : anchor(m.get(0), attribute);
  }

  /** A given mirror as a whole. */
  public Anchor anchor(AnnotationMirror mirror) {
    return new Anchor(element, mirror, null, repeated(mirror, null, -1));
  }

  /** One attribute of a given mirror. */
  public Anchor anchor(AnnotationMirror mirror, String attribute) {
    return new Anchor(element, mirror, reader.value(mirror, attribute), repeated(mirror, attribute, -1));
  }

  /** One item of an array attribute of a given mirror. */
  public Anchor anchor(AnnotationMirror mirror, String attribute, int index) {
    return new Anchor(
        element, mirror, reader.item(mirror, attribute, index), repeated(mirror, attribute, index));
  }

  /** Source coordinates for a mirror that was unwrapped from a repeatable's container. */
  private Anchor.Repeated repeated(AnnotationMirror mirror, String attribute, int index) {
    for (Map.Entry<String, List<AnnotationMirror>> e : mirrors.entrySet()) {
      int occurrence = e.getValue().indexOf(mirror);
      if (occurrence >= 0 && e.getValue().size() > 1) {
        return new Anchor.Repeated(e.getKey(), occurrence, attribute, index);
      }
    }
    return null;
  }

  /** Reads values of this declaration's mirrors. */
  public String string(AnnotationMirror mirror, String attribute) {
    return reader.string(mirror, attribute);
  }

  public List<String> strings(AnnotationMirror mirror, String attribute) {
    return reader.strings(mirror, attribute);
  }

  /**
   * The attributes of the mirror's annotation that hold a string or an array of strings, read
   * from the annotation type itself: a check over them covers an attribute added later too.
   */
  public List<String> textAttributes(AnnotationMirror mirror) {
    return Mirrors.textAttributes(mirror);
  }

  public List<String> classNames(AnnotationMirror mirror, String attribute) {
    return reader.classNames(mirror, attribute);
  }

  public boolean explicit(AnnotationMirror mirror, String attribute) {
    return Mirrors.explicit(mirror, attribute);
  }
}
