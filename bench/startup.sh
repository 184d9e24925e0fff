#!/usr/bin/env bash
# Benchmark 4: start-up. Wall time of `./comfypkgs list` and `./comfypkgs --version` through the
# launcher, without (COMFYPKGS_CDS=0) and with the class-data-sharing archive the launcher
# prepares once per build; alternated, median of RUNS.
# Usage: bench/startup.sh [RUNS]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
test -f cli/target/comfypkgs.jar || mvn -B -q -DskipTests package
./comfypkgs --version > /dev/null   # prepares the archive if the jar is newer
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for r in $(seq "$runs"); do
  for cmd in list --version; do
    t0=$(now); COMFYPKGS_CDS=0 ./comfypkgs $cmd > /dev/null; t1=$(now); echo $(( (t1 - t0) / 1000000 )) >> "$work/plain$cmd"
    t0=$(now); ./comfypkgs $cmd > /dev/null; t1=$(now); echo $(( (t1 - t0) / 1000000 )) >> "$work/cds$cmd"
  done
done
printf '%-24s %12s %12s %8s\n' command "no CDS (ms)" "CDS (ms)" ratio
for cmd in list --version; do
  p=$(median < "$work/plain$cmd"); c=$(median < "$work/cds$cmd")
  awk -v n="comfypkgs $cmd" -v p="$p" -v c="$c" 'BEGIN { printf "%-24s %12d %12d %7.2fx\n", n, p, c, c / p }'
done
