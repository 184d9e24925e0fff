package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The ComfyUI release this recipe set is validated against; declared once, on a class of its own. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ComfyUIRelease {
  /** The release, e.g. {@code "0.10.0"}. */
  String value();
}
