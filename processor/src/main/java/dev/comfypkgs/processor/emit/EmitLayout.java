package dev.comfypkgs.processor.emit;

/**
 * How a package file reaches {@code sources/} (where the package files themselves go is
 * {@link dev.comfypkgs.processor.model.PackageFiles}).
 *
 * @param sourcesFromPkgs the relative path from {@code .flox/pkgs/} to the vendored sources
 *     directory, e.g. {@code ../../../sources} when the output is {@code generated-nix/} beside
 *     {@code sources/}
 */
public record EmitLayout(String sourcesFromPkgs) {
  public static final EmitLayout DEFAULT = new EmitLayout("../../../sources");
}
