#!/usr/bin/env bash
# ffmpeg with injected encoder faults, for the retry tests: validation runs pass through;
# the transcode (the DASH/HLS run) of an original over 1 MB fails every time (a poison file),
# of a smaller one on its first two attempts (a transient fault). The streaming service names
# its work folders <track>-<attempt>, which is how the attempt is known here.
input=""; transcode=false; previous=""
for arg in "$@"; do
  [ "$previous" = "-i" ] && input="$arg"
  [ "$arg" = "dash" ] && transcode=true
  previous="$arg"
done
if $transcode; then
  if [ "$(stat -c %s "$input")" -gt 1048576 ]; then echo "injected fault: poison file" >&2; exit 1; fi
  case "$input" in *-1/original|*-2/original) echo "injected fault: transient" >&2; exit 1 ;; esac
fi
exec ffmpeg "$@"
