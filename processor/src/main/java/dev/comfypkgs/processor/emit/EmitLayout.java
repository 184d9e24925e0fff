package dev.comfypkgs.processor.emit;

import dev.comfypkgs.processor.model.PackageFiles;

/**
 * Where things go in the output directory, and how a package file reaches {@code sources/}.
 *
 * @param sourcesFromPkgs the relative path from {@code .flox/pkgs/} to the vendored sources
 *     directory, e.g. {@code ../../../sources} when the output is {@code generated-nix/} beside
 *     {@code sources/}
 */
public record EmitLayout(String sourcesFromPkgs) {
  public static final String PKGS_DIR = PackageFiles.DIR;
  public static final EmitLayout DEFAULT = new EmitLayout("../../../sources");

  public static String packageFile(String attr) {
    return PackageFiles.of(attr);
  }
}
