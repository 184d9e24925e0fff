package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The version carries the {@code _flox_build} suffix: upstream's source plus Flox-specific
 * packaging (bundled dependencies, patches).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface FloxBuild {
  /** The upstream version the build is based on; equals the source tag. */
  String upstream();

  /** What the packaging adds beyond upstream. */
  String reason();
}
