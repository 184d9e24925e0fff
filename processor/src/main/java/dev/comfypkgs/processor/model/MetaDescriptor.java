package dev.comfypkgs.processor.model;

import java.util.List;

/**
 * One {@code @MetaPackage}: its member recipes by attr, its plain nixpkgs members, and conditional
 * nixpkgs members from {@code @Bundle}.
 */
public record MetaDescriptor(
    String recipeClass,
    String attr,
    String pname,
    String version,
    String description,
    String homepage,
    String license,
    List<String> members,
    List<String> nixpkgs,
    List<BundleGroup> bundles,
    SystemSet platforms,
    boolean tracksComfyUI) {

  public MetaDescriptor {
    members = List.copyOf(members);
    nixpkgs = List.copyOf(nixpkgs);
    bundles = List.copyOf(bundles);
  }

  /** The systems on which a member recipe goes into this meta-package: those both support. */
  public SystemSet memberSystems(PackageDescriptor member) {
    return member.platforms().intersect(platforms);
  }

  /** The same meta-package with {@code newVersion}. */
  public MetaDescriptor withVersion(String newVersion) {
    return new MetaDescriptor(
        recipeClass, attr, pname, newVersion, description, homepage, license, members, nixpkgs,
        bundles, platforms, tracksComfyUI);
  }

  /** The same meta-package with {@code members} replaced. */
  public MetaDescriptor withMembers(List<String> newMembers) {
    return new MetaDescriptor(
        recipeClass, attr, pname, version, description, homepage, license, newMembers, nixpkgs,
        bundles, platforms, tracksComfyUI);
  }
}
