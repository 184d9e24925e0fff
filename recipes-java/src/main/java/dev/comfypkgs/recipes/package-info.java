/**
 * The recipes of the ComfyUI package repository: one class per package, plus the meta-package and
 * the declarations of the runtime environment. {@code mvn compile} checks them and regenerates
 * {@code generated-nix/}.
 */
package dev.comfypkgs.recipes;
