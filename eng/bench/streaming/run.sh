#!/usr/bin/env bash
# Streaming benchmark, side by side in one run on this machine, every case in interleaved rounds
# and reported as the median with the spread:
#   - processing speed of a 3-minute track (pink noise and a tone, 16-bit stereo WAV) as a multiple
#     of real time: the ffmpeg encode the streaming service logs, and upload to ready end to end;
#     one upload warms up, the next ones are measured;
#   - time to first byte of the HLS master through the gateway, Redis cache hit vs. miss;
#   - one 256 kbps segment fetched with wrk through the gateway (located by streaming on the first
#     request, then the signature checked at the gateway and the bytes read from the store on the
#     gateway's connection) vs. straight from a presigned object-store
#     URL, the same bytes; and, to show where the cost lies, streaming alone (bytes through it)
#     and bare YARP (no middleware) in front of the store: the ceiling of any proxy here.
# The services run in Release as processes wired from the AppHost's published model
# (tests/Dexel.Testing's LocalSystem, through eng/bench/gateway/SystemHost: no container engine
# needed) with private databases and bucket, proxy delivery. Every budget the run would exhaust
# is raised and printed. Any answer that is not the expected status fails the run (exit 1).
# Everything it starts is stopped on exit, the servers too when none was running before.
# Usage: bash eng/bench/streaming/run.sh [seconds per wrk case, default 10] [connections, default 16] [rounds, default 3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
source "$ROOT/eng/bench/system.sh"
cd "$ROOT"
DURATION="${1:-10}"; CONNECTIONS="${2:-16}"; ROUNDS="${3:-3}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

dotnet build eng/bench/gateway/SystemHost -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build eng/bench/gateway/BareProxy -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null

WORK="$(mktemp -d)"
SYSTEM=""
BARE=""
cleanup() {
  for pid in $SYSTEM $BARE; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
  stop_servers_we_started
}
trap cleanup EXIT
start_servers

# The ceiling of any proxy on this machine: bare YARP (no middleware) in front of the object store.
BARE_URL="http://127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
STORE="$(python3 -c "import json; s=json.load(open('.local/servers.json'))['servers']['minio']; print('http://%s:%s' % (s['host'], s['port']))")"
dotnet artifacts/bin/BareProxy/release/BareProxy.dll --urls "$BARE_URL" --Destination "$STORE" >"$WORK/bare.log" 2>&1 &
BARE=$!

LIMITS=(gateway:RateLimiting__FreePerMinute=1000000000 gateway:RateLimiting__PremiumPerMinute=1000000000
        gateway:RateLimiting__AnonymousPerMinute=1000000000 gateway:RateLimiting__MediaPerMinute=1000000000
        streaming:Streaming__Quotas__Free__ConcurrentTranscodes=1000 streaming:Streaming__Quotas__Free__AudioMinutesPerDay=1000000)
echo "Raised for the run: ${LIMITS[*]}" >&2
dotnet artifacts/bin/SystemHost/release/SystemHost.dll "$WORK/info.json" auth,streaming,gateway "${LIMITS[@]}" \
  streaming:Streaming__Delivery=Proxy \
  streaming:Logging__LogLevel__Dexel.Streaming.Application.Transcoding=Information >"$WORK/system.log" 2>&1 &
SYSTEM=$!
wait_for_system "$WORK/info.json" "$SYSTEM" "$WORK/system.log"

ffmpeg -nostdin -v error -f lavfi -i "anoisesrc=d=180:c=pink:a=0.2" -f lavfi -i "sine=frequency=440:duration=180" \
  -filter_complex amix=inputs=2 -ac 2 -ar 44100 "$WORK/track.wav"

echo "Streaming benchmark, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- services Dexel.ServiceDefaults || echo ' (modified)')"
BARE_PROXY="$BARE_URL" python3 eng/bench/streaming/bench.py "$WORK/info.json" "$WORK/track.wav" "$DURATION" "$CONNECTIONS" "$ROUNDS"
