#!/usr/bin/env bash
# Voice engine benchmarks: speed (grammar ASR + VAD on 2 s, flite one sentence, Whisper tiny
# dimensions) and accuracy on synthesized, noisy test sets (make_testset.py): the main one and
# a held-out one.
# "intents" measures the text understanding (IntentEval).
#   eng/bench/voice/run.sh [speed|accuracy|intents|all]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
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
    "$ROOT/artifacts/bin/IntentEval/release/IntentEval" 1000 2026 ;;
  all) "$0" speed; "$0" accuracy; "$0" intents ;;
esac
