#!/usr/bin/env bash
# The test command: starts the servers if needed, builds everything (the AppHost included), runs
# every test project against the real servers, and ends with one line "N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RESULTS="$ROOT/.local/test-results"

bash eng/servers.sh start || { echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build Dexel.Ci.slnf --nologo -v quiet -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# One test module at a time: the timing assertions (fast 503s, 5 s logout) must not compete
# with another module for our 2 cores. DEXEL_TEST_PARALLELISM raises it on bigger machines.
# A hung test host has ignored SIGTERM here: the whole run gets a hard deadline under CI's limit.
rm -rf "$RESULTS" "$ROOT/.local/test-logs"
timeout -s KILL "${DEXEL_TEST_TIMEOUT:-75m}" dotnet test --solution Dexel.Ci.slnf --no-build --results-directory "$RESULTS" \
  --max-parallel-test-modules "${DEXEL_TEST_PARALLELISM:-1}" -- --report-xunit-trx
status=$?

passed=0; failed=0; skipped=0
for trx in "$RESULTS"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a crashed test host counts
# CI keeps only the log's tail: the machine's load and busiest processes (leftovers of earlier
# modules would show here), each service that exited by itself with its last error (the fixtures
# mark that in the service's log, which stays on the CI machine), then each failed test and its
# message, just above the count.
if [ "$failed" -gt 0 ] && command -v python3 >/dev/null; then
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg); busiest processes (CPU % over their lifetime):"
  ps -eo pcpu=,rss=,etime=,comm= --sort=-pcpu | head -n 6
  python3 - "$ROOT/.local/test-logs" <<'PY'
import glob, os, sys
marker = "[dexel-test] exited by itself"
exited = [p for p in glob.glob(sys.argv[1] + "/**/*.log", recursive=True) if marker in open(p, errors="replace").read()]
for path in sorted(exited, key=os.path.getmtime)[-3:]:
    lines = [l.rstrip() for l in open(path, errors="replace") if l.strip()]
    errors = [i for i, l in enumerate(lines) if l.startswith(("crit:", "Unhandled exception"))] \
        or [i for i, l in enumerate(lines) if l.startswith("fail:")]
    print(f"EXITED {os.path.relpath(path, sys.argv[1])}: {next(l for l in lines if marker in l)}")
    for line in (lines[errors[-1]:errors[-1] + 3] if errors else lines[-4:-1]): print("  " + line[:300])
PY
  python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for trx in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", ns):
        if result.get("outcome") not in ("Passed", "NotExecuted"):
            message = result.findtext(".//t:Message", "", ns).strip().replace("\n", " ")
            print(f"FAILED {result.get('testName')}: {message[:1500]}")
PY
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
