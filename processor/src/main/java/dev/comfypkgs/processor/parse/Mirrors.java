package dev.comfypkgs.processor.parse;

import dev.comfypkgs.processor.model.AnnotationUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads annotation values through mirrors rather than reflection: class literals are only
 * available as {@link TypeMirror}s at compile time, and mirrors are what diagnostics anchor on.
 * Values are read once, into {@link AnnotationUse}s; the mirrors' own values serve to anchor.
 */
final class Mirrors {
  private final Elements elements;
  // getElementValuesWithDefaults builds a new map on every call: one map per mirror, read for its
  // plain values and again for each finding anchored on it.
  private final Map<AnnotationMirror, Map<String, AnnotationValue>> values = new java.util.IdentityHashMap<>();

  Mirrors(Elements elements) {
    this.elements = elements;
  }

  /** Every mirror of {@code annotation} on the element, unwrapping a repeatable's container. */
  List<AnnotationMirror> all(Element element, Class<?> annotation, Class<?> container) {
    List<AnnotationMirror> out = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String name = qualifiedName(mirror);
      if (name.equals(annotation.getCanonicalName())) {
        out.add(mirror);
      } else if (container != null && name.equals(container.getCanonicalName())) {
        for (AnnotationValue nested : list(value(mirror, "value"))) {
          out.add((AnnotationMirror) nested.getValue());
        }
      }
    }
    return out;
  }

  static String qualifiedName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  /** Every attribute's value by name, defaults included. */
  private Map<String, AnnotationValue> values(AnnotationMirror mirror) {
    return values.computeIfAbsent(mirror, m -> {
      Map<String, AnnotationValue> out = new java.util.HashMap<>();
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
          elements.getElementValuesWithDefaults(m).entrySet()) {
        out.put(e.getKey().getSimpleName().toString(), e.getValue());
      }
      return out;
    });
  }

  /** The value of {@code attribute}, its default included. */
  AnnotationValue value(AnnotationMirror mirror, String attribute) {
    AnnotationValue v = values(mirror).get(attribute);
    if (v == null) {
      throw new IllegalArgumentException("no attribute " + attribute + " on " + mirror);
    }
    return v;
  }

  /**
   * Every attribute's value, defaults included, as plain Java values: strings and boxed
   * primitives as they are, class literals as {@link AnnotationUse.ClassRef}, enum constants as
   * {@link AnnotationUse.EnumConstant}, arrays as lists.
   */
  Map<String, Object> plainValues(AnnotationMirror mirror) {
    Map<String, Object> out = new java.util.HashMap<>();
    values(mirror).forEach((name, value) -> out.put(name, plain(value.getValue())));
    return out;
  }

  private static Object plain(Object value) {
    if (value instanceof List<?> items) {
      List<Object> out = new ArrayList<>();
      for (Object item : items) {
        out.add(plain(((AnnotationValue) item).getValue()));
      }
      return out;
    }
    if (value instanceof DeclaredType type) {
      return new AnnotationUse.ClassRef(((TypeElement) type.asElement()).getQualifiedName().toString());
    }
    if (value instanceof TypeMirror) {
      return new AnnotationUse.ClassRef("");
    }
    if (value instanceof VariableElement constant) {
      return new AnnotationUse.EnumConstant(constant.getSimpleName().toString());
    }
    if (value instanceof AnnotationMirror nested) {
      return nested.toString(); // no recipe annotation nests another beyond repeatable containers
    }
    return value;
  }

  /** Names of the attributes the source wrote. */
  static java.util.Set<String> explicitAttributes(AnnotationMirror mirror) {
    java.util.Set<String> out = new java.util.HashSet<>();
    mirror.getElementValues().keySet().forEach(k -> out.add(k.getSimpleName().toString()));
    return out;
  }

  /** The attributes of the mirror's annotation whose type is {@code String} or {@code String[]}. */
  static List<String> textAttributes(AnnotationMirror mirror) {
    List<String> out = new ArrayList<>();
    for (ExecutableElement method :
        ElementFilter.methodsIn(mirror.getAnnotationType().asElement().getEnclosedElements())) {
      TypeMirror type = method.getReturnType();
      if (type instanceof ArrayType array) {
        type = array.getComponentType();
      }
      if (type instanceof DeclaredType declared
          && ((TypeElement) declared.asElement())
              .getQualifiedName()
              .contentEquals(String.class.getName())) {
        out.add(method.getSimpleName().toString());
      }
    }
    return out;
  }

  /** The array element at {@code index}, for pointing a diagnostic at one item. */
  AnnotationValue item(AnnotationMirror mirror, String attribute, int index) {
    List<? extends AnnotationValue> items = list(value(mirror, attribute));
    return index < items.size() ? items.get(index) : value(mirror, attribute);
  }

  @SuppressWarnings("unchecked")
  static List<? extends AnnotationValue> list(AnnotationValue value) {
    Object v = value.getValue();
    return v instanceof List<?> l ? (List<? extends AnnotationValue>) l : List.of(value);
  }
}
