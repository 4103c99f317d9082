#!/usr/bin/env bash
# Runs Dexel through its AppHost on a machine without a container engine: installs and starts
# the servers (eng/servers.sh), builds the AppHost and starts it in local-server mode, where
# Aspire's orchestrator runs the six services against those servers and the dashboard shows
# their logs, traces and metrics. Prints the dashboard login URL and, once every service is
# healthy, the gateway URL. Ctrl+C stops the services, and the servers too if this run started them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STATE="${DEXEL_STATE_DIR:-$ROOT/.local}"
DASHBOARD_PORT="${DEXEL_DASHBOARD_PORT:-15180}"

servers_were_up=$(bash eng/servers.sh status 2>/dev/null | grep -c '^up' || true)
bash eng/servers.sh start
if [ "$servers_were_up" -lt 5 ]; then
  trap 'bash "$ROOT/eng/servers.sh" stop' EXIT
fi

echo "[run] building the AppHost and the services" >&2
dotnet build Dexel.AppHost --nologo -v quiet -clp:ErrorsOnly

# The AppHost's own settings (what its launch profile "http" would set, with ports of our
# choosing). Addresses and passwords of the servers go in as a file argument, not as
# environment variables: every service the orchestrator starts inherits this environment.
export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
export ASPNETCORE_URLS="http://localhost:$DASHBOARD_PORT"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:$((DASHBOARD_PORT + 4000))"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://localhost:$((DASHBOARD_PORT + 5000))"
export ASPIRE_DASHBOARD_MCP_ENDPOINT_URL="http://localhost:$((DASHBOARD_PORT + 3000))"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
# From its own folder, so it reads its appsettings.json (log levels).
cd "$ROOT/Dexel.AppHost"
dotnet "$ROOT/artifacts/bin/Dexel.AppHost/debug/Dexel.AppHost.dll" \
  --LocalServers "$STATE/servers.json" --GatewayPort "${DEXEL_GATEWAY_PORT:-5080}"
