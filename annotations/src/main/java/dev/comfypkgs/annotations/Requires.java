package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Other recipes this package depends on at run time, by class, so a rename is a refactoring and
 * a typo a compile error. Each becomes a sibling argument and a {@code dependencies} entry.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Requires {
  /** Recipe classes (annotated with {@link PythonPackage}). */
  Class<?>[] value();
}
