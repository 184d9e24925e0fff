#!/usr/bin/env bash
# Benchmark 3: `comfypkgs verify --result` on a closure of several hundred real store paths
# (built offline with /bin/sh builders) against `nix-store -qR … | grep`. Whole processes, JVM
# start included, alternated, median of RUNS.
# Usage: bench/verify.sh [RUNS] [PATHS]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}; n=${2:-400}
work=$(mktemp -d /tmp/comfypkgs-bench-verify.XXXXXX)
trap 'rm -rf "$work"' EXIT
test -f cli/target/comfypkgs.jar || mvn -B -q -DskipTests package
export NIX_CONFIG=$'sandbox = false\nsubstituters ='
nix-build bench/closure.nix --arg n "$n" -o "$work/result" > /dev/null
size=$(nix-store -qR "$work/result" | wc -l)
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
./comfypkgs verify --result "$work/result" > /dev/null   # also creates the class-data archive
: > "$work/java"; : > "$work/grep"
for r in $(seq "$runs"); do
  t0=$(now); ./comfypkgs verify --result "$work/result" > /dev/null; t1=$(now); echo $(( (t1 - t0) / 1000000 )) >> "$work/java"
  t0=$(now); { nix-store -qR "$work/result" | grep -E 'torch|vision' || true; } > /dev/null; t1=$(now); echo $(( (t1 - t0) / 1000000 )) >> "$work/grep"
done
j=$(median < "$work/java"); g=$(median < "$work/grep")
echo "closure: $size store paths"
printf '%-40s %10s\n' contender "median ms"
printf '%-40s %10d\n' "comfypkgs verify --result (JVM incl.)" "$j"
printf '%-40s %10d\n' "nix-store -qR | grep -E 'torch|vision'" "$g"
awk -v j="$j" -v g="$g" 'BEGIN { printf "ratio: %.2fx the grep\n", j / g }'
