#!/usr/bin/env bash
# The web app: the size of the published app (Brotli, what a browser downloads) and the time from
# navigation to an interactive home page in chromium on loopback, cold and warm cache.
#   eng/bench/web/run.sh [rounds]
# The services run in Release as processes wired from the AppHost's model (SystemHost), the gateway
# from `dotnet publish` so it serves the published, trimmed and precompressed app.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
source "$ROOT/eng/bench/system.sh"
WORK="$(mktemp -d)"; SYSTEM=""
trap '[ -n "$SYSTEM" ] && { kill -TERM "$SYSTEM" 2>/dev/null; wait "$SYSTEM" 2>/dev/null; }; rm -rf "$WORK"; stop_servers_we_started' EXIT
quiet=(--nologo -v quiet -clp:ErrorsOnly)

echo "Web app, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD)"
dotnet publish "$ROOT/services/Dexel.Gateway" -c Release -o "$WORK/gateway" "${quiet[@]}" >/dev/null
python3 - "$WORK/gateway/wwwroot" <<'PY'
import os, sys
root = sys.argv[1]
groups = {}
for folder, _, files in os.walk(root):
    for name in files:
        if name.endswith(('.br', '.gz')):
            continue
        path = os.path.join(folder, name)
        served = path + '.br' if os.path.exists(path + '.br') else path
        group = os.path.relpath(folder, root).split(os.sep)[0]
        raw, br = groups.get(group, (0, 0))
        groups[group] = (raw + os.path.getsize(path), br + os.path.getsize(served))
total_raw = sum(r for r, _ in groups.values()); total_br = sum(b for _, b in groups.values())
print("Published app (dotnet publish -c Release), every file as served with Brotli:")
for group, (raw, br) in sorted(groups.items(), key=lambda g: -g[1][1]):
    print(f"  {group or '(root)':12} {raw / 1e6:6.2f} MB raw, {br / 1e6:6.2f} MB Brotli")
print(f"  {'total':12} {total_raw / 1e6:6.2f} MB raw, {total_br / 1e6:6.2f} MB Brotli")
PY

start_servers
for project in services/Dexel.Auth services/Dexel.Playlist services/Dexel.Streaming services/Dexel.Analytics eng/bench/gateway/SystemHost eng/bench/web/WebBench; do
  dotnet build "$ROOT/$project" -c Release "${quiet[@]}" >/dev/null
done
LIMITS=(gateway:RateLimiting__FreePerMinute=1000000000 gateway:RateLimiting__AnonymousPerMinute=1000000000)
echo "Raised for the run: ${LIMITS[*]}" >&2
DEXEL_ASSEMBLY_gateway="$WORK/gateway/Dexel.Gateway.dll" \
  dotnet "$ROOT/artifacts/bin/SystemHost/release/SystemHost.dll" "$WORK/info.json" auth,playlist,streaming,analytics,gateway "${LIMITS[@]}" \
  >"$WORK/system.log" 2>&1 &
SYSTEM=$!
wait_for_system "$WORK/info.json" "$SYSTEM" "$WORK/system.log"
dotnet "$ROOT/artifacts/bin/WebBench/release/WebBench.dll" "$WORK/info.json" "${1:-10}"
