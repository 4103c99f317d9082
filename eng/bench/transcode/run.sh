#!/usr/bin/env bash
# The encode alone, without the services: a 3-minute track (pink noise and a tone, 16-bit stereo
# WAV) to the three AAC renditions as fMP4 segments, (a) in one ffmpeg run (how the streaming
# service encoded before issue 16: the renditions one after the other on one core) and (b) one
# ffmpeg run per rendition in parallel (services/Dexel.Streaming/Application/Transcoding/Transcoder.cs,
# whose arguments these mirror). Interleaved rounds; median (min–max) as multiples of real time.
# Fails if either run fails, or if the two do not write the same files with the same bytes.
# Usage: bash eng/bench/transcode/run.sh [rounds, default 3]
set -euo pipefail
ROUNDS="${1:-3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ffmpeg -nostdin -v error -f lavfi -i "anoisesrc=d=180:c=pink:a=0.2" -f lavfi -i "sine=frequency=440:duration=180" \
  -filter_complex amix=inputs=2 -ac 2 -ar 44100 "$WORK/track.wav"
INPUT=(-nostdin -v error -protocol_whitelist file -format_whitelist wav -i "$WORK/track.wav")
DASH=(-f dash -seg_duration 6 -use_template 0 -use_timeline 0 -adaptation_sets id=0,streams=a)

one_run() {
  rm -rf "$WORK/one"; mkdir "$WORK/one"
  ffmpeg "${INPUT[@]}" -map 0:a:0 -map 0:a:0 -map 0:a:0 -vn -c:a aac -ac 2 -ar 44100 \
    -b:a:0 64k -b:a:1 128k -b:a:2 256k "${DASH[@]}" \
    -init_seg_name 'init-$RepresentationID$.m4s' -media_seg_name 'chunk-$RepresentationID$-$Number%05d$.m4s' "$WORK/one/manifest.mpd"
  rm "$WORK/one/manifest.mpd"
}
parallel_runs() {
  rm -rf "$WORK/par"; mkdir "$WORK/par"
  local pids=() id
  for id in 0 1 2; do
    ffmpeg "${INPUT[@]}" -map 0:a:0 -vn -c:a aac -ac 2 -ar 44100 -b:a "$((64 << id))k" "${DASH[@]}" \
      -init_seg_name "init-$id.m4s" -media_seg_name "chunk-$id-\$Number%05d\$.m4s" "$WORK/par/ffmpeg-$id.mpd" & pids+=($!)
  done
  for id in "${pids[@]}"; do wait "$id"; done
  rm "$WORK"/par/ffmpeg-*.mpd
}
timed() { local start end; start=$(date +%s.%N); "$@"; end=$(date +%s.%N); echo "$end - $start" | bc; }

ONE=(); PAR=()
for round in $(seq "$ROUNDS"); do
  ONE+=("$(timed one_run)"); PAR+=("$(timed parallel_runs)")
  echo "  round $round: one run ${ONE[-1]} s, parallel runs ${PAR[-1]} s" >&2
done
diff -r "$WORK/one" "$WORK/par" >/dev/null || { echo "BENCHMARK FAILED: the parallel runs wrote other files or bytes than the single run" >&2; exit 1; }

echo "Encode of a 180 s track to 3 AAC renditions (fMP4), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), ffmpeg $(ffmpeg -version | awk 'NR==1 {print $3}')"
echo "$ROUNDS rounds interleaved; median (min–max); identical files and bytes ($(ls "$WORK/par" | wc -l) segments)"
echo
python3 - "${ONE[*]}" "${PAR[*]}" <<'PY'
import statistics, sys
def row(name, times):
    speeds = [180 / t for t in times]
    return f"| {name} | {statistics.median(times):.2f} s ({min(times):.2f}–{max(times):.2f}) | {statistics.median(speeds):.1f}× ({min(speeds):.1f}–{max(speeds):.1f}) |"
one, par = ([float(t) for t in arg.split()] for arg in sys.argv[1:3])
print("| encode | wall time | × real time |")
print("|---|---:|---:|")
print(row("(a) one ffmpeg run, renditions in turn", one))
print(row("(b) one ffmpeg run per rendition, in parallel", par))
PY
