#!/usr/bin/env bash
# Regenerates aspire-manifest.json from the AppHost with its manifest publisher. CI checks the
# committed file against a fresh publish (tests/Dexel.Manifest.Tests), so run this after
# changing the AppHost and commit the result.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
dotnet build Dexel.AppHost --nologo -v quiet -clp:ErrorsOnly
dotnet artifacts/bin/Dexel.AppHost/debug/Dexel.AppHost.dll --publisher manifest --output-path "$ROOT/aspire-manifest.json" >/dev/null
echo "aspire-manifest.json regenerated"
