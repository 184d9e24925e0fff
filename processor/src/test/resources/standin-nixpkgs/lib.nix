# Stand-in for the parts of nixpkgs' `lib` that generated package files use.
# Pure Nix, no dependencies. Imported by ./default.nix as `lib`.
let
  inherit (builtins)
    attrNames concatStringsSep elem filter foldl' functionArgs head
    intersectAttrs isFunction isList length listToAttrs mapAttrs
    replaceStrings stringLength substring;

  # name -> [ spdxId fullName ]
  licenseTable = {
    mit        = [ "MIT"              "MIT License" ];
    asl20      = [ "Apache-2.0"       "Apache License 2.0" ];
    gpl2Only   = [ "GPL-2.0-only"     "GNU General Public License v2.0 only" ];
    gpl2Plus   = [ "GPL-2.0-or-later" "GNU General Public License v2.0 or later" ];
    gpl3       = [ "GPL-3.0"          "GNU General Public License v3.0" ];
    gpl3Only   = [ "GPL-3.0-only"     "GNU General Public License v3.0 only" ];
    gpl3Plus   = [ "GPL-3.0-or-later" "GNU General Public License v3.0 or later" ];
    lgpl21Only = [ "LGPL-2.1-only"    "GNU Lesser General Public License v2.1 only" ];
    lgpl21Plus = [ "LGPL-2.1-or-later" "GNU Lesser General Public License v2.1 or later" ];
    lgpl3Only  = [ "LGPL-3.0-only"    "GNU Lesser General Public License v3.0 only" ];
    lgpl3Plus  = [ "LGPL-3.0-or-later" "GNU Lesser General Public License v3.0 or later" ];
    agpl3Only  = [ "AGPL-3.0-only"    "GNU Affero General Public License v3.0 only" ];
    agpl3Plus  = [ "AGPL-3.0-or-later" "GNU Affero General Public License v3.0 or later" ];
    bsd2       = [ "BSD-2-Clause"     "BSD 2-clause \"Simplified\" License" ];
    bsd3       = [ "BSD-3-Clause"     "BSD 3-clause \"New\" or \"Revised\" License" ];
    mpl20      = [ "MPL-2.0"          "Mozilla Public License 2.0" ];
    isc        = [ "ISC"              "ISC License" ];
    psfl       = [ "Python-2.0"       "Python Software Foundation License version 2" ];
    unlicense  = [ "Unlicense"        "The Unlicense" ];
    zlib       = [ "Zlib"             "zlib License" ];
    cc0        = [ "CC0-1.0"          "Creative Commons Zero v1.0 Universal" ];
  };

  licenses = mapAttrs (shortName: v: {
    inherit shortName;
    spdxId = head v;
    fullName = builtins.elemAt v 1;
    url = "https://spdx.org/licenses/${head v}.html";
    free = true;
    redistributable = true;
    deprecated = shortName == "gpl3";
  }) licenseTable // {
    unfree = {
      shortName = "unfree";
      fullName = "Unfree";
      free = false;
      redistributable = false;
      deprecated = false;
    };
  };

  platforms = rec {
    linux = [ "x86_64-linux" "aarch64-linux" ];
    darwin = [ "x86_64-darwin" "aarch64-darwin" ];
    unix = linux ++ darwin;
    all = unix;
    x86_64 = [ "x86_64-linux" "x86_64-darwin" ];
    aarch64 = [ "aarch64-linux" "aarch64-darwin" ];
  };

  upper = [ "A" "B" "C" "D" "E" "F" "G" "H" "I" "J" "K" "L" "M" "N" "O" "P" "Q" "R" "S" "T" "U" "V" "W" "X" "Y" "Z" ];
  lower = [ "a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n" "o" "p" "q" "r" "s" "t" "u" "v" "w" "x" "y" "z" ];

  hasPrefix = pref: str: substring 0 (stringLength pref) str == pref;
  hasSuffix = suffix: content:
    let
      lc = stringLength content;
      ls = stringLength suffix;
    in lc >= ls && substring (lc - ls) ls content == suffix;
  removePrefix = pref: str:
    if hasPrefix pref str
    then substring (stringLength pref) (stringLength str - stringLength pref) str
    else str;
  removeSuffix = suffix: str:
    if hasSuffix suffix str
    then substring 0 (stringLength str - stringLength suffix) str
    else str;

  # Like nixpkgs: `callPackageWith autoArgs fn args`, fn a path or a function.
  # Missing required arguments (no default, not in autoArgs/args) throw an
  # error naming the argument (same wording as nixpkgs).
  callPackageWith = autoArgs: fn: args:
    let
      f = if isFunction fn then fn else import fn;
      fargs = functionArgs f;
      allArgs = intersectAttrs fargs autoArgs // args;
      missing = filter (n: !fargs.${n} && !(allArgs ? ${n})) (attrNames fargs);
      where = if isFunction fn then "<function>" else toString fn;
    in
    if missing != [ ]
    then throw "lib.callPackageWith: Function called without required argument \"${head missing}\" at ${where}"
    else f allArgs;

in {
  inherit licenses platforms callPackageWith;
  inherit hasPrefix hasSuffix removePrefix removeSuffix;

  fakeHash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  fakeSha256 = "0000000000000000000000000000000000000000000000000000";

  optionals = cond: list: if cond then list else [ ];
  optional = cond: x: if cond then [ x ] else [ ];
  optionalString = cond: s: if cond then s else "";
  optionalAttrs = cond: as: if cond then as else { };

  fix = f: let x = f x; in x;

  filterAttrs = pred: set:
    listToAttrs (map (name: { inherit name; value = set.${name}; })
      (filter (name: pred name set.${name}) (attrNames set)));

  genAttrs = names: f: listToAttrs (map (n: { name = n; value = f n; }) names);
  concatMap = f: list: builtins.concatLists (map f list);
  toLower = replaceStrings upper lower;
  toUpper = replaceStrings lower upper;
  unique = foldl' (acc: e: if elem e acc then acc else acc ++ [ e ]) [ ];
  any = builtins.any;
  all = builtins.all;
  versionOlder = a: b: builtins.compareVersions a b < 0;
  versionAtLeast = a: b: builtins.compareVersions a b >= 0;

  inherit elem concatStringsSep attrNames mapAttrs filter head length
    listToAttrs replaceStrings isList;
  attrValues = builtins.attrValues;
  hasAttr = builtins.hasAttr;
  getAttr = builtins.getAttr;
  foldl = foldl';
  inherit foldl';

  maintainers = { };
  teams = { };
}
