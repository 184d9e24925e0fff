#!/usr/bin/env bash
# Benchmark 2: the Java NAR hash of a ~500 MB tree in ~50,000 files against `nix hash path`
# on the same tree, and against cat-ing the same bytes through sha256sum. Whole processes,
# JVM start included, alternated, median of RUNS.
# Usage: bench/hashing.sh [RUNS] [FILES] [MEGABYTES]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; files=${2:-50000}; mb=${3:-500}
work=$(mktemp -d /tmp/comfypkgs-bench-hash.XXXXXX)
trap 'rm -rf "$work"' EXIT
test -f cli/target/comfypkgs.jar || mvn -B -q -DskipTests package
java bench/MakeTree.java "$work/tree" "$files" "$mb"
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# Warm the page cache once, so every contender reads from memory.
find "$work/tree" -type f -print0 | xargs -0 cat > /dev/null
java_hash=$(./comfypkgs hash "$work/tree")
nix_hash=$(nix --extra-experimental-features nix-command hash path "$work/tree")
[ "$java_hash" = "$nix_hash" ] || { echo "hashes differ: $java_hash vs $nix_hash"; exit 1; }
: > "$work/java"; : > "$work/nix"; : > "$work/cat"
for r in $(seq "$runs"); do
  t0=$(now); ./comfypkgs hash "$work/tree" > /dev/null; t1=$(now); echo $(( (t1 - t0) / 1000000 )) >> "$work/java"
  t0=$(now); nix --extra-experimental-features nix-command hash path "$work/tree" > /dev/null; t1=$(now); echo $(( (t1 - t0) / 1000000 )) >> "$work/nix"
  t0=$(now); find "$work/tree" -type f -print0 | sort -z | xargs -0 cat | sha256sum > /dev/null; t1=$(now); echo $(( (t1 - t0) / 1000000 )) >> "$work/cat"
done
j=$(median < "$work/java"); n=$(median < "$work/nix"); c=$(median < "$work/cat")
echo "tree: $(find "$work/tree" -type f | wc -l) files, $(du -sm "$work/tree" | cut -f1) MB; hash $java_hash (equal to Nix's)"
printf '%-34s %10s %8s\n' contender "median ms" "vs nix"
awk -v j="$j" -v n="$n" -v c="$c" 'BEGIN {
  printf "%-34s %10d %7.2fx\n", "comfypkgs hash (JVM start incl.)", j, j / n
  printf "%-34s %10d %7.2fx\n", "nix hash path", n, 1
  printf "%-34s %10d %7.2fx\n", "find | cat | sha256sum", c, c / n }'
