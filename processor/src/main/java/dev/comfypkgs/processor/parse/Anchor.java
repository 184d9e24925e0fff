package dev.comfypkgs.processor.parse;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a diagnostic points: the element, and when known the annotation and the value within it,
 * so that javac and the IDE underline the exact attribute at fault.
 */
public record Anchor(Element element, AnnotationMirror mirror, AnnotationValue value) {
  public static Anchor of(Element element) {
    return new Anchor(element, null, null);
  }
}
