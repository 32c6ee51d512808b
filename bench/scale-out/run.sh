#!/usr/bin/env bash
# Loopback measurement of the partitioned index (docs/scale-out.md): for 1, 2 and 3 silos, the time of
# `neardup remote add` over a generated corpus, the latency of `neardup remote query` (one query at a time) and the
# time of `neardup remote cluster` (checked byte-identical to `neardup cluster`, whose time is printed first).
# Needs PostgreSQL as .ci/postgres-setup.sh leaves it. Usage: bash bench/scale-out/run.sh [DOCS] [QUERIES]
# On a 2-core machine this shows overhead, not speed-up: every silo shares the same two cores.
set -euo pipefail
. "$(dirname "$0")/common.sh"
cd "$(dirname "$0")/../.."
docs=${1:-2000}; queries=${2:-200}
dotnet build -c Release src/NearDup.Cli >/dev/null
nd=(dotnet artifacts/bin/NearDup.Cli/release/NearDup.Cli.dll)
"${nd[@]}" gen --docs "$docs" --seed 5 --out "$work/gen" -q
head -n "$queries" "$work/gen/docs.jsonl" > "$work/q.jsonl"
start=$(date +%s.%N)
"${nd[@]}" cluster "$work/gen/docs.jsonl" -q -o "$work/clusters.jsonl"
echo "one process: neardup cluster of $docs docs $(echo "$(date +%s.%N) - $start" | bc) s"
for silos in 1 2 3; do
  index="bench$silos-$RANDOM"
  # A cluster id of its own: membership rows in PostgreSQL of an earlier run (or another user) are not this run's.
  cid="$index"
  pids=()
  for s in $(seq 1 "$silos"); do
    "${nd[@]}" serve --postgres "$pg" --cluster-id "$cid" --index "$index" --partitions 12 --silo-port $((21110 + s)) \
      --gateway-port $((31110 + s)) --http-port 0 2> "$work/silo$s.log" &
    pids+=($!)
  done
  for s in $(seq 1 "$silos"); do
    until grep -q "serving index" "$work/silo$s.log"; do sleep 1; done
  done
  gateways=$(seq -s, -f "127.0.0.1:%g" 31111 $((31110 + silos)))
  start=$(date +%s.%N)
  "${nd[@]}" remote add "$work/gen/docs.jsonl" --cluster "$gateways" --cluster-id "$cid" --index "$index" 2>/dev/null
  add=$(echo "$(date +%s.%N) - $start" | bc)
  q=$("${nd[@]}" remote query "$work/q.jsonl" --cluster "$gateways" --cluster-id "$cid" --index "$index" -o /dev/null 2>&1 | tail -1)
  start=$(date +%s.%N)
  "${nd[@]}" remote cluster --cluster "$gateways" --cluster-id "$cid" --index "$index" -q -o "$work/remote-clusters.jsonl"
  cl=$(echo "$(date +%s.%N) - $start" | bc)
  same=$(cmp -s "$work/clusters.jsonl" "$work/remote-clusters.jsonl" && echo byte-identical || echo DIFFERENT)
  echo "silos=$silos docs=$docs add=${add}s ($(echo "$docs / $add" | bc) docs/s); $q; remote cluster ${cl}s ($same)"
  kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
done
