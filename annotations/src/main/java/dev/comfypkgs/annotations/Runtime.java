package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the runtime environment (CUDA/MPS/CPU PyTorch and friends) provides. Declared once in a
 * recipe set, on a class of its own.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Runtime {
  /**
   * Requirement names the runtime supplies, e.g. {@code {"torch", "torchvision"}};
   * PEP 508 names: letters, digits and {@code . _ -}, starting and ending with a letter or digit.
   */
  String[] provides();
}
