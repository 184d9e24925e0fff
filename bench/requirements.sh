#!/usr/bin/env bash
# Benchmark 5: a large requirements file. Wall time of `./comfypkgs import-requirements` (reads,
# classifies and prints every line, JVM start included) against pip reading the same file with
# its own parser (parse_requirements, then a Requirement for each line: what pip does before it
# resolves anything), for files of LINES lines; alternated, median of RUNS.
# Usage: bench/requirements.sh [RUNS] [LINES...]   (from the repository root; needs python3 with pip)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
shift || true
sizes=("${@:-10000 100000}")
test -f cli/target/comfypkgs.jar || mvn -B -q -DskipTests package
./comfypkgs --version > /dev/null   # prepares the start-up archive if the jar is newer
python3 -c 'import pip' 2> /dev/null || { echo "requirements.sh: needs python3 with pip" >&2; exit 3; }
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/pip_reads.py" <<'PY'
import sys
from pip._internal.network.session import PipSession
from pip._internal.req.constructors import install_req_from_parsed_requirement
from pip._internal.req.req_file import parse_requirements
n = sum(1 for r in parse_requirements(sys.argv[1], session=PipSession())
        if install_req_from_parsed_requirement(r).name)
print(n)
PY
# shellcheck disable=SC2068
for lines in ${sizes[@]}; do
  python3 - "$work/req$lines.txt" "$lines" <<'PY'
import sys
shapes = ["pkg{i}>=1.{i}", "pkg{i}[extra]==2.0.*", "pkg{i} ; python_version > '3.8'", "pkg{i}~=1.4,<2"]
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(shapes[i % len(shapes)].format(i=i) + "\n")
PY
  for _ in $(seq "$runs"); do
    t0=$(now); ./comfypkgs --dir generated-nix import-requirements "$work/req$lines.txt" > /dev/null
    t1=$(now); echo $(( (t1 - t0) / 1000000 )) >> "$work/java$lines"
    t0=$(now); python3 "$work/pip_reads.py" "$work/req$lines.txt" > /dev/null
    t1=$(now); echo $(( (t1 - t0) / 1000000 )) >> "$work/pip$lines"
  done
done
printf '%10s %22s %14s %8s\n' lines "import-requirements (ms)" "pip reads (ms)" ratio
# shellcheck disable=SC2068
for lines in ${sizes[@]}; do
  j=$(median < "$work/java$lines"); p=$(median < "$work/pip$lines")
  awk -v n="$lines" -v j="$j" -v p="$p" 'BEGIN { printf "%10d %22d %14d %7.2fx\n", n, j, p, j / p }'
done
