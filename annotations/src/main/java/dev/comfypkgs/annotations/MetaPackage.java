package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An aggregate package whose {@code dependencies} are other recipes and nixpkgs packages, such as
 * comfyui-extras. A member whose platforms cover only some of the meta-package's systems is
 * included only on those systems; that condition is computed, never written by hand.
 *
 * <p>Conditional nixpkgs members are added with {@link Bundle} on the same class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MetaPackage {
  /** The package name, as {@link PythonPackage#pname()} has it. */
  String pname();

  /**
   * The version (semantic), as {@link PythonPackage#version()} has it. Omitted with {@link
   * TracksComfyUI}: the version is then the {@link ComfyUIRelease}.
   */
  String version() default "";

  /** One line for {@code meta.description}. */
  String description();

  /** {@code meta.homepage}; empty leaves it out. */
  String homepage() default "";

  /** {@code meta.license} of the packaging itself. */
  License license() default License.MIT;

  /**
   * The Flox attribute and file name, as {@link PythonPackage#attr()} has it; empty means the same
   * as {@link #pname()}.
   */
  String attr() default "";

  /** Member recipes (annotated with {@link PythonPackage}). */
  Class<?>[] members();

  /**
   * nixpkgs {@code python3.pkgs} attribute names included on every system: Nix identifiers, and
   * neither a name the file takes from its scope nor a member's attr (the file would take those
   * instead).
   */
  String[] nixpkgs() default {};
}
