#!/usr/bin/env bash
# Installs and starts the PostgreSQL that the partitioned index's durability tests use
# (tests/NearDup.Distributed.Tests/DurabilityTests.cs), on loopback only, with the role and database they expect:
#   Host=127.0.0.1;Port=5432;Username=neardup;Password=neardup;Database=neardup
# Call it from .ci/run before the test suites:  bash .ci/postgres-setup.sh
# Debian's postgresql package (15 on bookworm) runs clusters with pg_ctlcluster; as root this script does the lot.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "postgres-setup: needs root (apt-get, pg_ctlcluster); run it with sudo" >&2
  exit 1
fi

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y postgresql
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  pg_createcluster "$version" main
fi
# Loopback only: nothing outside this machine reaches it. The setting lives in a conf.d file written here, not
# through pg_conftool, which writes 127.0.0.1 unquoted (a syntax error that stops the server from starting); a line
# an earlier run left in postgresql.conf is removed so that it cannot override or break this one.
# The distributed tests run silo and client processes by the dozen beside in-process clusters, each with pools of its
# own: Debian's 100 connections ran out (53300) for longer than a test's retries wait.
pg_conftool "$version" main remove listen_addresses || true
pg_conftool "$version" main remove max_connections || true
printf "listen_addresses = '127.0.0.1'\nmax_connections = 300\n" > "/etc/postgresql/$version/main/conf.d/neardup.conf"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  pg_ctlcluster "$version" main start
elif [ "$(su postgres -c "psql -qtAc 'SHOW max_connections'")" -lt 300 ]; then
  # Started by the package's install with its defaults: both settings take a restart.
  pg_ctlcluster "$version" main restart
fi

for _ in $(seq 1 30); do
  if su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'neardup'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE neardup LOGIN PASSWORD 'neardup'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'neardup'\"" | grep -q 1 \
  || su postgres -c "createdb -O neardup neardup"
PGPASSWORD=neardup psql -h 127.0.0.1 -U neardup -d neardup -qtAc 'SELECT 1' >/dev/null
echo "postgres-setup: PostgreSQL $version on 127.0.0.1:5432, role and database neardup"
