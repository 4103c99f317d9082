#!/usr/bin/env bash
# Gateway overhead, side by side in one run with the same load tool (wrk) and settings, every
# case run in each of several interleaved rounds and reported as the median with the spread:
#   (a) auth's GET /api/v1/users/me directly, (b) through a bare YARP proxy, (c) through the full
#   gateway (JWT validation, session check, Redis rate limit, resilience, telemetry);
#   (d) a cheap upstream (a constant from memory) directly, (e) through bare YARP, (f) through
#   the full gateway, so the upstream's database work does not hide the gateway's cost;
#   (g) logins per second through the gateway.
# The services run in Release as processes wired from the AppHost's published model
# (tests/Dexel.Testing's LocalSystem, through eng/bench/gateway/SystemHost: no container engine
# needed) with private databases. Every budget a run would exhaust is raised (the gateway still
# counts every request in Redis). Any non-2xx answer or socket error fails the run (exit 1).
# Everything it starts is stopped on exit, the servers too when none was running before.
# Usage: bash eng/bench/gateway/run.sh [seconds per case, default 10] [connections, default 32] [rounds, default 3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
source "$ROOT/eng/bench/system.sh"
cd "$ROOT"
DURATION="${1:-10}"; CONNECTIONS="${2:-32}"; ROUNDS="${3:-3}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

dotnet build eng/bench/gateway/SystemHost -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
  stop_servers_we_started
}
trap cleanup EXIT
start_servers
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url pid
  for _ in $(seq 120); do
    curl -s -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "process $2 for $1 exited" >&2; return 1; }
    sleep 0.5
  done
  echo "$1 did not answer" >&2; return 1
}
BARE=artifacts/bin/BareProxy/release/BareProxy.dll

CHEAP="http://127.0.0.1:$(free_port)"
dotnet "$BARE" --urls "$CHEAP" --Respond '{"pong":true}' >"$WORK/cheap.log" 2>&1 & PIDS+=($!)
wait_for "$CHEAP/" "${PIDS[-1]}"

echo "Raised for the run: gateway RateLimiting Free/Premium/Anonymous/Media PerMinute = 1000000000, auth Auth__MaxFailedLoginsPerAddress = 1000000000" >&2
dotnet artifacts/bin/SystemHost/release/SystemHost.dll "$WORK/info.json" auth,gateway \
  gateway:RateLimiting__FreePerMinute=1000000000 gateway:RateLimiting__PremiumPerMinute=1000000000 \
  gateway:RateLimiting__AnonymousPerMinute=1000000000 gateway:RateLimiting__MediaPerMinute=1000000000 \
  auth:Auth__MaxFailedLoginsPerAddress=1000000000 \
  gateway:ReverseProxy__Routes__bench__ClusterId=bench gateway:ReverseProxy__Routes__bench__AuthorizationPolicy=default \
  gateway:ReverseProxy__Routes__bench__CorsPolicy=clients gateway:ReverseProxy__Routes__bench__Timeout=00:00:30 \
  "gateway:ReverseProxy__Routes__bench__Match__Path=/bench/{**rest}" \
  "gateway:ReverseProxy__Clusters__bench__Destinations__bench__Address=$CHEAP" >"$WORK/system.log" 2>&1 & PIDS+=($!)
wait_for_system "$WORK/info.json" "${PIDS[-1]}" "$WORK/system.log"
AUTH="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["urls"]["auth"])' "$WORK/info.json")"

BARE_AUTH="http://127.0.0.1:$(free_port)"
dotnet "$BARE" --urls "$BARE_AUTH" --Destination "$AUTH" >"$WORK/bare-auth.log" 2>&1 & PIDS+=($!)
wait_for "$BARE_AUTH/health" "${PIDS[-1]}"
BARE_CHEAP="http://127.0.0.1:$(free_port)"
dotnet "$BARE" --urls "$BARE_CHEAP" --Destination "$CHEAP" >"$WORK/bare-cheap.log" 2>&1 & PIDS+=($!)
wait_for "$BARE_CHEAP/" "${PIDS[-1]}"

echo "Gateway benchmark, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- services Dexel.ServiceDefaults || echo ' (modified)')"
python3 eng/bench/gateway/bench.py "$WORK/info.json" "$BARE_AUTH" "$BARE_CHEAP" "$CHEAP" "$DURATION" "$CONNECTIONS" "$ROUNDS"
