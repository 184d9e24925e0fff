package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The systems a package or meta-package supports ({@code meta.platforms}); all four when absent. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Platforms {
  /** Systems and groups; their union is the package's platform set. */
  Platform[] value();
}
