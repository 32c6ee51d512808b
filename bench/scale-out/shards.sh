#!/usr/bin/env bash
# Ingest at the client against ingest at the silos (docs/scale-out.md, "Shard ingest"): N silos started, then
# `remote add CORPUS` (client: the client reads and sketches) or `remote add CORPUS --at-silos` (silos: shards read and
# sketched there), timed; CPU (user+sys) of the client from /usr/bin/time and of the silos from /proc/PID/stat, the
# Orleans bytes each process sent (the client's --traffic line, each silo's GET /traffic), the load average.
# With CMP=1, `remote cluster` after the add, compared with `cmp` to `neardup cluster` of the corpus.
# The index's rows are deleted from PostgreSQL after each run. Needs PostgreSQL as .ci/postgres-setup.sh leaves it.
# Usage: bash bench/scale-out/shards.sh CORPUS.jsonl|FOLDER ["1 3"] ["client silos"] [CLI_DIR] [PARTITIONS, default 24] [SHARD_MIB, default 32]
# (PORT_OFFSET=N moves every port by N, to run two at once. CLI_DIR: a copy of artifacts/bin/NearDup.Cli/release; default: build this tree.)
# On a 2-core machine this shows overhead, not speed-up: every silo and the client share the same two cores.
set -euo pipefail
. "$(dirname "$0")/common.sh"
cd "$(dirname "$0")/../.."
corpus=$1; silo_counts=${2:-"1 3"}; modes=${3:-"client silos"}; bin=${4:-}; partitions=${5:-24}; shard_mib=${6:-32}; o=${PORT_OFFSET:-0}
if [ -z "$bin" ]; then dotnet build -c Release src/NearDup.Cli >/dev/null; bin=artifacts/bin/NearDup.Cli/release; fi
nd=(dotnet "$bin/NearDup.Cli.dll")
silo_sent() { local t=0 s; for s in $(seq 1 "$1"); do t=$((t + $(curl -s "127.0.0.1:$((5510 + o + s))/traffic" | sed 's/.*"sentBytes":\([0-9]*\).*/\1/'))); done; echo "$t"; }
if [ -d "$corpus" ]; then docs=$(find "$corpus" -type f -name '*.txt' | wc -l); else docs=$(wc -l < "$corpus"); fi  # a folder: its text files
if [ "${CMP:-0}" = 1 ]; then "${nd[@]}" cluster "$corpus" -q -o "$work/clusters.jsonl"; fi
for silos in $silo_counts; do
  for mode in $modes; do
    index="bench-s$silos-$RANDOM$RANDOM"
    pids=()
    for s in $(seq 1 "$silos"); do
      "${nd[@]}" serve --postgres "$pg" --cluster-id "$index" --index "$index" --partitions "$partitions" --response-timeout 300 \
        --silo-port $((21510 + o + s)) --gateway-port $((31510 + o + s)) --http-port $((5510 + o + s)) > "$work/silo$s.out" 2> "$work/silo$s.log" &
      pids+=($!)
    done
    for s in $(seq 1 "$silos"); do until grep -q "serving index" "$work/silo$s.log"; do sleep 1; done; done
    gateways=$(seq -s, -f "127.0.0.1:%g" $((31511 + o)) $((31510 + o + silos)))
    remote=(--cluster "$gateways" --cluster-id "$index" --index "$index" --response-timeout 300)
    extra=(); if [ "$mode" = silos ]; then extra=(--at-silos --shard-size "$shard_mib"); fi
    t0=$(ticks "${pids[@]}"); b0=$(silo_sent "$silos"); l0=$(load)
    add=$(timed "${nd[@]}" remote add "$corpus" "${remote[@]}" "${extra[@]}" --traffic)
    t1=$(ticks "${pids[@]}"); b1=$(silo_sent "$silos"); c=$(client_sent)
    wall=${add%% s wall*}
    echo "$bin silos=$silos $mode: remote add $docs docs: $add (client), $(echo "scale=0; $docs / $wall" | bc) docs/s; silos $(secs $((t1 - t0))) s CPU;" \
      "sent: client $c B ($(echo "scale=0; $c / $docs" | bc) B/doc), silos $((b1 - b0)) B, $(echo "scale=0; ($c + $b1 - $b0) / $docs" | bc) B/doc in all; load $l0 -> $(load)"
    grep -E "shards read at the silos|added .* documents" "$work/err" || true
    if [ "${CMP:-0}" = 1 ]; then
      "${nd[@]}" remote cluster "${remote[@]}" -q -o "$work/remote-clusters.jsonl"
      echo "  remote cluster: $(cmp -s "$work/clusters.jsonl" "$work/remote-clusters.jsonl" && echo byte-identical || echo DIFFERENT) to neardup cluster"
    fi
    kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
    psql -qtA "$psql_url" -c "DELETE FROM neardup_grain_state WHERE grain_id LIKE '%/$index/%' OR grain_id LIKE '%/$index'" \
      -c "DELETE FROM neardup_partition_log WHERE partition LIKE '%/$index/%'" >/dev/null
  done
done
