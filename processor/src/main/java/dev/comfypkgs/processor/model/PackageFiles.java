package dev.comfypkgs.processor.model;

/**
 * Where each recipe's file lives in the output directory. One fact for the emitters, which write
 * and call the file, and for CPK005, which refuses an attr that cannot name it.
 */
public final class PackageFiles {
  /** The directory Flox builds packages from, relative to the output directory. */
  public static final String DIR = ".flox/pkgs";

  private PackageFiles() {}

  /** The file of the recipe with this attr, relative to the output directory. */
  public static String of(String attr) {
    return DIR + "/" + attr + ".nix";
  }
}
