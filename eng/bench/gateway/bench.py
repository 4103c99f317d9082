"""Gateway benchmark driver; eng/bench/gateway/run.sh starts the system and calls it.

Usage: bench.py <info.json> <bare-to-auth> <bare-to-cheap> <cheap> <seconds> <connections> <rounds>
"""
import json, statistics, sys, tempfile, uuid
from wrkbench import fail, probe, spread, wrk

info_file, bare_auth, bare_cheap, cheap, seconds, connections, rounds = sys.argv[1:8]
seconds, connections, rounds = int(seconds), int(connections), int(rounds)
urls = json.load(open(info_file))["urls"]
gateway, auth = urls["gateway"], urls["auth"]

email = f"bench-{uuid.uuid4().hex}@example.com"
password = "correct horse battery"
session = json.loads(probe(f"{gateway}/api/v1/auth/register", {"content-type": "application/json"}, "POST",
                           json.dumps({"email": email, "password": password, "displayName": "Bench"}).encode(), expected=201))
bearer = f"Authorization: Bearer {session['accessToken']}"
login = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
login.write(f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
            f"wrk.body = '{json.dumps({'email': email, 'password': password})}'\n")
login.close()

# (name, url, connections, extra wrk args); the cheap upstream answers a constant from memory, so
# what (d) and (e) differ by is the gateway alone.
cases = [
    ("(a) auth directly", f"{auth}/api/v1/users/me", connections, [bearer], None),
    ("(b) bare YARP → auth", f"{bare_auth}/api/v1/users/me", connections, [bearer], None),
    ("(c) full gateway → auth", f"{gateway}/api/v1/users/me", connections, [bearer], None),
    ("(d) cheap upstream directly", f"{cheap}/bench/ping", connections, [bearer], None),
    ("(e) bare YARP → cheap upstream", f"{bare_cheap}/bench/ping", connections, [bearer], None),
    ("(f) full gateway → cheap upstream", f"{gateway}/bench/ping", connections, [bearer], None),
    ("(g) logins through the gateway (-c4)", f"{gateway}/api/v1/auth/login", 4, [], login.name),
]
for name, url, _, headers, script in cases:
    if script:
        probe(url, {"content-type": "application/json"}, "POST", json.dumps({"email": email, "password": password}).encode())
    else:
        probe(url, dict(h.split(": ", 1) for h in headers))
    # Warm-up: tiered JIT takes tens of seconds under load on 2 cores before the code is final,
    # and an unfinished warm-up showed up as a gateway twice as slow as it is.
    wrk(name, url, max(4, connections) if not script else 4, 3 if script else 15, headers, script)

results = {name: [] for name, *_ in cases}
for round_ in range(1, rounds + 1):
    for name, url, c, headers, script in cases:
        results[name].append(wrk(name, url, c, seconds, headers, script))
        r = results[name][-1]
        print(f"  round {round_} {name}: {r['rps']:.0f} req/s, p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, {r['requests']} requests, all 2xx",
              file=sys.stderr)

print(f"\nwrk -c{connections} -d{seconds}s, {rounds} rounds interleaved; median (min–max) of the rounds; every request 2xx\n")
print("| case | req/s | p50 ms | p99 ms | requests (all 2xx) |")
print("|---|---:|---:|---:|---:|")
for name, *_ in cases:
    runs = results[name]
    print(f"| {name} | {spread([r['rps'] for r in runs], 0)} | {spread([r['p50'] for r in runs])} | "
          f"{spread([r['p99'] for r in runs])} | {sum(r['requests'] for r in runs)} |")


def compare(label, full, bare):
    ratios = [f["rps"] / b["rps"] * 100 for f, b in zip(results[full], results[bare])]
    added = [f["p50"] - b["p50"] for f, b in zip(results[full], results[bare])]
    return f"| {label} | {spread(ratios, 1)} % | {spread(added)} ms |", statistics.median(ratios), statistics.median(added)


print("\nPer round, full gateway against bare YARP to the same upstream:\n")
print("| upstream | throughput (full / bare) | added p50 |")
print("|---|---:|---:|")
for label, full, bare in [("auth (users/me, Postgres)", "(c) full gateway → auth", "(b) bare YARP → auth"),
                          ("cheap (constant)", "(f) full gateway → cheap upstream", "(e) bare YARP → cheap upstream")]:
    row, ratio, added = compare(label, full, bare)
    print(row)
if any(r["rps"] == 0 for runs in results.values() for r in runs):
    fail("a case served no requests")
