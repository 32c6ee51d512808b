#!/usr/bin/env bash
# Batch clustering through 1, 2 and 3 silos against one process (docs/scale-out.md, "What was measured"), run
# alternately on the same corpus: `neardup cluster` timed, then N silos started, `remote add` of the corpus and
# `remote cluster` timed, its output compared with `cmp` to the single process's, then the queries again, their answers
# compared line by line with `neardup query`'s against `index build` of the corpus; CPU (user+sys) of the client from
# /usr/bin/time and of the silos from /proc/PID/stat per phase (beyond their start-up), the load average at each step,
# and the Orleans bytes each process sent per phase (the client's --traffic line, each silo's GET /traffic).
# The index's rows are deleted from PostgreSQL after each run (a 100k index is about 1 GB there).
# Needs PostgreSQL as .ci/postgres-setup.sh leaves it.
# Usage: bash bench/scale-out/cluster.sh CORPUS.jsonl ["1 2 3"] [CLI_DIR] [PARTITIONS, default 24] [RESPONSE_TIMEOUT s, default 300]
# (Orleans' 30 s response timeout is too short for a whole-table merge of a 100k index's partition on a loaded machine.)
# (CLI_DIR: a copy of artifacts/bin/NearDup.Cli/release; default: build this tree.)
# On a 2-core machine this shows overhead, not speed-up: every silo and the client share the same two cores.
set -euo pipefail
. "$(dirname "$0")/common.sh"
cd "$(dirname "$0")/../.."
corpus=$1; silo_counts=${2:-"1 2 3"}; bin=${3:-}; partitions=${4:-24}; timeout=${5:-300}
if [ -z "$bin" ]; then dotnet build -c Release src/NearDup.Cli >/dev/null; bin=artifacts/bin/NearDup.Cli/release; fi
nd=(dotnet "$bin/NearDup.Cli.dll")
# Orleans bytes sent by the silos so far (their GET /traffic), summed.
silo_sent() { local t=0 s; for s in $(seq 1 "$1"); do t=$((t + $(curl -s "127.0.0.1:$((5210 + s))/traffic" | sed 's/.*"sentBytes":\([0-9]*\).*/\1/'))); done; echo "$t"; }
per_doc() { echo "scale=0; $1 / $docs" | bc; }
docs=$(wc -l < "$corpus"); queries=500
head -n "$queries" "$corpus" > "$work/q.jsonl"
# What one machine answers to the same queries, against an index of the same corpus: the remote answers after the
# batch run are compared with it line by line.
"${nd[@]}" index build "$corpus" --index "$work/index" -q
"${nd[@]}" query "$work/index" "$work/q.jsonl" -q -o "$work/local-matches.jsonl"
for silos in $silo_counts; do
  echo "one process: neardup cluster of $docs docs: $(timed "${nd[@]}" cluster "$corpus" -q -o "$work/clusters.jsonl"); load $(load)"
  index="bench-c$silos-$RANDOM$RANDOM"
  pids=()
  for s in $(seq 1 "$silos"); do
    "${nd[@]}" serve --postgres "$pg" --cluster-id "$index" --index "$index" --partitions "$partitions" --response-timeout "$timeout" --silo-port $((21210 + s)) \
      --gateway-port $((31210 + s)) --http-port $((5210 + s)) > "$work/silo$s.out" 2> "$work/silo$s.log" &
    pids+=($!)
  done
  for s in $(seq 1 "$silos"); do until grep -q "serving index" "$work/silo$s.log"; do sleep 1; done; done
  gateways=$(seq -s, -f "127.0.0.1:%g" 31211 $((31210 + silos)))
  remote=(--cluster "$gateways" --cluster-id "$index" --index "$index" --response-timeout "$timeout")
  t0=$(ticks "${pids[@]}"); b0=$(silo_sent "$silos")
  add=$(timed "${nd[@]}" remote add "$corpus" "${remote[@]}" --traffic)
  t1=$(ticks "${pids[@]}"); b1=$(silo_sent "$silos"); c=$(client_sent)
  echo "silos=$silos remote add: $add (client); silos $(secs $((t1 - t0))) s CPU; sent: client $c B, silos $((b1 - b0)) B," \
    "$(per_doc $((c + b1 - b0))) B per document; load $(load)"
  q=$(timed "${nd[@]}" remote query "$work/q.jsonl" "${remote[@]}" --traffic -o /dev/null)
  tq=$(ticks "${pids[@]}"); bq=$(silo_sent "$silos"); c=$(client_sent)
  echo "silos=$silos remote query of $queries: $q (client); $(grep -o 'latency.*' "$work/err"); silos $(secs $((tq - t1))) s CPU;" \
    "sent: client $c B, silos $((bq - b1)) B, $(echo "scale=0; ($c + $bq - $b1) / $queries" | bc) B per query; load $(load)"
  t1=$tq; b1=$bq
  cl=$(timed "${nd[@]}" remote cluster "${remote[@]}" --traffic -v -o "$work/remote-clusters.jsonl")
  t2=$(ticks "${pids[@]}"); b2=$(silo_sent "$silos"); c=$(client_sent)
  same=$(cmp -s "$work/clusters.jsonl" "$work/remote-clusters.jsonl" && echo byte-identical || echo DIFFERENT)
  echo "silos=$silos remote cluster: $cl (client); silos $(secs $((t2 - t1))) s CPU; output $same; sent: client $c B, silos $((b2 - b1)) B," \
    "$(per_doc $((c + b2 - b1))) B per document; load $(load)"
  grep "stages 3-7" "$work/err" || true
  t2=$(ticks "${pids[@]}"); b2=$(silo_sent "$silos")
  q=$(timed "${nd[@]}" remote query "$work/q.jsonl" "${remote[@]}" --traffic -o "$work/remote-matches.jsonl")
  tq=$(ticks "${pids[@]}"); bq=$(silo_sent "$silos"); c=$(client_sent)
  equal=$(paste -d '\t' "$work/local-matches.jsonl" "$work/remote-matches.jsonl" | awk -F '\t' '$1 == $2' | wc -l)
  echo "silos=$silos remote query of $queries after the run: $q (client); $(grep -o 'latency.*' "$work/err"); silos $(secs $((tq - t2))) s CPU;" \
    "sent: client $c B, silos $((bq - b2)) B, $(echo "scale=0; ($c + $bq - $b2) / $queries" | bc) B per query; $equal of $queries lines equal to neardup query's; load $(load)"
  kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
  psql -qtA "$psql_url" -c "DELETE FROM neardup_grain_state WHERE grain_id LIKE '%/$index/%' OR grain_id LIKE '%/$index'" \
    -c "DELETE FROM neardup_partition_log WHERE partition LIKE '%/$index/%'" >/dev/null
done
