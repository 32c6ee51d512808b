#!/usr/bin/env bash
# Ingest time of the partitioned index (docs/scale-out.md, "Durable state"): 2 silos, 8 partitions, `neardup remote add`
# of `neardup gen --docs DOCS --seed 5`, timed; then the bytes stored per state and in the partition log, the largest
# stored row (what one call wrote at most), and the WAL PostgreSQL wrote during the ingest (all that the writes cost,
# other clients of the server included: run it alone), the Orleans bytes the client sent (--traffic), and each
# silo's CPU.
# Needs PostgreSQL as .ci/postgres-setup.sh leaves it. Usage: bash bench/scale-out/ingest.sh [DOCS] [CLI_DIR]
# (CLI_DIR: a copy of artifacts/bin/NearDup.Cli/release, to compare builds; default: build this tree).
set -euo pipefail
. "$(dirname "$0")/common.sh"
cd "$(dirname "$0")/../.."
docs=${1:-8000}; bin=${2:-}
if [ -z "$bin" ]; then dotnet build -c Release src/NearDup.Cli >/dev/null; bin=artifacts/bin/NearDup.Cli/release; fi
nd=(dotnet "$bin/NearDup.Cli.dll")
"${nd[@]}" gen --docs "$docs" --seed 5 --out "$work/gen" -q
cid="ingest$RANDOM$RANDOM"
pids=()
for s in 1 2; do
  "${nd[@]}" serve --postgres "$pg" --cluster-id "$cid" --index "$cid" --partitions 8 --silo-port $((23110 + s)) \
    --gateway-port $((33110 + s)) --http-port 0 2> "$work/s$s.log" &
  pids+=($!)
done
for s in 1 2; do until grep -q "serving index" "$work/s$s.log"; do sleep 1; done; done
wal() { psql -qtA "$psql_url" -c "SELECT pg_current_wal_lsn()"; }
wal0=$(wal)
start=$(date +%s.%N)
"${nd[@]}" remote add "$work/gen/docs.jsonl" --cluster 127.0.0.1:33111,127.0.0.1:33112 --cluster-id "$cid" --index "$cid" --traffic \
  > "$work/add.log" 2>&1
grep -iE "^added|^traffic" "$work/add.log" || tail -3 "$work/add.log"
echo "silos' CPU (user+sys s, each, start-up included): $(for p in "${pids[@]}"; do printf '%s ' "$(secs "$(ticks "$p")")"; done)"
echo "$bin docs=$docs ingest $(echo "$(date +%s.%N) - $start" | bc) s; load $(cut -d' ' -f1 /proc/loadavg)"
psql -qtA "$psql_url" \
  -c "SELECT 'WAL bytes', pg_wal_lsn_diff(pg_current_wal_lsn(), '$wal0')" \
  -c "SELECT state_name, count(*), sum(length(payload)), max(length(payload)) FROM neardup_grain_state WHERE grain_id LIKE '%$cid/%' GROUP BY 1 ORDER BY 1" \
  -c "SELECT 'log', count(*), sum(length(delta)), max(length(delta)) FROM neardup_partition_log WHERE partition LIKE '%$cid/%'" 2>/dev/null || true
kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
