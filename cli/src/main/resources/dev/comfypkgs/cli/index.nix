# `comfypkgs index`'s program: every python3.pkgs attribute of a nixpkgs that is a package, and
# whether it carries torch at run time. Called by IndexCommand with
#   --argstr nixpkgs PATH  --argstr torchNames JSON-LIST  [--argstr system SYSTEM]
# where torchNames are the already-normalised names that count as torch.
{ nixpkgs, torchNames, system ? null }:
let
  pkgs = import nixpkgs (if system == null then { } else { inherit system; });
  py = pkgs.python3.pkgs;
  torch = builtins.fromJSON torchNames;
  lower = builtins.replaceStrings [ "A" "B" "C" "D" "E" "F" "G" "H" "I" "J" "K" "L" "M" "N" "O" "P" "Q" "R" "S" "T" "U" "V" "W" "X" "Y" "Z" ] [ "a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n" "o" "p" "q" "r" "s" "t" "u" "v" "w" "x" "y" "z" ];
  # PEP 503, as dev.comfypkgs.common.PythonNames: a run of - _ . is one -. builtins.split
  # alternates the text between matches with the match groups; the strings are the text.
  norm = n: builtins.concatStringsSep "-" (builtins.filter builtins.isString (builtins.split "[-_.]+" (lower n)));
  # Evaluating some attributes throws (aliases, broken or unsupported packages): those are not
  # packages to index, and a throw must not end the whole evaluation.
  isPackage = n: let r = builtins.tryEval (let v = py.${n}; in builtins.isAttrs v && v ? outPath && v ? pname); in r.success && r.value;
  deps = v: builtins.filter (d: builtins.isAttrs d && d ? pname) ((v.propagatedBuildInputs or [ ]) ++ (v.dependencies or [ ]));
  carries = n: let closure = builtins.genericClosure {
      startSet = [ { key = n; drv = py.${n}; } ];
      operator = item: map (d: { key = d.pname; drv = d; }) (deps item.drv);
    }; in builtins.any (i: builtins.elem (norm i.drv.pname) torch) closure;
  safeCarries = n: let r = builtins.tryEval (carries n); in r.success && r.value;
in
map (n: { name = n; carriesTorch = safeCarries n; }) (builtins.filter isPackage (builtins.attrNames py))
