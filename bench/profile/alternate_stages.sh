#!/bin/bash
# alternate_stages.sh BASE_DIR NEW_DIR ROUNDS INPUT: runs `neardup cluster INPUT -v` from two builds alternately
# (BASE_DIR/NearDup.Cli, NEW_DIR/NearDup.Cli) and prints a markdown row per run: load average, -v's stage seconds, the
# process CPU between -v's stage lines (stage 4, stage 5) and from the stage 6 line to the end, wall, user, peak RSS.
set -euo pipefail
base=$1 new=$2 rounds=$3 input=$4
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for r in $(seq 1 "$rounds"); do
  for build in "$base" "$new"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "TIME %e %U %M %S" "$build/NearDup.Cli" cluster "$input" -o "$scratch/out.jsonl" -v > "$scratch/log" 2>&1
    python3 - "$build" "$r" "$load" "$scratch/log" <<'PY'
import re, sys
build, r, load, path = sys.argv[1:]
t = open(path).read()
cpu = {int(m.group(1)): float(m.group(2)) for m in re.finditer(r"clustering (\d)/7 .*CPU so far ([\d.]+) s", t)}
s = re.search(r"read\+sketch ([\d.]+) s.*strong ([\d.]+), boilerplate ([\d.]+), weak ([\d.]+)\); cluster ([\d.]+) s", t)
wall, user, rss, system = re.search(r"TIME ([\d.]+) ([\d.]+) (\d+) ([\d.]+)", t).groups()
print(f"| {build} {r} | {load} | {s.group(1)} | {s.group(2)} | {s.group(3)} | {s.group(4)} | {s.group(5)} "
      f"| {cpu[5] - cpu[4]:.2f} | {cpu[6] - cpu[5]:.2f} | {float(user) + float(system) - cpu[6]:.2f} | {wall} | {user} "
      f"| {int(rss) / 1024:.0f} MB |", flush=True)
PY
  done
done
