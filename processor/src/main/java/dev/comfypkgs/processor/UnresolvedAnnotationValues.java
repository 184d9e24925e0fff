package dev.comfypkgs.processor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.SimpleAnnotationValueVisitor14;

/**
 * Finds annotation values javac could not resolve, such as the class literal of a recipe whose
 * class was deleted. javac reports those errors only after the last processing round, so the
 * processor must see them itself: a model read from them would silently lack what they name.
 * javac 17 hands an unresolved class literal over as the string {@code "<error>"}, other
 * compilers as an error type; both are a value that does not fit the attribute's declared type.
 */
final class UnresolvedAnnotationValues {
  private UnresolvedAnnotationValues() {}

  /** The first annotation on the element with a value that did not resolve, e.g. "@Requires". */
  static Optional<String> firstOn(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (!resolved(mirror)) {
        return Optional.of("@" + mirror.getAnnotationType().asElement().getSimpleName());
      }
    }
    return Optional.empty();
  }

  private static boolean resolved(AnnotationMirror mirror) {
    if (mirror.getAnnotationType().getKind() == TypeKind.ERROR) {
      return false;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (!e.getValue().accept(FITS, e.getKey().getReturnType())) {
        return false;
      }
    }
    return true;
  }

  /** Whether a value fits the type its attribute declares, recursively. */
  private static final SimpleAnnotationValueVisitor14<Boolean, TypeMirror> FITS =
      new SimpleAnnotationValueVisitor14<>(true) {
        @Override
        public Boolean visitString(String s, TypeMirror declared) {
          return isString(itemType(declared));
        }

        @Override
        public Boolean visitType(TypeMirror type, TypeMirror declared) {
          return type.getKind() != TypeKind.ERROR;
        }

        @Override
        public Boolean visitEnumConstant(VariableElement constant, TypeMirror declared) {
          return constant.asType().getKind() != TypeKind.ERROR;
        }

        @Override
        public Boolean visitAnnotation(AnnotationMirror annotation, TypeMirror declared) {
          return resolved(annotation);
        }

        @Override
        public Boolean visitArray(List<? extends AnnotationValue> items, TypeMirror declared) {
          TypeMirror item = itemType(declared);
          return items.stream().allMatch(v -> v.accept(this, item));
        }

        @Override
        public Boolean visitUnknown(AnnotationValue value, TypeMirror declared) {
          return false;
        }
      };

  /** An array attribute's item type; a single value may stand for a one-item array. */
  private static TypeMirror itemType(TypeMirror declared) {
    return declared.getKind() == TypeKind.ARRAY ? ((ArrayType) declared).getComponentType() : declared;
  }

  private static boolean isString(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals("java.lang.String");
  }
}
