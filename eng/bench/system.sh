# Sourced by the benchmarks that start services with SystemHost.
# wait_for_system INFO_JSON PID LOG: waits until SystemHost has written INFO_JSON (every service
# healthy), up to 180 s; exits with SystemHost's log if it stops or never gets there.
wait_for_system() {
  local info="$1" pid="$2" log="$3"
  for _ in $(seq 360); do
    [ -f "$info" ] && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  echo "the services did not start" >&2; cat "$log" >&2; exit 1
}

# start_servers: starts the local servers (eng/servers.sh) for the run. When none was running,
# stop_servers_we_started (call it from the exit trap) stops them again, so a run leaves the
# machine as it found it; servers someone else had running are left running.
SERVERS_WE_STARTED=""
start_servers() {
  # grep reads all of it: with -q it could stop early, and pipefail would count the writer's SIGPIPE as "none up".
  bash "$ROOT/eng/servers.sh" status | grep '^up' >/dev/null || SERVERS_WE_STARTED=1
  bash "$ROOT/eng/servers.sh" start >/dev/null
}
stop_servers_we_started() {
  [ -z "$SERVERS_WE_STARTED" ] || bash "$ROOT/eng/servers.sh" stop >/dev/null 2>&1 || true
}
