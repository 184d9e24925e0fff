package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The PEP 517 build backend and its plugins, as nixpkgs Python attribute names ({@code build-system}). */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface BuildSystem {
  /**
   * nixpkgs {@code python3.pkgs} attribute names, e.g. {@code {"setuptools", "wheel"}}: Nix
   * identifiers, as for {@link Bundle#value()}.
   */
  String[] value();
}
