package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Flox build environment written to {@code .flox/env.json} and {@code .flox/env/manifest.toml};
 * declared once. Its systems are the union of every recipe's platforms.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface FloxEnvironment {
  /** The environment name. */
  String name();

  /**
   * The nixpkgs Python interpreter installed in the build environment, e.g. {@code "python313"}:
   * a nixpkgs attribute path.
   */
  String python() default "python313";
}
