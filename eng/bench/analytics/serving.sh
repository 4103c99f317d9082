#!/usr/bin/env bash
# Analytics serving benchmark: ingestion events/s from Kafka to queryable ClickHouse rows, then
# p50/p95 of every report, recommendations and /api/v1/home over 10 million plays, through the
# gateway, with the services built in Release. Starts the local servers if they are not running,
# and stops again what it started.
# Usage: eng/bench/analytics/serving.sh [events-to-ingest=150000 a round, 3 rounds] [total-plays=10000000] [requests-per-route=100]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
source "$ROOT/eng/bench/system.sh"
trap stop_servers_we_started EXIT
start_servers
dotnet build -c Release -v q -clp:ErrorsOnly "$ROOT/eng/bench/analytics/ServingBench"
dotnet "$ROOT/artifacts/bin/ServingBench/release/ServingBench.dll" "$@"
