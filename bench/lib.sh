# shellcheck shell=bash
# Helpers the bench/*.sh scripts share; sourced, never run. Every timing is wall clock of a whole
# command, in milliseconds, one line per run in a file that median() reads.

now() { date +%s%N; }

# The median of the whole milliseconds on standard input, one a line, as a whole number (the
# scripts print it with %d).
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# timed FILE COMMAND...: runs COMMAND and appends its wall time in ms to FILE. A failing command
# records nothing and returns its status: a time is only worth reporting for a run that did its
# job (set -e does not apply inside a function called as a condition).
timed() {
  local file=$1 t0 t1
  shift
  t0=$(now)
  "$@" || return
  t1=$(now)
  echo $(( (t1 - t0) / 1000000 )) >> "$file"
}

# The JVM flags this checkout's .mvn/jvm.config gives Maven's JVM (Maven joins its lines), one a line.
jvm_config_flags() {
  if [ -f .mvn/jvm.config ]; then
    tr -s ' \r\n' '\n' < .mvn/jvm.config | grep -v '^$' || true
  fi
}

# Checks that $BASELINE, when set, is another checkout with its jar built; prints it absolute.
baseline_checkout() {
  [ -n "${BASELINE:-}" ] || return 0
  [ -f "$BASELINE/pom.xml" ] || { echo "BASELINE=$BASELINE is not a comfypkgs checkout" >&2; exit 2; }
  (cd "$BASELINE" && pwd)
}

# processor_path CHECKOUT OUT_FILE: compiles CHECKOUT's processor (and what it needs) if a source
# changed, and writes the class path javac needs to run it: the modules' classes, then the
# libraries. Classes, not jars, so a checkout only has to be compiled.
processor_path() {
  local dir=$1 out=$2
  (cd "$dir" && mvn -B -q -o -pl processor -am compile dependency:build-classpath \
    -DexcludeGroupIds=dev.comfypkgs -DincludeScope=runtime -Dmdep.outputFile="$out.deps" > "$out.log" 2>&1) \
    || { echo "could not compile the processor in $dir:" >&2; tail -20 "$out.log" >&2; exit 1; }
  echo "$dir/processor/target/classes:$dir/common/target/classes:$dir/annotations/target/classes:$(cat "$out.deps")" > "$out"
}
