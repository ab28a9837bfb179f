#!/bin/sh
# The streaming replica's entrypoint (official postgres image, run as user postgres): on an empty data
# directory, a base backup of the primary through its slot (pg_basebackup, WAL streamed alongside),
# then the standby's settings; then the server, as a hot standby. The primary's
# synchronous_standby_names is not kept: promoted, this server must not wait for a standby it lacks.
set -eu
PGDATA="${PGDATA:-/var/lib/postgresql/18/docker}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -p 5432 -U replicator -q; do sleep 1; done
  mkdir -p "$PGDATA" && chmod 0700 "$PGDATA"
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h "$PRIMARY_HOST" -p 5432 -U replicator -D "$PGDATA" -X stream -S replica1_slot -c fast
  sed -i '/^synchronous_standby_names/d' "$PGDATA/postgresql.auto.conf"
  cat >> "$PGDATA/postgresql.auto.conf" <<CONF
primary_conninfo = 'host=$PRIMARY_HOST port=5432 user=replicator password=$REPLICATION_PASSWORD application_name=replica1'
primary_slot_name = 'replica1_slot'
CONF
  touch "$PGDATA/standby.signal"
fi
exec postgres -D "$PGDATA" -c hot_standby=on -c hot_standby_feedback=on
