#!/usr/bin/env bash
# What the test suite needs besides npm packages, made ready when missing (runs before `npm test`):
# Redis on 127.0.0.1:6379 (queue tests), Debian's Chromium (browser tests drive it through playwright-core),
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

if ! command -v chromium >/dev/null; then
  need_root chromium chromium
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if ! command -v dovecot >/dev/null; then
  need_root dovecot dovecot-imapd
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null
fi
