#!/usr/bin/env bash
# What the test suite needs besides npm packages, made ready when missing (runs before `npm test`):
# Redis on 127.0.0.1:6379 (queue tests), PostgreSQL on 127.0.0.1:5432 (the store on the server database), Debian's Chromium (browser tests drive it through playwright-core),
# Dovecot (the e-mail connector's tests start their own IMAP server on loopback). Installing needs root and
# Debian's package sources; anywhere else it says what is missing instead.
set -euo pipefail

need_root() {
  if [ "$(id -u)" != "0" ]; then
    echo "test-services: $1 is missing; install it (Debian: sudo apt-get install $2) and run the tests again" >&2
    exit 1
  fi
}

if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
  command -v redis-server >/dev/null || { need_root redis-server redis-server; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
  mkdir -p /tmp/sightline-redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /tmp/sightline-redis --logfile /tmp/sightline-redis/redis.log
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && break
    sleep 0.2
  done
fi

# PostgreSQL 15 on 127.0.0.1:5432 with trust auth and a `test` database: the store's contract tests run on it
# too, each in a schema of its own that it drops afterwards.
pg_ready() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
if ! pg_ready; then
  if [ -d /etc/postgresql ] && [ "$(id -u)" = "0" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
    for _ in $(seq 1 50); do pg_ready && break; sleep 0.2; done
  fi
  pg_ready || { echo "test-services: PostgreSQL does not answer on 127.0.0.1:5432 (trust auth, database test)" >&2; exit 1; }
fi
if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'test'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database test"
fi

if ! command -v chromium >/dev/null; then
  need_root chromium chromium
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if ! command -v dovecot >/dev/null; then
  need_root dovecot dovecot-imapd
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null
fi
