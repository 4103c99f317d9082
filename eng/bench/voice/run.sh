#!/usr/bin/env bash
# Voice engine benchmarks: speed (grammar ASR + VAD on 2 s, flite one sentence, Whisper tiny
# dimensions) and accuracy on synthesized, noisy test sets (make_testset.py): the main one and
# a held-out one.
# "intents" measures the text understanding (IntentEval); "spoken" the same commands spoken by
# flite and eSpeak NG voices in noise, heard by the grammar engine, with per-stage timings;
# "e2e" spoken commands posted through the gateway to the running services (e2e.py).
#   eng/bench/voice/run.sh [speed|accuracy|intents|spoken|e2e [rounds]|all]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
source "$ROOT/eng/bench/system.sh"
HERE="$ROOT/eng/bench/voice"
MODELS="${DEXEL_STATE_DIR:-$ROOT/.local}/speech"
TESTSET="${DEXEL_STATE_DIR:-$ROOT/.local}/voice-testset"
HELDOUT="$TESTSET-heldout"
bash "$ROOT/eng/voice/models.sh"
dotnet build "$HERE/VoiceBench" -c Release --nologo -v quiet -clp:ErrorsOnly
BENCH="$ROOT/artifacts/bin/VoiceBench/release/VoiceBench"
case "${1:-all}" in
  speed) "$BENCH" speed "$MODELS" "$HERE/vocabulary.json" ;;
  accuracy)
    [ -s "$TESTSET/manifest.tsv" ] || python3 "$HERE/make_testset.py" "$TESTSET"
    [ -s "$HELDOUT/manifest.tsv" ] || python3 "$HERE/make_testset.py" "$HELDOUT" --held-out
    echo "== main set (thresholds tuned here)"
    "$BENCH" accuracy "$MODELS" "$HERE/vocabulary.json" "$TESTSET"
    echo "== held-out set (other commands drawn, other out-of-grammar sentences)"
    "$BENCH" accuracy "$MODELS" "$HERE/vocabulary.json" "$HELDOUT" ;;
  intents)
    dotnet build "$HERE/IntentEval" -c Release --nologo -v quiet -clp:ErrorsOnly
    "$ROOT/artifacts/bin/IntentEval/release/IntentEval" text 1000 2026 ;;
  spoken)
    SPOKEN="${DEXEL_STATE_DIR:-$ROOT/.local}/voice-intents-spoken"
    dotnet build "$HERE/IntentEval" -c Release --nologo -v quiet -clp:ErrorsOnly
    EVAL="$ROOT/artifacts/bin/IntentEval/release/IntentEval"
    mkdir -p "$SPOKEN"
    "$EVAL" list 400 2026 > "$SPOKEN/commands.new"
    # Spoken again only when the commands changed (intents.json, the generator).
    if ! cmp -s "$SPOKEN/commands.new" "$SPOKEN/commands.tsv" || [ ! -s "$SPOKEN/manifest.tsv" ]; then
      rm -f "$SPOKEN"/*.wav "$SPOKEN/manifest.tsv"
      mv "$SPOKEN/commands.new" "$SPOKEN/commands.tsv"
      python3 "$HERE/make_testset.py" "$SPOKEN" --from-list "$SPOKEN/commands.tsv"
    fi
    rm -f "$SPOKEN/commands.new"
    # The accuracy set's out-of-grammar sentences, heard with this catalog-sized grammar.
    [ -s "$TESTSET/manifest.tsv" ] || python3 "$HERE/make_testset.py" "$TESTSET"
    "$EVAL" spoken 400 2026 "$SPOKEN" "$MODELS" "$TESTSET" ;;
  e2e)
    # The services in Release as processes wired from the AppHost's model (SystemHost), private
    # databases; the gateway's request budgets raised for the run, and said so.
    dotnet build "$ROOT/eng/bench/gateway/SystemHost" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
    WORK="$(mktemp -d)"; SYSTEM=""
    trap '[ -n "$SYSTEM" ] && { kill -TERM "$SYSTEM" 2>/dev/null; wait "$SYSTEM" 2>/dev/null; }; rm -rf "$WORK"; stop_servers_we_started' EXIT
    start_servers
    LIMITS=(gateway:RateLimiting__FreePerMinute=1000000000 gateway:RateLimiting__AnonymousPerMinute=1000000000
            gateway:RateLimiting__MediaPerMinute=1000000000
            streaming:Streaming__Quotas__Free__ConcurrentTranscodes=1000 streaming:Streaming__Quotas__Free__AudioMinutesPerDay=1000000)
    echo "Raised for the run: ${LIMITS[*]}" >&2
    dotnet "$ROOT/artifacts/bin/SystemHost/release/SystemHost.dll" "$WORK/info.json" auth,playlist,streaming,voice,gateway "${LIMITS[@]}" \
      >"$WORK/system.log" 2>&1 &
    SYSTEM=$!
    wait_for_system "$WORK/info.json" "$SYSTEM" "$WORK/system.log"
    echo "Voice end to end, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD)"
    python3 "$HERE/e2e.py" "$WORK/info.json" "$WORK" "${2:-5}" ;;
  all) "$0" speed; "$0" accuracy; "$0" intents; "$0" spoken; "$0" e2e ;;
esac
