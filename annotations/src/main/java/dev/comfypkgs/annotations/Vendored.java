package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The source is a file kept in the repository's {@code sources/} directory (a wheel or a tarball
 * that no fetcher can reach), or for {@link Workflows} a directory there, referenced from the
 * generated file as a relative Nix path. Exactly one of {@link #file()} and {@link #directory()} is
 * given.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Vendored {
  /**
   * The file's path relative to {@code sources/}, e.g.
   * {@code "color_matcher-0.6.0-py3-none-any.whl"}: letters, digits and {@code . _ + -} between
   * slashes, without {@code .} or {@code ..} parts; the file is a regular file inside
   * {@code sources/}.
   */
  String file() default "";

  /** The file's SHA-256 (hex, or SRI {@code sha256-...}); checked when the file is present. */
  String sha256() default "";

  /**
   * A directory's path relative to {@code sources/}, with the syntax of {@link #file()}, copied
   * whole (a {@link Workflows} source): inside {@code sources/}, with no symbolic link in it that
   * leads out (CPK124).
   */
  String directory() default "";

  /**
   * The directory's git tree id (40 hex digits, as {@code git rev-parse HEAD:sources/<directory>}
   * prints it); checked when the directory is present, as {@link #sha256()} is for a file.
   */
  String gitTree() default "";
}
