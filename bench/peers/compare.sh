#!/usr/bin/env bash
# Side by side: NearDup and the datasketch recipe (datasketch_cluster.py) on one corpus, timed alike.
# usage: bench/peers/compare.sh DOCS.jsonl OUT_DIR [NEARDUP] [THRESHOLD]
#   NEARDUP: the CLI to run (default: a Release build under /tmp/neardup-peers, built once);
#   THRESHOLD: datasketch's LSH threshold (default 0.5).
# Needs PYTHONPATH to reach datasketch (bench/peers/README.md); writes OUT_DIR/{neardup,datasketch}.jsonl and
# OUT_DIR/times.txt (wall, user, peak RSS of each run). Score both files with the same scorer afterwards.
set -euo pipefail
docs=${1:?usage: compare.sh DOCS.jsonl OUT_DIR [NEARDUP] [THRESHOLD]}
out=${2:?usage: compare.sh DOCS.jsonl OUT_DIR [NEARDUP] [THRESHOLD]}
root=$(cd "$(dirname "$0")/../.." && pwd)
neardup=${3:-}
threshold=${4:-0.5}
python=${PYTHON:-/usr/bin/python3}
mkdir -p "$out"
if [[ -z "$neardup" ]]; then
    dotnet build -c Release "$root/src/NearDup.Cli" -o /tmp/neardup-peers >/dev/null
    neardup=/tmp/neardup-peers/NearDup.Cli
fi
timed() { /usr/bin/time -f "$1 wall %e s user %U s sys %S s peak %M KB" -a -o "$out/times.txt" "${@:2}"; }
: > "$out/times.txt"
timed "neardup (all cores)" "$neardup" cluster "$docs" -o "$out/neardup.jsonl" -q
timed "neardup --threads 1" "$neardup" cluster "$docs" -o "$out/neardup-1.jsonl" -q --threads 1
timed "datasketch t=$threshold" "$python" "$root/bench/peers/datasketch_cluster.py" "$docs" "$out/datasketch.jsonl" --threshold "$threshold"
timed "datasketch t=$threshold xxh32" "$python" "$root/bench/peers/datasketch_cluster.py" "$docs" "$out/datasketch-xxh.jsonl" --threshold "$threshold" --xxhash
cmp -s "$out/neardup.jsonl" "$out/neardup-1.jsonl" || echo "warning: neardup's output differs by thread count" >&2
cat "$out/times.txt"
