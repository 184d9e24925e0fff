#!/usr/bin/env bash
# Benchmark 4: start-up of the short commands, `comfypkgs list` and `comfypkgs --version`, whole
# processes. Contenders, alternated run by run, median of RUNS:
#  - the launcher as shipped (./comfypkgs);
#  - the JVM line the launcher runs, with C1 only (-XX:TieredStopAtLevel=1) or the default
#    tiered JIT (C1 then C2), each with and without the class-data-sharing archive the launcher
#    prepares once per build;
#  - with BASELINE=/path/to/another/checkout (built), that checkout's launcher ("before"):
#    issue 15 asks that `list` be no slower than it.
# Before timing, every contender must print what the launcher prints. Then, for `list` and for
# `verify --result` (on a small offline closure, bench/closure.nix), how many classes the JVM
# loads from outside the archive: the check that the archive's training covers them.
# Usage: [BASELINE=DIR] bench/startup.sh [RUNS]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-15}
baseline=$(baseline_checkout)
test -f cli/target/comfypkgs.jar || mvn -B -q -o -DskipTests package
[ -z "$baseline" ] || test -f "$baseline/cli/target/comfypkgs.jar" \
  || { echo "BASELINE=$baseline has no cli/target/comfypkgs.jar: build it first" >&2; exit 2; }
./comfypkgs --version > /dev/null   # prepares the archive if the jar is newer
[ -z "$baseline" ] || "$baseline/comfypkgs" --version > /dev/null
work=$(mktemp -d /tmp/comfypkgs-bench-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
jar=cli/target/comfypkgs.jar
jsa=cli/target/comfypkgs.jsa
[ -f "$jsa" ] || { echo "the launcher prepared no archive ($jsa)" >&2; exit 1; }

# jvm JIT CDS ARGS...: the launcher's java line with the JIT and archive chosen here.
jvm() {
  local jit=() cds=()
  [ "$1" = c1 ] && jit=(-XX:TieredStopAtLevel=1)
  [ "$2" = cds ] && cds=("-XX:SharedArchiveFile=$jsa")
  shift 2
  COMFYPKGS_REPO=$PWD LC_ALL=C.UTF-8 java "${jit[@]}" "${cds[@]}" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -cp "$jar" dev.comfypkgs.cli.Main "$@"
}
# run CONTENDER COMMAND: one whole process, its output in $work/out.
run() {
  case $1 in
    launcher) ./comfypkgs "$2" ;;
    before) "$baseline/comfypkgs" "$2" ;;
    c1-cds) jvm c1 cds "$2" ;;
    c1-nocds) jvm c1 none "$2" ;;
    tiered-cds) jvm tiered cds "$2" ;;
    tiered-nocds) jvm tiered none "$2" ;;
  esac > "$work/out"
}
contenders=(launcher c1-cds tiered-cds c1-nocds tiered-nocds)
[ -z "$baseline" ] || contenders+=(before)
commands=(list --version)
for cmd in "${commands[@]}"; do
  run launcher "$cmd"
  mv "$work/out" "$work/expected"
  for c in "${contenders[@]:1}"; do
    run "$c" "$cmd"
    cmp -s "$work/out" "$work/expected" || { echo "$c $cmd prints other output:" >&2; diff "$work/expected" "$work/out" >&2; exit 1; }
  done
done
for _ in $(seq "$runs"); do
  for cmd in "${commands[@]}"; do
    for c in "${contenders[@]}"; do
      timed "$work/t$cmd-$c" run "$c" "$cmd"
    done
  done
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); median of $runs (ms)"
printf '  %-44s %9s %9s\n' contender list --version
for c in "${contenders[@]}"; do
  case $c in
    launcher) label="./comfypkgs (as shipped)" ;;
    before) label="BASELINE ./comfypkgs" ;;
    c1-cds) label="C1 only, CDS archive" ;;
    c1-nocds) label="C1 only, no archive" ;;
    tiered-cds) label="tiered (C1+C2), CDS archive" ;;
    tiered-nocds) label="tiered (C1+C2), no archive" ;;
  esac
  printf '  %-44s %9d %9d\n' "$label" "$(median < "$work/tlist-$c")" "$(median < "$work/t--version-$c")"
done

# Classes a command loads from outside the archive: what the training missed.
export NIX_CONFIG=$'sandbox = false\nsubstituters ='
nix-build bench/closure.nix --arg n 20 -o "$work/result" > /dev/null 2> "$work/nix.log" \
  || { cat "$work/nix.log" >&2; exit 1; }
# -Xlog goes to standard output with the command's own; its lines say where each class came from.
# Only classes read from the JDK or the jar count: proxies and lambdas are made at run time, and
# no static archive can hold them.
not_archived() {
  COMFYPKGS_REPO=$PWD LC_ALL=C.UTF-8 java -XX:TieredStopAtLevel=1 "-XX:SharedArchiveFile=$jsa" \
    -Xlog:cds=off -Xlog:cds+dynamic=off -Xlog:class+load=info -cp "$jar" dev.comfypkgs.cli.Main "$@" \
    | grep -c 'class,load.* source: \(jrt\|file\):' || true
}
echo "classes read from the JDK or the jar instead of the archive (0 = the training covers the command):"
printf '  %-44s %9d\n' "list" "$(not_archived list)" "verify --result (21 paths)" "$(not_archived verify --result "$work/result")"
