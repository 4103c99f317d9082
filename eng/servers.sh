#!/usr/bin/env bash
# Starts (or stops) the infrastructure the AppHost would run as containers, as plain processes
# on loopback, for machines without a container engine. State lives in .local/ (git-ignored);
# .local/servers.json tells the local runner and the test fixtures where each server listens.
#
#   eng/servers.sh start    install what is missing, start what is not running (idempotent)
#   eng/servers.sh stop     stop what start started, by PID
#   eng/servers.sh status
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${DEXEL_STATE_DIR:-$ROOT/.local}"
PG_PORT="${DEXEL_PG_PORT:-54329}"
REDIS_PORT="${DEXEL_REDIS_PORT:-63799}"
CH_HTTP_PORT="${DEXEL_CH_HTTP_PORT:-18123}"
CH_TCP_PORT="${DEXEL_CH_TCP_PORT:-19000}"
S3_PORT="${DEXEL_S3_PORT:-14569}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"

# Postgres runs as the postgres user, which cannot enter a checkout under a private folder (mode
# 0700, like /root or a mktemp -d): its data then lives outside the checkout, one folder per state folder.
postgres_dir() {
  mkdir -p "$STATE"
  if runuser -u postgres -- test -x "$STATE" 2>/dev/null; then echo "$STATE/postgres"
  else echo "/var/lib/dexel/postgres-$(echo "$STATE" | cksum | cut -d' ' -f1)"; fi
}

log() { printf '[servers] %s\n' "$*" >&2; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # description, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq $((seconds * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  log "$what did not come up in ${seconds}s"; return 1
}

install_missing() {
  local packages=()
  [ -n "$PG_BIN" ] || packages+=(postgresql)
  command -v redis-server >/dev/null || packages+=(redis-server)
  command -v clickhouse-server >/dev/null || packages+=(clickhouse-server clickhouse-client)
  command -v kcat >/dev/null || packages+=(kcat)
  command -v ffmpeg >/dev/null || packages+=(ffmpeg)
  [ -e /usr/lib/x86_64-linux-gnu/librdkafka.so.1 ] || packages+=(librdkafka1)
  command -v chromium >/dev/null || packages+=(chromium) # browser playback tests (Playwright drives it)
  # GStreamer plays HLS and DASH in the media tests, as a player outside the browser would.
  [ -e /usr/lib/x86_64-linux-gnu/gstreamer-1.0/libgstadaptivedemux2.so ] && [ -e /usr/lib/x86_64-linux-gnu/gstreamer-1.0/libgstlibav.so ] \
    || packages+=(gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav)
  # The voice service's speech engines (loaded through P/Invoke) and the tools its tests use.
  [ -e /usr/lib/x86_64-linux-gnu/libpocketsphinx.so ] || packages+=(pocketsphinx pocketsphinx-en-us libpocketsphinx-dev)
  [ -e /usr/lib/x86_64-linux-gnu/libflite_cmu_us_slt.so ] || packages+=(flite flite1-dev)
  command -v espeak-ng >/dev/null || packages+=(espeak-ng libespeak-ng1)
  command -v sox >/dev/null || packages+=(sox)
  if [ ${#packages[@]} -gt 0 ]; then
    log "installing ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  fi
  DEXEL_STATE_DIR="$STATE" bash "$ROOT/eng/voice/models.sh"
  if [ ! -x "$STATE/s3rver/node_modules/.bin/s3rver" ]; then
    log "installing s3rver (S3 stand-in)"
    mkdir -p "$STATE/s3rver"
    npm install --silent --no-audit --no-fund --prefix "$STATE/s3rver" s3rver@3.7.1 >/dev/null
  fi
  if [ ! -f "$STATE/players/node_modules/dashjs/package.json" ] || [ ! -f "$STATE/players/node_modules/hls.js/package.json" ] \
    || [ ! -f "$STATE/players/node_modules/shaka-player/package.json" ]; then
    log "installing hls.js, dash.js and Shaka Player (browser playback tests)"
    mkdir -p "$STATE/players"
    npm install --silent --no-audit --no-fund --prefix "$STATE/players" hls.js@1.7.4 dashjs@5.2.1 shaka-player@5.2.12 >/dev/null
  fi
}

secret() { # name [bytes]: a random value generated once per state folder
  local file="$STATE/secrets/$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$STATE/secrets"; chmod 700 "$STATE/secrets"
    head -c "${2:-18}" /dev/urandom | base64 | tr -d '/+=' > "$file"
  fi
  cat "$file"
}

start_postgres() {
  local dir; dir="$(postgres_dir)"
  if alive "$dir/data/postmaster.pid.copy" && runuser -u postgres -- "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then return; fi
  mkdir -p "$dir"; chown postgres:postgres "$dir"
  if [ ! -s "$dir/data/PG_VERSION" ]; then
    secret postgres-password > "$dir/pwfile"; chown postgres "$dir/pwfile"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
      --auth-host=scram-sha-256 --auth-local=trust -E UTF8 >/dev/null
    rm -f "$dir/pwfile"
  fi
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
    -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
  head -n1 "$dir/data/postmaster.pid" > "$dir/data/postmaster.pid.copy"
  log "postgres on 127.0.0.1:$PG_PORT"
}

start_redis() {
  local dir="$STATE/redis"; mkdir -p "$dir"
  alive "$dir/redis.pid" && return
  # Append-only persistence: a Redis restart must not log everybody out (sessions live here).
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly yes --appendfsync everysec --daemonize yes \
    --requirepass "$(secret redis-password)" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
  wait_for redis 10 test -s "$dir/redis.pid"
  log "redis on 127.0.0.1:$REDIS_PORT"
}

start_clickhouse() {
  local dir="$STATE/clickhouse"; mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas"
  alive "$dir/clickhouse.pid" && return
  cat > "$dir/config.xml" <<XML
<yandex>
  <logger><level>warning</level><log>$dir/server.log</log><errorlog>$dir/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$CH_HTTP_PORT</http_port>
  <tcp_port>$CH_TCP_PORT</tcp_port>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
</yandex>
XML
  cat > "$dir/users.xml" <<XML
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users><default>
    <password>$(secret clickhouse-password)</password>
    <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
    <profile>default</profile><quota>default</quota>
  </default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  nohup clickhouse-server --config-file="$dir/config.xml" >"$dir/stdout.log" 2>&1 &
  echo $! > "$dir/clickhouse.pid"
  wait_for clickhouse 30 curl -sf "http://127.0.0.1:$CH_HTTP_PORT/ping"
  log "clickhouse on 127.0.0.1:$CH_HTTP_PORT (http)"
}

start_kafka() {
  local dir="$STATE/kafka"; mkdir -p "$dir"
  alive "$dir/kafka.pid" && [ -s "$dir/bootstrap" ] && return
  # librdkafka's mock cluster speaks the Kafka protocol for as long as this kcat lives.
  : > "$dir/kcat.log"
  nohup kcat -C -b ignored:9092 -t __keepalive -X test.mock.num.brokers=3 -q >/dev/null 2>"$dir/kcat.log" &
  echo $! > "$dir/kafka.pid"
  wait_for kafka 15 grep -q 'replaced with' "$dir/kcat.log"
  grep -o 'replaced with [0-9.:,]*' "$dir/kcat.log" | head -n1 | sed 's/replaced with //' > "$dir/bootstrap"
  log "kafka (mock cluster) on $(cat "$dir/bootstrap")"
}

start_s3() {
  local dir="$STATE/s3"; mkdir -p "$dir/data"
  alive "$dir/s3.pid" && return
  nohup "$STATE/s3rver/node_modules/.bin/s3rver" -d "$dir/data" -a 127.0.0.1 -p "$S3_PORT" --silent >"$dir/s3.log" 2>&1 &
  echo $! > "$dir/s3.pid"
  wait_for s3rver 15 curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/"
  log "s3rver on 127.0.0.1:$S3_PORT"
}

write_servers_json() {
  local kafka; kafka="$(cat "$STATE/kafka/bootstrap")"
  cat > "$STATE/servers.json" <<JSON
{
  "servers": {
    "postgres": { "host": "127.0.0.1", "port": $PG_PORT },
    "redis": { "host": "127.0.0.1", "port": $REDIS_PORT },
    "clickhouse": { "host": "127.0.0.1", "port": $CH_HTTP_PORT },
    "kafka": { "host": "${kafka%%:*}", "port": $(echo "$kafka" | cut -d, -f1 | cut -d: -f2) },
    "minio": { "host": "127.0.0.1", "port": $S3_PORT }
  },
  "parameters": {
    "postgres-password": "$(secret postgres-password)",
    "redis-password": "$(secret redis-password)",
    "clickhouse-password": "$(secret clickhouse-password)",
    "media-signing-key": "$(secret media-signing-key 48)",
    "minio-user": "S3RVER",
    "minio-password": "S3RVER"
  }
}
JSON
}

stop_pidfile() { # name pidfile
  if alive "$2"; then kill "$(cat "$2")" 2>/dev/null || true; log "stopped $1"; fi
  rm -f "$2"
}

case "${1:-start}" in
  start)
    mkdir -p "$STATE"
    install_missing
    start_postgres; start_redis; start_clickhouse; start_kafka; start_s3
    write_servers_json
    log "ready: $STATE/servers.json"
    ;;
  stop)
    PG_DIR="$(postgres_dir)"
    if [ -s "$PG_DIR/data/postmaster.pid" ]; then
      runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
      rm -f "$PG_DIR/data/postmaster.pid.copy"; log "stopped postgres"
    fi
    stop_pidfile redis "$STATE/redis/redis.pid"
    stop_pidfile clickhouse "$STATE/clickhouse/clickhouse.pid"
    stop_pidfile kafka "$STATE/kafka/kafka.pid"; rm -f "$STATE/kafka/bootstrap"
    stop_pidfile s3rver "$STATE/s3/s3.pid"
    ;;
  status)
    if alive "$(postgres_dir)/data/postmaster.pid.copy"; then echo "up   postgres"; else echo "down postgres"; fi
    for f in redis/redis.pid clickhouse/clickhouse.pid kafka/kafka.pid s3/s3.pid; do
      if alive "$STATE/$f"; then echo "up   ${f%%/*}"; else echo "down ${f%%/*}"; fi
    done
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
