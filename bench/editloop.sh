#!/usr/bin/env bash
# Benchmark 6: the edit loop (issue 15, target 2). On the real recipes, in a throw-away clone of
# this checkout's HEAD (the repository is never touched; commit what you want measured), a
# maintainer's loop: save one recipe with a word of its description toggled, then
#   mvn -o -q compile -pl recipes-java -am
# timed from the save to its return, when the changed .nix is on disk. Every run checks that
# exactly one .nix changed and that it holds the new description. Target: <= 2.5 s.
# Contenders, alternated run by run in the same clone: Maven's JVM without .mvn/jvm.config
# ("none"), with the one this checkout ships ("shipped"), and with each flag set in
# EXTRA_CONFIGS (";"-separated, e.g. EXTRA_CONFIGS='-XX:+UseSerialGC;-Xshare:auto'); with
# BASELINE=/path/to/another/checkout, a clone of that checkout's HEAD with its own .mvn ("before").
# Then, with the shipped flags (the copies of generated-nix sit next to it, so paths into sources/
# come out the same):
#  - the breakdown: the javac invocation Maven makes (same class path, options and sources), run
#    standalone with -proc:none and with the processor (-Acomfypkgs.timing=true), and a bare JVM
#    start (javac -version): javac = plain - start, processor = with - plain, Maven = loop - (with
#    - start);
#  - an IDE-style incremental compile: javac of only the changed class, the earlier
#    recipes-java/target/classes on the class path, into a copy of generated-nix; checked from the
#    processor's note and the files that it wrote only the changed recipe's files and deleted none.
# Last, the whole reactor, `mvn -B -q -o clean compile`, without and with the shipped flags
# (REACTOR_RUNS runs each, default 3): Maven's JVM compiles the CLI too.
# Usage: [BASELINE=DIR] [RECIPE=Timm] [EXTRA_CONFIGS='...'] [REACTOR_RUNS=3] bench/editloop.sh [RUNS]
#   (from the repository root; offline Maven with the dependencies in ~/.m2)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
recipe=recipes-java/src/main/java/dev/comfypkgs/recipes/${RECIPE:-Timm}.java
baseline=$(baseline_checkout)
[ -f "$recipe" ] || { echo "no recipe $recipe" >&2; exit 2; }
git diff --quiet HEAD || echo "note: uncommitted changes are not measured (the clone is of HEAD)" >&2
work=$(mktemp -d /tmp/comfypkgs-bench-edit.XXXXXX)
trap 'rm -rf "$work"' EXIT

# clone SOURCE DIR: a private copy of SOURCE's HEAD, built once (the loop's warm state).
clone() {
  git clone -q --no-hardlinks "$1" "$2"
  git -C "$2" checkout -q --detach "$(git -C "$1" rev-parse HEAD)"
  (cd "$2" && mvn -B -o -q compile -pl recipes-java -am > "$2.build.log" 2>&1) \
    || { echo "could not build the clone of $1:" >&2; tail -20 "$2.build.log" >&2; exit 1; }
}
# The maintainer's save: a word toggled at the start of the recipe's description.
save_edit() {
  local file=$1/$recipe
  if grep -q 'description = "edited ' "$file"; then
    sed -i 's/description = "edited /description = "/' "$file"
  else
    sed -i 's/description = "/description = "edited /' "$file"
  fi
}
description() { sed -n 's/.*description = "\([^"]*\)".*/\1/p' "$1/$recipe" | head -1; }
fingerprint() { (cd "$1" && find . -type f ! -name .comfypkgs.lock -exec md5sum {} + | sort -k2); }
# check_one_nix_changed BEFORE AFTER DIR: exactly one .nix differs, none appeared or went, and
# the changed one holds the recipe's current description.
check_one_nix_changed() {
  local changed
  changed=$({ diff "$1" "$2" || true; } | sed -n 's/^> [0-9a-f]*  \(.*\.nix\)$/\1/p')
  [ "$(cut -c35- "$1")" = "$(cut -c35- "$2")" ] || { echo "files appeared or went:" >&2; diff "$1" "$2" >&2; exit 1; }
  [ "$(echo "$changed" | grep -c .)" -eq 1 ] || { echo "not exactly one .nix changed: $changed" >&2; exit 1; }
  grep -qF "$(description "$4")" "$3/$changed" || { echo "$changed lacks the new description" >&2; exit 1; }
}
# one_loop CLONE CONFIG_NAME: one timed save-and-compile.
# use_config CLONE NAME: gives the clone's Maven the JVM flags of contender NAME.
use_config() {
  case $2 in
    none) rm -f "$1/.mvn/jvm.config" ;;
    shipped) mkdir -p "$1/.mvn"; cp "$work/shipped.config" "$1/.mvn/jvm.config" ;;
    before) ;;
    *) mkdir -p "$1/.mvn"; tr ' ' '\n' <<< "$2" > "$1/.mvn/jvm.config" ;;
  esac
}
one_loop() {
  local repo=$1 name=$2
  use_config "$repo" "$name"
  fingerprint "$repo/generated-nix" > "$work/before"
  save_edit "$repo"
  timed "$work/t-$name" bash -c "cd '$repo' && mvn -o -q compile -pl recipes-java -am > '$work/mvn.log' 2>&1" \
    || { echo "mvn failed:" >&2; tail -20 "$work/mvn.log" >&2; exit 1; }
  fingerprint "$repo/generated-nix" > "$work/after"
  check_one_nix_changed "$work/before" "$work/after" "$repo/generated-nix" "$repo"
}

jvm_config_flags > "$work/shipped.config"
[ -s "$work/shipped.config" ] || { echo "this checkout ships no .mvn/jvm.config" >&2; exit 2; }
clone "$PWD" "$work/repo"
contenders=(none shipped)
if [ -n "${EXTRA_CONFIGS:-}" ]; then
  IFS=';' read -r -a extra <<< "$EXTRA_CONFIGS"
  contenders+=("${extra[@]}")
fi
[ -z "$baseline" ] || { clone "$baseline" "$work/base"; contenders+=(before); }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "shipped .mvn/jvm.config: $(tr '\n' ' ' < "$work/shipped.config")"
for c in "${contenders[@]}"; do   # warm: one untimed loop each
  if [ "$c" = before ]; then one_loop "$work/base" before; else one_loop "$work/repo" "$c"; fi
  : > "$work/t-$c"
done
for _ in $(seq "$runs"); do
  for c in "${contenders[@]}"; do
    if [ "$c" = before ]; then one_loop "$work/base" before; else one_loop "$work/repo" "$c"; fi
  done
done
echo
echo "edit loop: save ${recipe##*/} -> mvn -o -q compile -pl recipes-java -am -> .nix on disk; median of $runs (ms), target <= 2500"
for c in "${contenders[@]}"; do
  case $c in
    none) label="no .mvn/jvm.config" ;;
    shipped) label="shipped .mvn/jvm.config" ;;
    before) label="BASELINE (its own .mvn, if any)" ;;
    *) label="jvm.config: $c" ;;
  esac
  printf '  %-48s %8d\n' "$label" "$(median < "$work/t-$c")"
done

# --- breakdown, with the shipped flags -------------------------------------------------------
repo=$work/repo
cp "$work/shipped.config" "$repo/.mvn/jvm.config"
processor_path "$repo" "$work/path"
read -r -a jflags <<< "$(sed 's/^/-J/' "$work/shipped.config" | tr '\n' ' ')"
find "$repo/recipes-java/src/main/java" -name '*.java' > "$work/sources"
# The options recipes-java/pom.xml gives javac, as Maven passes them.
javac_as_maven() {
  rm -rf "$work/classes" && mkdir "$work/classes"
  javac "${jflags[@]}" -g --release 17 -d "$work/classes" -cp "$(cat "$work/path")" "$@" \
    "-Acomfypkgs.sources=$repo/sources" -Acomfypkgs.classOutput=false "@$work/sources" > "$work/javac.log" 2>&1 \
    || { echo "javac failed:" >&2; tail -20 "$work/javac.log" >&2; exit 1; }
}
cp -r "$repo/generated-nix" "$repo/nix-copy"
javac_as_maven "-Acomfypkgs.out=$repo/nix-copy"   # warm the page cache
same_tree() { diff -r --exclude=.comfypkgs.lock "$1" "$2" > /dev/null; }
same_tree "$repo/nix-copy" "$repo/generated-nix" || { echo "standalone javac wrote other Nix than Maven" >&2; exit 1; }
jvm_start() { javac "${jflags[@]}" -version > /dev/null 2>&1; }
for _ in $(seq "$runs"); do
  timed "$work/b-start" jvm_start
  timed "$work/b-plain" javac_as_maven -proc:none
  timed "$work/b-proc" javac_as_maven "-Acomfypkgs.out=$repo/nix-copy" -Acomfypkgs.timing=true
done
loop=$(median < "$work/t-shipped"); start=$(median < "$work/b-start")
plain=$(median < "$work/b-plain"); proc=$(median < "$work/b-proc")
echo
echo "breakdown of the shipped loop ($loop ms), javac run standalone as Maven runs it, output unchanged; median of $runs (ms)"
awk -v l="$loop" -v s="$start" -v p="$plain" -v q="$proc" 'BEGIN {
  printf "  %-48s %8d\n", "JVM start (javac -version)", s
  printf "  %-48s %8d\n", "javac -proc:none, JVM start included", p
  printf "  %-48s %8d\n", "javac with the processor, JVM start included", q
  printf "  %-48s %8d %5.0f%%\n", "Maven = loop - (with processor - JVM start)", l - (q - s), 100 * (l - (q - s)) / l
  printf "  %-48s %8d %5.0f%%\n", "javac = plain - JVM start", p - s, 100 * (p - s) / l
  printf "  %-48s %8d %5.0f%%\n", "processor = with - plain", q - p, 100 * (q - p) / l }'
grep -ho 'comfypkgs: timing for.*' "$work/javac.log" | sed 's/^/  processor says: /' || true

# --- IDE-style incremental compile of the changed class only ----------------------------------
cp -r "$repo/generated-nix" "$repo/ide-nix"
for _ in $(seq "$runs"); do
  fingerprint "$repo/ide-nix" > "$work/before"
  save_edit "$repo"
  timed "$work/ide" javac "${jflags[@]}" -g --release 17 -d "$repo/recipes-java/target/classes" \
    -cp "$repo/recipes-java/target/classes:$(cat "$work/path")" "-Acomfypkgs.out=$repo/ide-nix" \
    "-Acomfypkgs.sources=$repo/sources" -Acomfypkgs.classOutput=false "$repo/$recipe" > "$work/ide.log" 2>&1 \
    || { echo "incremental javac failed:" >&2; tail -20 "$work/ide.log" >&2; exit 1; }
  fingerprint "$repo/ide-nix" > "$work/after"
  check_one_nix_changed "$work/before" "$work/after" "$repo/ide-nix" "$repo"
  note=$(grep -o 'comfypkgs: [0-9]* files in .*' "$work/ide.log" || true)
  grep -q ', 0 deleted' <<< "$note" || { echo "the incremental compile deleted files: $note" >&2; exit 1; }
done
echo
echo "IDE-style: javac ${recipe##*/} alone, target/classes on the class path; median of $runs (ms)"
printf '  %-48s %8d\n' "incremental javac with the processor" "$(median < "$work/ide")"
echo "  checked every run: one .nix changed, none deleted; last note: ${note#comfypkgs: }" | sed "s|$work/||"

# --- the whole reactor, without and with the shipped flags --------------------------------------
# Maven's JVM also compiles the CLI (javac runs in it): the flags must not slow a full build.
for _ in $(seq "${REACTOR_RUNS:-3}"); do
  for c in none shipped; do
    use_config "$repo" "$c"
    timed "$work/r-$c" bash -c "cd '$repo' && mvn -B -q -o clean compile > '$work/mvn.log' 2>&1" \
      || { echo "mvn clean compile failed:" >&2; tail -20 "$work/mvn.log" >&2; exit 1; }
  done
done
echo
echo "whole reactor: mvn -B -q -o clean compile; median of ${REACTOR_RUNS:-3} (ms)"
printf '  %-48s %8d\n' "no .mvn/jvm.config" "$(median < "$work/r-none")" \
  "shipped .mvn/jvm.config" "$(median < "$work/r-shipped")"
