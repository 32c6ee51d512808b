# Shared by the scale-out benchmark scripts (sourced, not run): the loopback PostgreSQL they use, a scratch folder
# removed on exit with any silo still running, and the load and CPU-time readers.
pg="Host=127.0.0.1;Username=neardup;Password=neardup;Database=neardup"
psql_url="postgresql://neardup:neardup@127.0.0.1/neardup"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
# user+sys seconds of the given processes (clock ticks of 1/100 s).
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
secs() { echo "scale=2; $1 / 100" | bc; }
# One timed command, its stderr kept in $work/err: prints "WALL s, CPU user+sys s, peak RSS MB".
timed() { /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
  read -r wall user sys rss < "$work/time"; echo "${wall} s wall, $(echo "$user + $sys" | bc) s CPU, $((rss / 1024)) MB peak"; }
# Orleans bytes the last timed remote command sent (its --traffic line).
client_sent() { sed -n 's/^traffic of this client: sent [0-9,]* messages, \([0-9,]*\) B.*/\1/p' "$work/err" | tr -d ,; }
