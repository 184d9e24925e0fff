package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Requirements whose version pins are dropped, the package kept ({@code pythonRelaxDeps}). */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Relax {
  /**
   * Requirement names, e.g. {@code "numpy"};
   * PEP 508 names: letters, digits and {@code . _ -}, starting and ending with a letter or digit.
   */
  String[] value();
}
