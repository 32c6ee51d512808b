#!/usr/bin/env bash
# Batch clustering of one stored index by two builds, alternately (docs/scale-out.md, "What was measured"): the
# corpus is added once (`ingest`), then each `cluster` run starts N silos of the given build on that index (state
# loaded from PostgreSQL), times `remote cluster` (client CPU user+sys and wall from /usr/bin/time, silo CPU from
# /proc/PID/stat beyond start-up), counts the Orleans bytes every process sent (client --traffic, silos' GET /traffic),
# compares the output with `cmp` to REFERENCE (a `neardup cluster` output of the same corpus) and prints the load.
# Usage: bash bench/scale-out/recluster.sh ingest INDEX CORPUS CLI_DIR [PARTITIONS, default 24]
#        bash bench/scale-out/recluster.sh cluster INDEX SILOS CLI_DIR REFERENCE CORPUS
#        bash bench/scale-out/recluster.sh query INDEX SILOS CLI_DIR QUERIES.jsonl
#        bash bench/scale-out/recluster.sh drop INDEX
# (PORT_OFFSET=N moves every port by N, to run two at once; SETTLE=S waits S seconds before a run's warm-up.)
# (CLI_DIR: a copy of artifacts/bin/NearDup.Cli/release. Ports 22411+, 32411+, 5411+, plus PORT_OFFSET. Needs PostgreSQL as
# .ci/postgres-setup.sh leaves it.) On a 2-core machine this shows overhead, not speed-up.
set -euo pipefail
mode=$1; index=$2; o=${PORT_OFFSET:-0}
. "$(dirname "$0")/common.sh"
# Silos activating a stored 100k index's 96 partitions at once wait on their pool of 10 connections longer than
# Npgsql's 15 s at a load of 30 and more (the listing failed so): let them wait.
serve_pg="$pg;Timeout=300"
silo_sent() { local t=0 s; for s in $(seq 1 "$1"); do t=$((t + $(curl -s "127.0.0.1:$((5410 + o + s))/traffic" | sed 's/.*"sentBytes":\([0-9]*\).*/\1/'))); done; echo "$t"; }
client_sent() { sed -n 's/^traffic of this client: sent [0-9,]* messages, \([0-9,]*\) B.*/\1/p' "$work/err" | tr -d ,; }
start_silos() { # SILOS BIN PARTITIONS
  pids=()
  for s in $(seq 1 "$1"); do
    dotnet "$2/NearDup.Cli.dll" serve --postgres "$serve_pg" --cluster-id "$index" --index "$index" --partitions "$3" --response-timeout 300 \
      --silo-port $((22410 + o + s)) --gateway-port $((32410 + o + s)) --http-port $((5410 + o + s)) > "$work/silo$s.out" 2> "$work/silo$s.log" &
    pids+=($!)
  done
  for s in $(seq 1 "$1"); do until grep -q "serving index" "$work/silo$s.log"; do
    kill -0 "${pids[$((s - 1))]}" 2>/dev/null || { echo "silo $s exited before serving: $(tail -1 "$work/silo$s.log")" >&2; exit 1; }
    sleep 1; done; done
  remote=(--cluster "$(seq -s, -f "127.0.0.1:%g" $((32411 + o)) $((32410 + o + $1)))" --cluster-id "$index" --index "$index" --response-timeout 300)
}
# A cold partition reads its state on its first call; at a load of 40 some calls of the first pass were cancelled
# ("cancelled: nothing was written"), so the warm-up is tried again, up to 5 times.
warm() { local bin=$1 i; shift; for i in 1 2 3 4 5; do dotnet "$bin/NearDup.Cli.dll" "$@" 2>"$work/warm.err" && return 0
  echo "warm-up attempt $i failed: $(tail -1 "$work/warm.err")" >&2; done; exit 1; }
stop_silos() { kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true; }
case $mode in
ingest)
  corpus=$3; bin=$4; partitions=${5:-24}
  start_silos 1 "$bin" "$partitions"
  /usr/bin/time -f "%e s wall, %U+%S s CPU" dotnet "$bin/NearDup.Cli.dll" remote add "$corpus" "${remote[@]}" 2>&1 | tail -1
  echo "ingest of $(wc -l < "$corpus") into $index done; load $(load)"
  stop_silos ;;
cluster)
  silos=$3; bin=$4; reference=$5; corpus=$6; docs=$(wc -l < "$corpus")
  start_silos "$silos" "$bin" 24
  # Warm-up, not timed: activate the partitions (their state read from PostgreSQL), the document partitions by the
  # count an add prints, the key partitions by the probes of a few queries.
  # SETTLE=S waits S seconds first: partitions that the first silo up activated move to their own silo 10 to 15 s
  # after their activation (docs/scale-out.md, "Placement"), and a move during the run reads their pieces again.
  sleep "${SETTLE:-0}"
  : > "$work/empty.jsonl"; warm "$bin" remote add "$work/empty.jsonl" "${remote[@]}"
  head -n 20 "$corpus" > "$work/q.jsonl"; warm "$bin" remote query "$work/q.jsonl" "${remote[@]}" -o /dev/null
  # Where the index's grains are before the run (builds since GET /activations; empty before).
  echo "placed: $(curl -s "127.0.0.1:$((5411 + o))/activations" | tr -d '"' || true)"
  t0=$(ticks "${pids[@]}"); b0=$(silo_sent "$silos"); t0s=(); for p in "${pids[@]}"; do t0s+=("$(ticks "$p")"); done
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" dotnet "$bin/NearDup.Cli.dll" remote cluster "${remote[@]}" --traffic -v -o "$work/out.jsonl" 2>"$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  t1=$(ticks "${pids[@]}"); b1=$(silo_sent "$silos"); c=$(client_sent)
  each=(); for i in "${!pids[@]}"; do each+=("$(secs $(( $(ticks "${pids[$i]}") - ${t0s[$i]} )))"); done
  read -r wall user sys rss < "$work/time"
  same=$(cmp -s "$reference" "$work/out.jsonl" && echo byte-identical || echo DIFFERENT)
  echo "$(basename "$(dirname "$bin")")/$(basename "$bin") silos=$silos remote cluster: $wall s wall; CPU client $(echo "$user + $sys" | bc) s + silos $(secs $((t1 - t0))) s (each: ${each[*]});" \
    "client peak $((rss / 1024)) MB; sent client $c B + silos $((b1 - b0)) B = $(echo "scale=0; ($c + $b1 - $b0) / $docs" | bc) B/doc; $same; load $(load)"
  grep -E "stages 3-7|traffic of this client" "$work/err" || true
  stop_silos ;;
query)
  silos=$3; bin=$4; queries=$5; n=$(wc -l < "$queries")
  start_silos "$silos" "$bin" 24
  head -n 20 "$queries" > "$work/q.jsonl"; warm "$bin" remote query "$work/q.jsonl" "${remote[@]}" -o /dev/null
  t0=$(ticks "${pids[@]}"); b0=$(silo_sent "$silos")
  dotnet "$bin/NearDup.Cli.dll" remote query "$queries" "${remote[@]}" --traffic -o /dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  t1=$(ticks "${pids[@]}"); b1=$(silo_sent "$silos"); c=$(client_sent)
  echo "$(basename "$bin") silos=$silos remote query of $n: silos $(secs $((t1 - t0))) s CPU; sent client $c B + silos $((b1 - b0)) B = $(echo "scale=0; ($c + $b1 - $b0) / $n" | bc) B/query; load $(load)"
  grep -E "latency|read by" "$work/err"
  stop_silos ;;
drop)
  psql -qtA "$psql_url" -c "DELETE FROM neardup_grain_state WHERE grain_id LIKE '%/$index/%' OR grain_id LIKE '%/$index'" \
    -c "DELETE FROM neardup_partition_log WHERE partition LIKE '%/$index/%'" >/dev/null ;;
esac
