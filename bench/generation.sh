#!/usr/bin/env bash
# Benchmark 1: the processor's cost at scale. Compiles synthetic recipe sets of 100, 1,000 and
# 5,000 recipes with javac, with the processor and without it (-proc:none), same JVM and flags,
# alternating the two, and reports medians, the overhead ratio and the time per recipe.
# Usage: bench/generation.sh [RUNS] [SIZES...]   (from the repository root; builds the jars first)
# The processor runs as recipes-java runs it (-Acomfypkgs.classOutput=false); CLASS_OUTPUT=true
# measures it with the extra copies through javac's Filer.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
sizes=${*:-100 1000 5000}
work=$(mktemp -d /tmp/comfypkgs-bench-gen.XXXXXX)
trap 'rm -rf "$work"' EXIT

mvn -B -q -DskipTests -pl annotations,processor -am package
mvn -B -q -pl processor dependency:build-classpath -Dmdep.outputFile="$work/deps.txt" -Dmdep.includeScope=runtime >/dev/null
annotations=$(ls annotations/target/comfypkgs-annotations-*.jar | head -1)
processor=$(ls processor/target/comfypkgs-processor-*.jar | grep -v sources | head -1)
procpath="$processor:$annotations:$(cat "$work/deps.txt")"
jflags=(-J-Xms512m -J-Xmx4g -J-XX:+UseParallelGC)

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

printf '%-8s %12s %14s %10s %16s\n' recipes "plain (ms)" "processor (ms)" overhead "per recipe (ms)"
for n in $sizes; do
  java bench/GenerateRecipes.java "$n" "$work/src-$n"
  find "$work/src-$n" -name '*.java' > "$work/sources-$n.txt"
  : > "$work/plain-$n"; : > "$work/proc-$n"
  for r in $(seq "$runs"); do
    rm -rf "$work/out" "$work/nix"; mkdir -p "$work/out"
    t0=$(now); javac "${jflags[@]}" -proc:none -cp "$annotations" -d "$work/out" "@$work/sources-$n.txt"; t1=$(now)
    echo $(( (t1 - t0) / 1000000 )) >> "$work/plain-$n"
    rm -rf "$work/out" "$work/nix"; mkdir -p "$work/out"
    t0=$(now)
    javac "${jflags[@]}" -cp "$annotations" -processorpath "$procpath" \
      -processor dev.comfypkgs.processor.RecipeProcessor -Acomfypkgs.out="$work/nix" \
      -Acomfypkgs.classOutput="${CLASS_OUTPUT:-false}" \
      -d "$work/out" "@$work/sources-$n.txt" 2> "$work/javac-$n.log"
    t1=$(now)
    echo $(( (t1 - t0) / 1000000 )) >> "$work/proc-$n"
    test "$(ls "$work/nix/.flox/pkgs" | wc -l)" -eq $((n + 1)) || { echo "generation failed at $n:"; tail "$work/javac-$n.log"; exit 1; }
  done
  plain=$(median < "$work/plain-$n"); proc=$(median < "$work/proc-$n")
  awk -v n="$n" -v a="$plain" -v b="$proc" \
    'BEGIN { printf "%-8d %12d %14d %9.2fx %16.3f\n", n, a, b, (b - a) / a, (b - a) / n }'
done
