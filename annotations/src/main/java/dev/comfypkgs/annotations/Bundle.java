package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * nixpkgs Python packages bundled as run-time {@code dependencies}. They must not carry torch.
 *
 * <p>Repeatable: a second {@code @Bundle} with {@link #systems()} or {@link #unless()} adds
 * dependencies only on some systems, e.g. {@code @Bundle(value = "albumentations", unless =
 * Platform.DARWIN)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Bundle.List.class)
public @interface Bundle {
  /**
   * nixpkgs {@code python3.pkgs} attribute names: Nix identifiers, and neither a name the file
   * takes from its scope ({@code lib}, {@code stdenv}, {@code true}...) nor the attr of a recipe it
   * requires, which {@code with python3.pkgs} would take instead.
   */
  String[] value();

  /** Bundle only on these systems; empty means every system of the package. */
  Platform[] systems() default {};

  /** Do not bundle on these systems. */
  Platform[] unless() default {};

  /** Holds repeated {@link Bundle} annotations. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    /** The repeated annotations. */
    Bundle[] value();
  }
}
