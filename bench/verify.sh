#!/usr/bin/env bash
# Benchmark 3: `comfypkgs verify --result` on a closure of PATHS+1 real store paths (bench/closure.nix,
# built offline with /bin/sh builders), end to end through the launcher, JVM start included.
# Target (issue 15): at most 500 ms absolute at 400 paths. No ratio: the old target against
# `nix-store -qR | grep` is retired (no JVM starts in the grep's 36 ms); the grep still runs as a
# reference for what listing the closure alone costs.
# With BASELINE=/path/to/another/checkout (built), that checkout's launcher runs in the same loop
# ("before"), and must print exactly what this one prints.
# Alternated run by run, median of RUNS; before timing, each verify must pass and report every path.
# Usage: [BASELINE=DIR] bench/verify.sh [RUNS] [PATHS]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-9}; n=${2:-400}
baseline=$(baseline_checkout)
work=$(mktemp -d /tmp/comfypkgs-bench-verify.XXXXXX)
trap 'rm -rf "$work"' EXIT
test -f cli/target/comfypkgs.jar || mvn -B -q -o -DskipTests package
[ -z "$baseline" ] || test -f "$baseline/cli/target/comfypkgs.jar" \
  || { echo "BASELINE=$baseline has no cli/target/comfypkgs.jar: build it first" >&2; exit 2; }
export NIX_CONFIG=$'sandbox = false\nsubstituters ='
nix-build bench/closure.nix --arg n "$n" -o "$work/result" > /dev/null
size=$(nix-store -qR "$work/result" | wc -l)

# verify LAUNCHER: the whole command, as a user runs it; its output goes to $work/out.
verify() { "$1" verify --result "$work/result" > "$work/out"; }
listing() { { nix-store -qR "$work/result" | grep -E 'torch|vision' || true; } > /dev/null; }
contenders=(new)
[ -z "$baseline" ] || contenders+=(old)
launcher() { if [ "$1" = old ]; then echo "$baseline/comfypkgs"; else echo ./comfypkgs; fi; }
for c in "${contenders[@]}"; do   # also prepares each launcher's start-up archive
  verify "$(launcher "$c")" || { echo "$c: verify failed:" >&2; cat "$work/out" >&2; exit 1; }
  if ! grep -q "($size paths)" "$work/out" || ! grep -q 'all clean' "$work/out"; then
    echo "$c: unexpected verify output:" >&2; cat "$work/out" >&2; exit 1
  fi
  cp "$work/out" "$work/out-$c"
done
[ -z "$baseline" ] || cmp -s "$work/out-new" "$work/out-old" \
  || { echo "verify prints other output than BASELINE's:" >&2; diff "$work/out-old" "$work/out-new" >&2; exit 1; }
for _ in $(seq "$runs"); do
  for c in "${contenders[@]}"; do
    timed "$work/t-$c" verify "$(launcher "$c")"
  done
  timed "$work/t-grep" listing
done
echo "closure: $size store paths; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median of $runs (ms), JVM start included; target <= 500"
printf '  %-52s %9s\n' contender "median ms"
printf '  %-52s %9d\n' "comfypkgs verify --result" "$(median < "$work/t-new")"
[ -z "$baseline" ] || printf '  %-52s %9d\n' "BASELINE comfypkgs verify --result" "$(median < "$work/t-old")"
printf '  %-52s %9d\n' "reference: nix-store -qR | grep -E 'torch|vision'" "$(median < "$work/t-grep")"
