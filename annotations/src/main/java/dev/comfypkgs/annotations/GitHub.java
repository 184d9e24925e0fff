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
  /** The repository owner (user or organisation): letters, digits and {@code -}. */
  String owner();

  /** The repository name: letters, digits and {@code . _ -}. */
  String repo();

  /**
   * A release tag, e.g. {@code "v1.0.22"}; the package version must equal it, with or without the
   * {@code v}. What git allows in a tag and a download URL carries as it is: printable ASCII
   * without space or {@code ~ ^ : ? * [ \ # %}; no {@code ..}, no {@code //}, no {@code @} followed
   * by an opening brace, no part starting with {@code .} or ending in {@code .lock}.
   */
  String tag() default "";

  /** A full 40-hex commit, for projects without tags; the version is then {@code <x>-unstable-YYYY-MM-DD}. */
  String rev() default "";

  /** The SRI hash of the unpacked archive ({@code sha256-...}); empty while unknown, which builds with {@code lib.fakeHash}. */
  String hash();

  /**
   * A subdirectory of the archive holding the Python project, e.g. {@code "libs/spandrel"}: a
   * relative path without {@code .} or {@code ..} parts.
   */
  String sourceRoot() default "";
}
