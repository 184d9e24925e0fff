package dev.comfypkgs.processor.parse;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a diagnostic points: the element, and when known the annotation and the value within it,
 * so that javac and the IDE underline the exact attribute at fault.
 *
 * @param repeated for an annotation that sits in a repeatable's container, where it is in the
 *     source; javac cannot place such mirrors itself (it falls back to the class), so the
 *     diagnostic printer finds the tree from this
 */
public record Anchor(
    Element element, AnnotationMirror mirror, AnnotationValue value, Repeated repeated) {

  /** The {@code occurrence}-th {@code @annotation} on the class, and optionally one attribute item. */
  public record Repeated(String annotation, int occurrence, String attribute, int index) {}

  public Anchor(Element element, AnnotationMirror mirror, AnnotationValue value) {
    this(element, mirror, value, null);
  }

  public static Anchor of(Element element) {
    return new Anchor(element, null, null, null);
  }
}
