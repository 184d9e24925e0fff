package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This recipe provides the named requirements for every package that removes them, e.g.
 * comfyui-timm {@code @Replaces("timm")}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Replaces {
  /**
   * Requirement names (compared after PEP 503 normalisation);
   * PEP 508 names: letters, digits and {@code . _ -}, starting and ending with a letter or digit.
   */
  String[] value();
}
