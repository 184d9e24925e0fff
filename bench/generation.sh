#!/usr/bin/env bash
# Benchmark 1: generation at scale (issue 15, target 1). Compiles synthetic recipe sets
# (bench/GenerateRecipes.java) with javac, alternating the contenders run by run, and reports
# medians side by side:
#  - at SMALL recipes (1,000): -proc:none against the processor writing a FRESH output directory
#    and the processor writing an UNCHANGED one (the directory an identical earlier run left);
#    overhead = (processor - plain) / plain, target <= 0.25x for both;
#  - at LARGE recipes (5,000): -proc:none against a no-op processor that only reads the annotated
#    elements (bench/NoopProcessor.java: javac's round machinery, the floor of any processor) and
#    the real processor, fresh output: the floor (noop - plain) / plain, and the processor's own
#    cost (real - noop) in ms and per recipe.
# With BASELINE=/path/to/another/checkout (compiled or compilable offline), that checkout's
# processor runs in the same loop as one more contender ("before"), and its output must be
# byte-identical to this checkout's.
# Before timing, every processor's output is checked: one .nix per recipe plus the meta-package,
# and the unchanged run leaves the files exactly as the fresh run wrote them.
# javac runs with JFLAGS, by default the flags .mvn/jvm.config gives Maven's JVM (javac runs
# inside Maven in recipes-java), prefixed with -J; the flags used are printed.
# The processor runs as recipes-java runs it (-Acomfypkgs.classOutput=false).
# Everything is written under $TMPDIR (default /tmp). With TMPDIR on a tmpfs (/dev/shm), where
# forcing a file to disk returns at once, the figures leave out the disk: on this machine the
# flushes vary by seconds from run to run at 5,000 files, more than the code's own cost changes.
# Usage: [BASELINE=DIR] [JFLAGS='-J...'] [TMPDIR=DIR] bench/generation.sh [RUNS] [SMALL] [LARGE]
#   e.g. bench/generation.sh 5 1000 5000      (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}; small=${2:-1000}; large=${3:-5000}
baseline=$(baseline_checkout)
work=$(mktemp -d "${TMPDIR:-/tmp}/comfypkgs-bench-gen.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -z "${JFLAGS:-}" ]; then
  JFLAGS=$(jvm_config_flags | sed 's/^/-J/' | tr '\n' ' ')
fi
read -r -a jflags <<< "$JFLAGS"
annotations=annotations/target/classes
processor_path "$PWD" "$work/path-new"
[ -z "$baseline" ] || processor_path "$baseline" "$work/path-old"
javac -d "$work/noop" bench/NoopProcessor.java

# compile NAME OUT PROCESSOR_ARGS...: one compilation of $sources into the class output `clear`
# emptied; the processor writes to OUT (if any) and javac's messages go to $work/NAME.log.
compile() {
  local name=$1 out=$2
  shift 2
  javac "${jflags[@]}" -d "$work/classes" "$@" ${out:+"-Acomfypkgs.out=$out"} \
    -Acomfypkgs.classOutput=false "@$sources" > "$work/$name.log" 2>&1 \
    || { echo "$name: javac failed:" >&2; tail -20 "$work/$name.log" >&2; exit 1; }
}
plain() { compile plain "" -proc:none -cp "$annotations"; }
noop() { compile noop "" -cp "$annotations" -processorpath "$work/noop" -processor NoopProcessor; }
# real NAME PATH_FILE OUT: the comfypkgs processor of one checkout.
real() {
  compile "$1" "$3" -cp "$annotations" -processorpath "$(cat "$2")" \
    -processor dev.comfypkgs.processor.RecipeProcessor -Acomfypkgs.timing=true
}
# clear NAME: empties the class output and NAME's fresh output directory, and flushes the disk.
# Called before each timed compilation, never inside it: deleting the last run's thousands of
# files is not the compilation's cost, and without the sync the processor's first fsync would
# pay for committing those deletions (and javac's class files of the run before) to the disk.
clear() { rm -rf "$work/classes" "$work/$1-out"; mkdir "$work/classes"; sync; }
fresh() { real "$1" "$work/path-$2" "$work/$1-out"; }
unchanged() { real "$1" "$work/path-$2" "$work/$1-kept"; }
# The files a generation leaves, less the lock file it keeps for good.
same_output() { diff -r --exclude=.comfypkgs.lock "$1" "$2" > /dev/null; }
check_generated() {
  local n=$1 dir=$2 count
  count=$(find "$dir/.flox/pkgs" -name '*.nix' | wc -l)
  [ "$count" -eq $((n + 1)) ] || { echo "$dir has $count packages, not $((n + 1))" >&2; exit 1; }
}
generate_set() {
  java bench/GenerateRecipes.java "$1" "$work/src-$1"
  sources=$work/sources-$1.txt
  find "$work/src-$1" -name '*.java' > "$sources"
}
# row LABEL MS PLAIN_MS: one line of a table, with the overhead over plain javac.
row() { awk -v l="$1" -v t="$2" -v p="$3" 'BEGIN { printf "  %-34s %9d %10.2fx\n", l, t, (t - p) / p }'; }

echo "javac JVM flags: ${JFLAGS:-(none)}"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# --- SMALL: fresh and unchanged output -------------------------------------------------------
generate_set "$small"
contenders=(plain fresh-new unchanged-new)
[ -z "$baseline" ] || contenders+=(fresh-old unchanged-old)
for c in "${contenders[@]}"; do
  case $c in
    fresh-*) clear "$c"; fresh "$c" "${c#fresh-}"; check_generated "$small" "$work/$c-out" ;;
    unchanged-*)
      clear "$c"; real "$c" "$work/path-${c#unchanged-}" "$work/$c-kept"
      clear "$c"; real "$c" "$work/path-${c#unchanged-}" "$work/$c-kept"
      same_output "$work/$c-kept" "$work/fresh-new-out" \
        || { echo "$c: an unchanged run changed the output" >&2; exit 1; } ;;
  esac
done
if [ -n "$baseline" ]; then
  same_output "$work/fresh-old-out" "$work/fresh-new-out" \
    || { echo "the output differs from BASELINE's at $small recipes" >&2; exit 1; }
fi
for _ in $(seq "$runs"); do
  for c in "${contenders[@]}"; do
    clear "$c"
    case $c in
      plain) timed "$work/t-$c" plain ;;
      fresh-*) timed "$work/t-$c" fresh "$c" "${c#fresh-}" ;;
      unchanged-*) timed "$work/t-$c" unchanged "$c" "${c#unchanged-}" ;;
    esac
  done
done
p=$(median < "$work/t-plain")
echo
echo "$small recipes, median of $runs (ms); overhead = (contender - plain) / plain, target <= 0.25x"
printf '  %-34s %9s %11s\n' contender "median ms" overhead
printf '  %-34s %9d\n' "javac -proc:none" "$p"
for c in "${contenders[@]:1}"; do
  case $c in
    fresh-new) label="processor, fresh output" ;;
    unchanged-new) label="processor, unchanged output" ;;
    fresh-old) label="BASELINE processor, fresh output" ;;
    unchanged-old) label="BASELINE processor, unchanged" ;;
  esac
  row "$label" "$(median < "$work/t-$c")" "$p"
done
sed -n 's/^Note: \(comfypkgs: [0-9]* files.*\)/  last unchanged run: \1/p' "$work/unchanged-new.log"
rm -rf "$work/src-$small" "$work"/*-out "$work"/*-kept

# --- LARGE: the floor and the processor's own cost -----------------------------------------
generate_set "$large"
contenders=(plain noop real-new)
[ -z "$baseline" ] || contenders+=(real-old)
clear noop
noop
grep -q "noop: read" "$work/noop.log" || { echo "the no-op processor did not run" >&2; exit 1; }
for c in "${contenders[@]:2}"; do
  clear "$c"
  fresh "$c" "${c#real-}"
  check_generated "$large" "$work/$c-out"
done
if [ -n "$baseline" ]; then
  same_output "$work/real-old-out" "$work/real-new-out" \
    || { echo "the output differs from BASELINE's at $large recipes" >&2; exit 1; }
fi
for _ in $(seq "$runs"); do
  for c in "${contenders[@]}"; do
    clear "$c"
    case $c in
      plain | noop) timed "$work/t5-$c" "$c" ;;
      real-*) timed "$work/t5-$c" fresh "$c" "${c#real-}" ;;
    esac
  done
done
p=$(median < "$work/t5-plain"); z=$(median < "$work/t5-noop")
echo
echo "$large recipes, fresh output, median of $runs (ms)"
printf '  %-34s %9s %11s %14s %12s\n' contender "median ms" overhead "own cost (ms)" "per recipe"
printf '  %-34s %9d\n' "javac -proc:none" "$p"
awk -v t="$z" -v p="$p" 'BEGIN { printf "  %-34s %9d %10.2fx   (the floor: what any processor pays)\n", "no-op processor (reads only)", t, (t - p) / p }'
for c in "${contenders[@]:2}"; do
  label="processor"
  [ "$c" = real-old ] && label="BASELINE processor"
  awk -v l="$label" -v t="$(median < "$work/t5-$c")" -v p="$p" -v z="$z" -v n="$large" \
    'BEGIN { printf "  %-34s %9d %10.2fx %14d %9.3f ms\n", l, t, (t - p) / p, t - z, (t - z) / n }'
done
grep -ho 'comfypkgs: timing for.*' "$work/real-new.log" | sed 's/^/  last run: /' || true
