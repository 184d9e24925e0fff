package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Modules imported at build time ({@code pythonImportsCheck}). Only for packages that import
 * without torch: a torch-agnostic package is checked at run time with {@link SmokeImport}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ImportsCheck {
  /** Module names: dotted Python identifiers, e.g. {@code "PIL.Image"}. */
  String[] value();
}
