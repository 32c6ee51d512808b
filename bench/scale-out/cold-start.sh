#!/usr/bin/env bash
# Cold start (docs/scale-out.md, "Cold start"): SILOS silos of the build in CLI_DIR started on stored index INDEX (24
# partitions, added by `recluster.sh ingest`), then `remote cluster` at once, no warm-up by the script; prints the
# silos' warm-up line, the run's result and the load. PGEXTRA is appended to the connection string (e.g.
# ";Maximum Pool Size=1;Timeout=3" to make 20,000 documents queue for connections as 100,000 did on a pool of 10).
# Usage: bash bench/scale-out/cold-start.sh INDEX SILOS CLI_DIR OUT.jsonl   (ports 22711+ and 32711+)
set -uo pipefail
index=$1; silos=$2; bin=$3; out=$4
. "$(dirname "$0")/common.sh"
pids=()
for s in $(seq 1 "$silos"); do
  dotnet "$bin/NearDup.Cli.dll" serve --postgres "$pg${PGEXTRA:-}" --cluster-id "$index" --index "$index" --partitions 24 \
    --silo-port $((22710 + s)) --gateway-port $((32710 + s)) --http-port 0 > "$work/silo$s.out" 2> "$work/silo$s.log" &
  pids+=($!)
done
for s in $(seq 1 "$silos"); do
  until grep -q "serving index" "$work/silo$s.log"; do
    kill -0 "${pids[$((s - 1))]}" 2>/dev/null || { echo "silo $s exited before serving:"; tail -5 "$work/silo$s.log"; exit 1; }
    sleep 1
  done
done
grep -h "loaded in\|warning" "$work"/silo*.log | head -5; echo "silos up $(date +%T); load $(load)"
gw=$(seq -s, -f "127.0.0.1:%g" 32711 $((32710 + silos)))
/usr/bin/time -f "%e s wall %U+%S CPU" dotnet "$bin/NearDup.Cli.dll" remote cluster --cluster "$gw" --cluster-id "$index" --index "$index" -v -o "$out" 2> "$work/err"
echo "exit $?; load $(load)"
grep -v "^   at \|End of stack trace" "$work/err" | tail -15
kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null
