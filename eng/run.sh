#!/usr/bin/env bash
# Brings the whole of Dexel up on a machine without a container engine: installs and starts
# the servers (eng/servers.sh), builds the services, starts them with the wiring of
# aspire-manifest.json, waits until every /health is healthy and prints the gateway URL.
# Ctrl+C stops the services, and the servers too if this run started them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

servers_were_up=$(bash eng/servers.sh status 2>/dev/null | grep -c '^up' || true)
bash eng/servers.sh start
if [ "$servers_were_up" -lt 5 ]; then
  trap 'bash eng/servers.sh stop' EXIT
fi

echo "[run] building services" >&2
dotnet build eng/Dexel.Run.slnf --nologo -v quiet -clp:ErrorsOnly
dotnet artifacts/bin/Dexel.LocalRun/debug/Dexel.LocalRun.dll
