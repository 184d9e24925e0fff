# Stands in for how Flox loads the `.flox/pkgs/` directory of an environment
# (flox/flox package-builder/nef: dirToAttrs, mkOverlay, instantiateFromSourceInfo).
# Every `NAME.nix` regular file (except names ending in `flake.nix`) and every
# `NAME/default.nix` becomes attribute NAME of an overlay applied with
# `nixpkgs.extend`:
#
#   NAME = final.newScope { NAME = prev.NAME or <circular dependency error>; } <file> { };
#
# so siblings see each other by attribute name, a file replaces nixpkgs'
# top-level NAME for every consumer, and a file that asks for its own name gets
# the value nixpkgs had. Returns the files' attributes taken from the extended
# set (what `flox build` builds). Nested package sets (a directory without
# default.nix) are not modelled: such directories are ignored.
#
#   import ./flox-loader.nix {
#     pkgsDir = /path/to/.flox/pkgs;        # a path (or absolute path string)
#     nixpkgs = import ./default.nix { system = "x86_64-linux"; };
#   }
{ pkgsDir, nixpkgs }:

let
  inherit (nixpkgs) lib;
  entries = builtins.readDir pkgsDir;

  fileOf = name:
    let type = entries.${name};
    in
    if type == "regular" && lib.hasSuffix ".nix" name && !lib.hasSuffix "flake.nix" name then
      { name = lib.removeSuffix ".nix" name; value = pkgsDir + "/${name}"; }
    else if type == "directory" && builtins.pathExists (pkgsDir + "/${name}/default.nix") then
      { inherit name; value = pkgsDir + "/${name}/default.nix"; }
    else
      null;

  files = builtins.listToAttrs
    (builtins.filter (e: e != null) (map fileOf (builtins.attrNames entries)));

  overlay = final: prev:
    builtins.mapAttrs (name: file:
      let
        recursionGuardError = throw ''
          Circular dependency detected.
          The package '${name}' defined in ${toString file} directly or transitively imports itself.
          For example by requesting a dependency '${name}'.
          An expression can only access its own attribute path to override its existing value.
        '';
        replacingOrDefining = if prev ? ${name} then "replacing" else "defining";
      in
      builtins.addErrorContext "while ${replacingOrDefining} '${name}' by evaluating '${toString file}'"
        (final.newScope { ${name} = prev.${name} or recursionGuardError; } file { }))
      files;
in
builtins.intersectAttrs files (nixpkgs.extend overlay)
