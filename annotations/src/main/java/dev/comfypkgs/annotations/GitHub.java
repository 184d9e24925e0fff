package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The source is a GitHub archive, fetched with {@code fetchFromGitHub}. Give exactly one of
 * {@link #tag()} or {@link #rev()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GitHub {
  /** The repository owner (user or organisation). */
  String owner();

  /** The repository name. */
  String repo();

  /** A release tag, e.g. {@code "v1.0.22"}; the package version must equal it, with or without the {@code v}. */
  String tag() default "";

  /** A full 40-hex commit, for projects without tags; the version is then {@code <x>-unstable-YYYY-MM-DD}. */
  String rev() default "";

  /** The SRI hash of the unpacked archive ({@code sha256-...}); empty while unknown, which builds with {@code lib.fakeHash}. */
  String hash();

  /** A subdirectory of the archive holding the Python project, e.g. {@code "libs/spandrel"}. */
  String sourceRoot() default "";
}
