package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Python modules the runtime import check imports (with the runtime's torch present). */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SmokeImport {
  /** Module names: dotted Python identifiers, e.g. {@code "ultralytics"}. */
  String[] value();
}
