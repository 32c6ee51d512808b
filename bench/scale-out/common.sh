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
