#!/usr/bin/env bash
# Voice engine benchmarks: speed (grammar ASR + VAD on 2 s, flite one sentence, Whisper tiny
# dimensions) and accuracy on a synthesized, noisy test set (make_testset.py).
#   eng/bench/voice/run.sh [speed|accuracy|all]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/eng/bench/voice"
MODELS="${DEXEL_STATE_DIR:-$ROOT/.local}/speech"
TESTSET="${DEXEL_STATE_DIR:-$ROOT/.local}/voice-testset"
bash "$ROOT/eng/voice/models.sh"
dotnet build "$HERE/VoiceBench" -c Release --nologo -v quiet -clp:ErrorsOnly
BENCH="$ROOT/artifacts/bin/VoiceBench/release/VoiceBench"
case "${1:-all}" in
  speed) "$BENCH" speed "$MODELS" "$HERE/vocabulary.json" ;;
  accuracy)
    [ -s "$TESTSET/manifest.tsv" ] || python3 "$HERE/make_testset.py" "$TESTSET"
    "$BENCH" accuracy "$MODELS" "$HERE/vocabulary.json" "$TESTSET" ;;
  all) "$0" speed; "$0" accuracy ;;
esac
