#!/bin/sh
# Runs once, when the official postgres image initialises the primary's data directory
# (/docker-entrypoint-initdb.d): a replication role, a pg_hba line for it, the replica's physical slot
# (WAL is kept for it while it is away), and synchronous replication from the next start on (the
# init scripts themselves run before any standby exists, so they must not wait for one).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}';
SELECT pg_create_physical_replication_slot('replica1_slot', true);
ALTER SYSTEM SET synchronous_standby_names = '${SYNCHRONOUS_STANDBY_NAMES:-replica1}';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
