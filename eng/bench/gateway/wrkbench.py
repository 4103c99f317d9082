"""wrk runs that cannot lie, shared by the gateway and streaming benchmarks (stdlib only).

Every run fails the benchmark (SystemExit, non-zero) when wrk saw a non-2xx/3xx answer or a
socket error, or when a probe of the URL before the run does not answer exactly the expected
status; cases run interleaved, round by round, and are reported as the median with the spread.
"""
import re, statistics, subprocess, sys, urllib.request

UNITS_MS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}
SIZE = {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def fail(message):
    sys.exit(f"BENCHMARK FAILED: {message}")


def _ms(text):
    number, unit = re.fullmatch(r"([0-9.]+)([a-z]+)", text).groups()
    return float(number) * UNITS_MS[unit]


def probe(url, headers=None, method="GET", body=None, expected=200):
    """One request before measuring: the status wrk will count must be the expected one, not a redirect or a 429."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            status, data = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, data = error.code, error.read()
    if status != expected:
        fail(f"{method} {url} answered {status}, expected {expected}: {data[:300]!r}")
    return data


def wrk(name, url, connections, seconds, headers=(), script=None):
    """One wrk run; exits the benchmark if any answer was not 2xx or any socket failed."""
    threads = 1 if connections < 2 else 2
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True).stdout
    requests = re.search(r"(\d+) requests in", output)
    if not requests:
        fail(f"{name}: wrk did not run:\n{output}")
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        fail(f"{name}: {m.group(1)} of {requests.group(1)} answers were not 2xx (a limit not raised, or an error)")
    if m := re.search(r"Socket errors: (.*)", output):
        fail(f"{name}: socket errors ({m.group(1)}) in {requests.group(1)} requests")
    transfer = re.search(r"Transfer/sec:\s+([0-9.]+)([KMG]?B)", output)
    return {
        "requests": int(requests.group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([0-9.]+)", output).group(1)),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "mbps": float(transfer.group(1)) * SIZE[transfer.group(2)] / 1e6,
    }


def spread(values, digits=2):
    """'median (min–max)'."""
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"
