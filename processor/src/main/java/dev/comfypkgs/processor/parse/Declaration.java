package dev.comfypkgs.processor.parse;

import dev.comfypkgs.processor.model.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;
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

  /** The class's simple name, as messages name a recipe. */
  public String simpleName() {
    return element.getSimpleName().toString();
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
  public Location anchor() {
    return Location.of(className());
  }

  /** The first {@code annotation} on the class. */
  public Location anchor(String annotation) {
    return has(annotation) ? new Location(className(), annotation, 0, null, -1) : anchor();
  }

  /** One attribute of the first {@code annotation}. */
  public Location anchor(String annotation, String attribute) {
    return has(annotation) ? new Location(className(), annotation, 0, attribute, -1) : anchor();
  }

  /** A given mirror as a whole. */
  public Location anchor(AnnotationMirror mirror) {
    return anchor(mirror, null, -1);
  }

  /** One attribute of a given mirror. */
  public Location anchor(AnnotationMirror mirror, String attribute) {
    return anchor(mirror, attribute, -1);
  }

  /** One item of an array attribute of a given mirror. */
  public Location anchor(AnnotationMirror mirror, String attribute, int index) {
    for (Map.Entry<String, List<AnnotationMirror>> e : mirrors.entrySet()) {
      int occurrence = e.getValue().indexOf(mirror);
      if (occurrence >= 0) {
        return new Location(className(), e.getKey(), occurrence, attribute, index);
      }
    }
    throw new IllegalArgumentException(mirror + " is not on " + className());
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
