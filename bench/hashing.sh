#!/usr/bin/env bash
# Benchmark 2: `comfypkgs hash TREE` against `nix hash path TREE` over a sweep of tree sizes
# (bench/MakeTree.java: mostly small files, one in a hundred large, executables and symlinks),
# whole processes, JVM start included, page cache warm; alternated run by run, median of RUNS.
# Reports, per tree, the ratio to Nix and the smallest tree from which it stays within 1.3x
# (issue 15). Also per tree, up to C1_MAX_MB (default 100): the launcher's JVM line on C1 alone,
# the check that hashing needs C2 (the launcher keeps C2 for hash, prefetch, vendor and new).
# With BASELINE=/path/to/another/checkout (built), that checkout's launcher too ("before").
# Before timing, every contender's hash must equal Nix's. Each tree is deleted after its row.
# Usage: [BASELINE=DIR] [C1_MAX_MB=100] bench/hashing.sh [RUNS] [MB:FILES ...]
#   default sweep: 1:100 10:1000 100:1000 100:10000 500:50000 1000:10000 (give it smallest first)
#   (from the repository root; needs twice the largest tree free in /tmp: check df first)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
shift || true
sweep=("$@")
[ ${#sweep[@]} -gt 0 ] || sweep=(1:100 10:1000 100:1000 100:10000 500:50000 1000:10000)
baseline=$(baseline_checkout)
test -f cli/target/comfypkgs.jar || mvn -B -q -o -DskipTests package
[ -z "$baseline" ] || test -f "$baseline/cli/target/comfypkgs.jar" \
  || { echo "BASELINE=$baseline has no cli/target/comfypkgs.jar: build it first" >&2; exit 2; }
work=$(mktemp -d /tmp/comfypkgs-bench-hash.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "free in /tmp: $(df -h --output=avail /tmp | tail -1 | tr -d ' '); machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

nixhash() { nix --extra-experimental-features nix-command hash path "$1"; }
c1hash() {
  COMFYPKGS_REPO=$PWD LC_ALL=C.UTF-8 java -XX:TieredStopAtLevel=1 -cp cli/target/comfypkgs.jar \
    dev.comfypkgs.cli.Main hash "$1"
}
# hash CONTENDER TREE: one whole process, the hash in $work/out.
hash() {
  case $1 in
    java) ./comfypkgs hash "$2" ;;
    before) "$baseline/comfypkgs" hash "$2" ;;
    c1) c1hash "$2" ;;
    nix) nixhash "$2" ;;
  esac > "$work/out"
}
printf '%9s %8s %9s %9s %8s' "tree MB" files "nix ms" "java ms" ratio
[ -z "$baseline" ] || printf ' %10s %8s' "before ms" ratio
printf ' %8s %8s\n' "C1 ms" ratio
within=""
for point in "${sweep[@]}"; do
  mb=${point%%:*}; files=${point##*:}
  tree=$work/tree-$mb-$files
  java bench/MakeTree.java "$tree" "$files" "$mb" > /dev/null
  find "$tree" -type f -print0 | xargs -0 cat > /dev/null   # warm the page cache
  contenders=(nix java)
  [ -z "$baseline" ] || contenders+=(before)
  [ "$mb" -gt "${C1_MAX_MB:-100}" ] || contenders+=(c1)
  expected=$(nixhash "$tree")
  for c in "${contenders[@]}"; do
    hash "$c" "$tree"
    [ "$(cat "$work/out")" = "$expected" ] || { echo "$c hashes $tree as $(cat "$work/out"), Nix as $expected" >&2; exit 1; }
  done
  for _ in $(seq "$runs"); do
    for c in "${contenders[@]}"; do
      timed "$work/t-$point-$c" hash "$c" "$tree"
    done
  done
  rm -rf "$tree"
  n=$(median < "$work/t-$point-nix"); j=$(median < "$work/t-$point-java")
  awk -v mb="$mb" -v f="$files" -v n="$n" -v j="$j" 'BEGIN { printf "%9d %8d %9d %9d %7.2fx", mb, f, n, j, j / n }'
  [ -z "$baseline" ] || awk -v b="$(median < "$work/t-$point-before")" -v n="$n" 'BEGIN { printf " %10d %7.2fx", b, b / n }'
  if [ -f "$work/t-$point-c1" ]; then
    awk -v c="$(median < "$work/t-$point-c1")" -v n="$n" 'BEGIN { printf " %8d %7.2fx\n", c, c / n }'
  else
    printf ' %8s %8s\n' - -
  fi
  if awk -v n="$n" -v j="$j" 'BEGIN { exit !(j <= 1.3 * n) }'; then
    within=${within:-"$mb MB in $files files"}
  else
    within=""
  fi
done
echo "comfypkgs hash stays within 1.3x of nix hash path from: ${within:-no tree in this sweep (the largest is over 1.3x)}"
