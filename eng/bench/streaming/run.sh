#!/usr/bin/env bash
# Streaming benchmark, one run, side by side on this machine:
#   - processing speed of a 3-minute track (pink noise and a tone, 16-bit stereo WAV) as a multiple
#     of real time, three uploads in a row;
#   - time to first byte of the HLS master through the gateway, Redis cache hit vs. miss;
#   - one 256 kbps segment fetched with wrk through the gateway (signature check, streaming
#     service proxy) vs. straight from a presigned object-store URL.
# Usage: bash eng/bench/streaming/run.sh [seconds per wrk case, default 15] [connections, default 16]
set -euo pipefail
# It started the services with eng/Dexel.LocalRun, which the AppHost replaced; until it is moved
# onto the AppHost (issue 16) it refuses to run rather than print figures it did not measure.
echo "This benchmark still needs porting from the removed local runner to the AppHost; see docs/benchmarks.md." >&2
exit 2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
DURATION="${1:-15}"; CONNECTIONS="${2:-16}"
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null

bash eng/servers.sh start >/dev/null 2>&1
dotnet build eng/Dexel.Run.slnf -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null

WORK="$(mktemp -d)"
export RateLimiting__FreePerMinute=100000000 RateLimiting__AnonymousPerMinute=100000000
export DEXEL_GATEWAY_PORT=5090 ASPNETCORE_ENVIRONMENT=Production
dotnet artifacts/bin/Dexel.LocalRun/release/Dexel.LocalRun.dll >"$WORK/run.log" 2>&1 &
RUNNER=$!
trap 'kill $RUNNER 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 180); do grep -q '^Gateway:' "$WORK/run.log" && break; sleep 1; done
LOGS="$(grep -o 'logs in [^)]*' "$WORK/run.log" | cut -d' ' -f3)"

ffmpeg -nostdin -v error -f lavfi -i "anoisesrc=d=180:c=pink:a=0.2" -f lavfi -i "sine=frequency=440:duration=180" \
  -filter_complex amix=inputs=2 -ac 2 -ar 44100 "$WORK/track.wav"

echo "Streaming benchmark, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
python3 eng/bench/streaming/bench.py "http://127.0.0.1:$DEXEL_GATEWAY_PORT" "$LOGS/streaming.log" "$WORK/track.wav" "$WORK"

GATEWAY_URL="$(sed -n 1p "$WORK/segment-urls.txt")"; OBJECT_URL="$(sed -n 2p "$WORK/segment-urls.txt")"
SIZE="$(curl -sf "$GATEWAY_URL" | wc -c)"
[ "$SIZE" = "$(curl -sf "$OBJECT_URL" | wc -c)" ] || { echo "segment differs between the two paths" >&2; exit 1; }
measure() { # name url
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$2" > "$WORK/wrk.out" 2>&1
  local rps p50 p99 mbs non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/wrk.out"); p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk.out")
  mbs=$(awk '/Transfer\/sec/ {print $2}' "$WORK/wrk.out")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.out"); non2xx=${non2xx:-0}
  printf '| %-40s | %9s | %10s | %8s | %8s | %7s |\n' "$1" "$rps" "$mbs" "$p50" "$p99" "$non2xx"
}
wrk -t1 -c4 -d3s "$GATEWAY_URL" >/dev/null 2>&1; wrk -t1 -c4 -d3s "$OBJECT_URL" >/dev/null 2>&1
echo
echo "## One segment ($SIZE bytes), wrk -c$CONNECTIONS -d${DURATION}s"
echo
echo "| path                                     |  req/s    |  transfer  |  p50     |  p99     | non-2xx |"
echo "|------------------------------------------|----------:|-----------:|---------:|---------:|--------:|"
measure "gateway → streaming (signed URL, proxy)" "$GATEWAY_URL"
measure "object store (presigned URL)" "$OBJECT_URL"
