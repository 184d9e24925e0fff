package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rebuild without torch: {@link #remove()} becomes {@code pythonRemoveDeps}, tests are disabled
 * ({@code doCheck = false}), and every removed name must be provided by the runtime ({@link
 * Runtime}) or by a recipe that {@link Replaces} it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TorchAgnostic {
  /** Requirement names to strip, spelled as the wheel's metadata spells them; must include {@code "torch"}. */
  String[] remove();
}
