# Mimics how Flox loads the `.flox/pkgs/` directory of an environment:
# every `NAME.nix` regular file (and every `NAME/default.nix` directory)
# becomes attribute NAME, called with
#
#   lib.callPackageWith (nixpkgs // scope) <file> { }
#
# where `scope` is the fix-point of all those attributes, so sibling packages
# are visible by attribute name as function arguments.
#
#   import ./flox-loader.nix {
#     pkgsDir = /path/to/.flox/pkgs;        # a path (or absolute path string)
#     nixpkgs = import ./default.nix { system = "x86_64-linux"; };
#   }
{ pkgsDir, nixpkgs }:

let
  inherit (nixpkgs) lib;
  entries = builtins.readDir pkgsDir;

  fileEntries = map (f: {
    name = lib.removeSuffix ".nix" f;
    file = pkgsDir + "/${f}";
  }) (builtins.filter (n: entries.${n} == "regular" && lib.hasSuffix ".nix" n)
        (builtins.attrNames entries));

  dirEntries = map (d: {
    name = d;
    file = pkgsDir + "/${d}/default.nix";
  }) (builtins.filter (n: entries.${n} == "directory"
                          && builtins.pathExists (pkgsDir + "/${n}/default.nix"))
        (builtins.attrNames entries));

  scope = lib.fix (self: builtins.listToAttrs (map (e: {
    inherit (e) name;
    value = lib.callPackageWith (nixpkgs // self) e.file { };
  }) (fileEntries ++ dirEntries)));
in
scope
