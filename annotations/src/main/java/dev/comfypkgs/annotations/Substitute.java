package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A literal replacement in a source file before the build: {@code substituteInPlace FILE
 * --replace-fail REPLACE WITH} in {@code postPatch}. The build fails if the text is not found.
 * In a {@link NodeBundle}, which unpacks no source, it edits an installed node's file at the end
 * of the install phase instead. Edits run in declaration order, each on the previous one's result.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Substitute.List.class)
public @interface Substitute {
  /**
   * The file, relative to the source root, e.g. {@code "setup.py"}; in a node bundle, relative to
   * the {@link #node()}'s directory, and without {@code .} or {@code ..} parts.
   */
  String file();

  /**
   * In a {@link NodeBundle}, the {@link Node#directory()} of the node whose file this edits
   * (required there, and only there: CPK120), applied after the nodes are installed.
   */
  String node() default "";

  /**
   * The exact text to find; not empty, and without a carriage return (Nix reads it as a line
   * break).
   */
  String replace();

  /** The text to put in its place; without a carriage return. */
  String with();

  /** Holds repeated {@link Substitute} annotations. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    /** The repeated annotations. */
    Substitute[] value();
  }
}
