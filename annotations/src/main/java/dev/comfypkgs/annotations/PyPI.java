package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The source is a release file on PyPI, fetched with {@code fetchPypi}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PyPI {
  /** The distribution name on PyPI: letters, digits and {@code . _ -} (PEP 508), not empty. */
  String name();

  /**
   * The release version, as {@link PythonPackage#version()} has it; empty means the package's own
   * version.
   */
  String version() default "";

  /** The SRI hash of the file ({@code sha256-...}). */
  String hash();

  /** Which file of the release to fetch. */
  Dist format() default Dist.SDIST;

  /** The kind of release file. */
  enum Dist {
    /** The source distribution ({@code .tar.gz}). */
    SDIST,
    /** A pure-Python {@code py3-none-any} wheel. */
    WHEEL
  }
}
