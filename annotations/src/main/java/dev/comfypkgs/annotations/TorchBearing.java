package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * nixpkgs Python packages that carry torch at run time, in addition to the list the processor
 * ships (torch, torchvision, timm, accelerate, ...). Bundling one of them is an error. May be
 * declared on any recipe class, typically the one carrying {@link Runtime}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TorchBearing {
  /**
   * nixpkgs {@code python3.pkgs} attribute or requirement names, e.g. {@code "basicsr"};
   * PEP 508 names: letters, digits and {@code . _ -}, starting and ending with a letter or digit.
   */
  String[] value();
}
