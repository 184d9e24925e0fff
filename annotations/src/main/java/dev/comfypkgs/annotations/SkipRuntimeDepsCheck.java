package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Disables nixpkgs' runtime dependency check ({@code dontCheckRuntimeDeps = true}). */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SkipRuntimeDepsCheck {
  /**
   * Why the check cannot pass, e.g. a requirement spelled differently from nixpkgs' package. Any
   * text: it becomes a comment.
   */
  String reason();
}
