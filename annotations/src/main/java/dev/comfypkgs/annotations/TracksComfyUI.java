package dev.comfypkgs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An internal package whose version is the ComfyUI release it targets ({@link ComfyUIRelease}):
 * its head annotation omits {@code version}, and the processor gives it the release, so the one
 * {@code @ComfyUIRelease} line is the only line a new release changes (CPK106 refuses a version
 * written here).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TracksComfyUI {}
