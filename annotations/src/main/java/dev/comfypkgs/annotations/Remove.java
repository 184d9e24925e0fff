package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requirements removed for a reason other than torch (added to {@code pythonRemoveDeps}), e.g.
 * {@code albucore} where it comes with a bundled {@code albumentations}. When nixpkgs has the
 * requirement under its own name (as {@code opencv-python} for {@code opencv4}), bundle that name
 * instead: the requirement then stays and nixpkgs' runtime-deps check keeps working.
 *
 * <p>nixpkgs' hook removes every requirement the name matches as a case-sensitive regular
 * expression prefix: {@code "torch"} removes {@code torchvision} too.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Remove.List.class)
public @interface Remove {
  /**
   * Requirement names, spelled as the wheel's metadata spells them;
   * PEP 508 names: letters, digits and {@code . _ -}, starting and ending with a letter or digit.
   */
  String[] value();

  /**
   * Why they are removed and what supplies them instead; required. Any text: it becomes a
   * comment.
   */
  String reason();

  /** Holds repeated {@link Remove} annotations. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    /** The repeated annotations. */
    Remove[] value();
  }
}
