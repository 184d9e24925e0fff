# A closure of N+1 store paths for the verify benchmark, built offline with /bin/sh builders:
# each package refers to the one before it and to one about half-way back, and the root refers
# to the last ten.
{ n ? 400 }:
let
  mk = name: deps: derivation {
    inherit name;
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-c" "echo $deps > $out" ];
    deps = map toString deps;
  };
  depsOf = i: if i == 0 then [ ] else [ (pkg (i - 1)) ] ++ (if i > 10 then [ (pkg (i / 2)) ] else [ ]);
  pkgs = builtins.genList (i: mk "python3.13-bench-pkg${toString i}-1.0" (depsOf i)) n;
  pkg = i: builtins.elemAt pkgs i;
in
mk "python3.13-bench-root-1.0" (builtins.genList (i: pkg (n - 1 - i)) 10)
