#!/usr/bin/env bash
# Makes sure Postgres (127.0.0.1:5432, trust auth, users postgres and root, database test) and Redis
# (127.0.0.1:6379) are up, starting them when they are not; installs them from Debian's packages if missing.
set -euo pipefail

wait_for() { # description, command...
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && { echo "$what: up"; return 0; }; sleep 1; done
  echo "$what: did not come up" >&2; return 1
}

if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
fi
wait_for postgres pg_isready -h 127.0.0.1 -p 5432
# Trust auth for loopback and the users/database the tests expect (idempotent).
if ! psql -h 127.0.0.1 -U postgres -d test -c 'select 1' >/dev/null 2>&1; then
  hba=$(su postgres -c "psql -tAc 'show hba_file'")
  grep -q '^host all all 127.0.0.1/32 trust' "$hba" || sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  su postgres -c "psql -c 'select pg_reload_conf()'" >/dev/null
  su postgres -c "psql -tAc \"select 1 from pg_roles where rolname='root'\"" | grep -q 1 || su postgres -c "createuser -s root"
  su postgres -c "psql -tAc \"select 1 from pg_database where datname='test'\"" | grep -q 1 || su postgres -c "createdb test"
fi
wait_for "postgres (test db)" psql -h 127.0.0.1 -U postgres -d test -c 'select 1'

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  command -v redis-server >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
wait_for redis redis-cli -h 127.0.0.1 -p 6379 ping
