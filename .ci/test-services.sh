#!/usr/bin/env bash
# What the test suite needs besides npm packages, made ready when missing (runs before `npm test`):
# Redis (queue tests; REDIS_URL, default redis://127.0.0.1:6379), PostgreSQL on 127.0.0.1:5432 (the store on
# the server database; SIGHTLINE_TEST_PG_URL), Debian's Chromium (browser tests drive it through
# playwright-core; CHROMIUM_PATH), Dovecot (the e-mail connector's tests start their own IMAP server on
# loopback; DOVECOT_BIN). The tests read the same variables. Installing needs root and Debian's package
# sources; without root it lists exactly what to install, all at once, and exits 1.
set -euo pipefail

REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
PG_URL="${SIGHTLINE_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
is_root() { [ "$(id -u)" = "0" ]; }
missing=()
# Debian puts daemons in /usr/sbin, which a non-root PATH often lacks.
find_bin() { command -v "$1" 2>/dev/null || { [ -x "/usr/sbin/$1" ] && echo "/usr/sbin/$1"; } || true; }
apt_install() { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }

redis_ok() { redis-cli -u "$REDIS_URL" ping 2>/dev/null | grep -q PONG; }
if ! redis_ok; then
  if [ "$REDIS_URL" != "redis://127.0.0.1:6379" ]; then
    echo "test-services: Redis does not answer at REDIS_URL=$REDIS_URL" >&2
    exit 1
  fi
  server="$(find_bin redis-server)"
  if [ -z "$server" ]; then
    if is_root; then apt_install redis-server; server="$(find_bin redis-server)"; else missing+=(redis-server); fi
  fi
  if [ -n "$server" ]; then
    mkdir -p /tmp/sightline-redis
    "$server" --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /tmp/sightline-redis --logfile /tmp/sightline-redis/redis.log
    for _ in $(seq 1 50); do redis_ok && break; sleep 0.2; done
  fi
fi

# PostgreSQL 15 with trust auth and a `test` database: the store's contract tests run on it too, each in a
# schema of its own that it drops afterwards.
pg_ready() { pg_isready -d "$PG_URL" -q 2>/dev/null; }
if ! pg_ready; then
  if [ -d /etc/postgresql ] && is_root; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
    for _ in $(seq 1 50); do pg_ready && break; sleep 0.2; done
  fi
  pg_ready || { echo "test-services: PostgreSQL does not answer at $PG_URL (trust auth; start it, e.g. sudo pg_ctlcluster 15 main start)" >&2; exit 1; }
fi
if [ -z "${SIGHTLINE_TEST_PG_URL:-}" ] &&
  ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'test'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database test"
fi

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || { echo "test-services: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2; exit 1; }
elif [ -z "$(find_bin chromium)" ] && [ -z "$(find_bin chromium-browser)" ]; then
  if is_root; then apt_install chromium; else missing+=(chromium); fi
fi

if [ -n "${DOVECOT_BIN:-}" ]; then
  [ -x "$DOVECOT_BIN" ] || { echo "test-services: DOVECOT_BIN=$DOVECOT_BIN is not an executable" >&2; exit 1; }
elif [ -z "$(find_bin dovecot)" ]; then
  if is_root; then apt_install dovecot-imapd; else missing+=(dovecot-imapd); fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "test-services: missing ${missing[*]}; install with: sudo apt-get install ${missing[*]}" >&2
  echo "test-services: or point the tests at yours with REDIS_URL, CHROMIUM_PATH, DOVECOT_BIN" >&2
  exit 1
fi
