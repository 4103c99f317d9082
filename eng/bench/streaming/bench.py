"""Streaming benchmark driver (stdlib only); eng/bench/streaming/run.sh starts the system and calls it.

Usage: bench.py <info.json> <track.wav> <seconds> <connections> <rounds>
"""
import datetime, hashlib, hmac, http.client, json, os, re, statistics, subprocess, sys, time, urllib.parse, uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "gateway"))
from wrkbench import fail, probe, spread, wrk  # noqa: E402

info_file, audio, seconds, connections, rounds = sys.argv[1:6]
seconds, connections, rounds = int(seconds), int(connections), int(rounds)
info = json.load(open(info_file))
gateway, log_file, bucket = info["urls"]["gateway"], info["logs"]["streaming"], info["bucket"]
servers = json.load(open(".local/servers.json"))
params = servers["parameters"]
g = urllib.parse.urlsplit(gateway)


def request(method, path, body=None, headers=None):
    c = http.client.HTTPConnection(g.hostname, g.port, timeout=120)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def expect(method, path, status, body=None, headers=None):
    actual, data = request(method, path, body, headers)
    if actual != status:
        fail(f"{method} {path}: {actual}, expected {status}: {data[:300]!r}")
    return data


def json_call(method, path, status=200, payload=None, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = expect(method, path, status, json.dumps(payload) if payload is not None else None, headers)
    return json.loads(data) if data else None


def upload(token, path, title):
    boundary = uuid.uuid4().hex
    head = "".join(f'--{boundary}\r\ncontent-disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in
                   {"title": title, "artist": "Benchmark", "album": "Noise"}.items())
    head += f'--{boundary}\r\ncontent-disposition: form-data; name="file"; filename="bench.wav"\r\ncontent-type: audio/wav\r\n\r\n'
    body = head.encode() + open(path, "rb").read() + f"\r\n--{boundary}--\r\n".encode()
    data = expect("POST", "/api/v1/tracks", 202, body, {
        "authorization": f"Bearer {token}", "content-type": f"multipart/form-data; boundary={boundary}"})
    return json.loads(data)["id"]


def presign(key, seconds=3600):
    """AWS Signature V4 query signing, path-style, as the object store's own presigned URLs are."""
    endpoint = servers["servers"]["minio"]
    host = f"{endpoint['host']}:{endpoint['port']}"
    now = datetime.datetime.now(datetime.UTC)
    date, stamp, region = now.strftime("%Y%m%d"), now.strftime("%Y%m%dT%H%M%SZ"), "us-east-1"
    scope = f"{date}/{region}/s3/aws4_request"
    path = f"/{bucket}/" + urllib.parse.quote(key)
    query = urllib.parse.urlencode(sorted({
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Credential": f"{params['minio-user']}/{scope}",
        "X-Amz-Date": stamp, "X-Amz-Expires": str(seconds), "X-Amz-SignedHeaders": "host"}.items()), quote_via=urllib.parse.quote)
    canonical = f"GET\n{path}\n{query}\nhost:{host}\n\nhost\nUNSIGNED-PAYLOAD"
    to_sign = f"AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    key_bytes = ("AWS4" + params["minio-password"]).encode()
    for part in (date, region, "s3", "aws4_request"):
        key_bytes = hmac.new(key_bytes, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key_bytes, to_sign.encode(), hashlib.sha256).hexdigest()
    return f"http://{host}{path}?{query}&X-Amz-Signature={signature}"


def ttfb_ms(path, samples, before=None):
    """Milliseconds from sending the request to the response headers, on a kept-alive connection."""
    conn = http.client.HTTPConnection(g.hostname, g.port, timeout=30)
    times = []
    for _ in range(samples):
        if before:
            before()
        start = time.perf_counter()
        conn.request("GET", path)
        r = conn.getresponse()
        times.append((time.perf_counter() - start) * 1000)
        r.read()
        if r.status != 200:
            fail(f"GET {path}: {r.status}, expected 200")
    conn.close()
    times.sort()
    return times[len(times) // 2], times[int(len(times) * 0.99) - 1]


email = f"bench-{uuid.uuid4().hex}@example.com"
token = json_call("POST", "/api/v1/auth/register", 201, {"email": email, "password": "correct horse battery", "displayName": "Bench"})["accessToken"]
duration = float(subprocess.check_output(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", audio]))

# Transcoding: one warm-up upload (cold JIT, disk cache), then `rounds` measured ones.
encodes, totals, track_id = [], [], None
for run in range(rounds + 1):
    started = time.perf_counter()
    track_id = upload(token, audio, f"Bench run {run}")
    while (track := json_call("GET", f"/api/v1/tracks/{track_id}", token=token))["status"] == "processing":
        time.sleep(0.05)
    total = time.perf_counter() - started
    if track["status"] != "ready":
        fail(f"track {track_id} ended {track['status']}: {track}")
    match = None
    for _ in range(100):
        match = re.search(rf"Track {track_id}: [0-9.]+ s of audio transcoded in ([0-9.]+) s", open(log_file).read())
        if match:
            break
        time.sleep(0.1)
    if not match:
        fail(f"the streaming log {log_file} has no encode time for track {track_id}")
    encode = float(match.group(1))
    label = "warm-up" if run == 0 else f"run {run}"
    print(f"  transcode {label}: encode {encode:.2f} s ({duration / encode:.1f}x), upload → ready {total:.2f} s ({duration / total:.1f}x)",
          file=sys.stderr)
    if run > 0:
        encodes.append(duration / encode)
        totals.append(duration / total)

print(f"\n## Transcoding a {duration:.0f} s track (3 AAC renditions in parallel, HLS + DASH), {os.cpu_count()} cores\n")
print(f"{rounds} uploads after one warm-up; median (min–max), as multiples of real time\n")
print("| ffmpeg encode (service log) | upload → ready |")
print("|---:|---:|")
print(f"| {spread(encodes, 1)} × | {spread(totals, 1)} × |")

urls = json_call("GET", f"/api/v1/tracks/{track_id}/stream", token=token)
master_path = urls["hls"]
master = expect("GET", master_path, 200)
variants = re.findall(r'#EXT-X-STREAM-INF:.*?BANDWIDTH=(\d+).*\n(\S+)', master.decode())
top = max(variants, key=lambda v: int(v[0]))[1]
media = expect("GET", top, 200)
segments = [line for line in media.decode().splitlines() if line and not line.startswith("#")]
segment = segments[len(segments) // 2]
file_name = urllib.parse.urlsplit(segment).path.rsplit("/", 1)[1]
gateway_url = f"{gateway}{segment}"
streaming_url = f"{info['urls']['streaming']}{segment}"
object_url = presign(f"tracks/{uuid.UUID(track_id).hex}/media/{file_name}")
if not probe(gateway_url) == probe(streaming_url) == probe(object_url):
    fail("the segment differs between the gateway and the object store")
size = len(probe(object_url))

redis = servers["servers"]["redis"]
cache_key = f"streaming:playlist:{uuid.UUID(track_id).hex}:master.m3u8"
evict = lambda: subprocess.run(["redis-cli", "-h", redis["host"], "-p", str(redis["port"]), "-a", params["redis-password"],
                                "--no-auth-warning", "DEL", cache_key], check=True, capture_output=True)
ttfb_ms(master_path, 50)  # warm-up: JIT, pools
hits, misses = [], []
for _ in range(rounds):
    hits.append(ttfb_ms(master_path, 300))
    misses.append(ttfb_ms(master_path, 100, before=evict))
print("\n## HLS master playlist, time to first byte through the gateway\n")
print(f"{rounds} rounds of 300 hits and 100 misses, interleaved; median (min–max) of the rounds' percentiles\n")
print("| cache | p50 ms | p99 ms |")
print("|-------|----:|----:|")
print(f"| Redis hit | {spread([h[0] for h in hits])} | {spread([h[1] for h in hits])} |")
print(f"| miss (key deleted before each request) | {spread([m[0] for m in misses])} | {spread([m[1] for m in misses])} |")

store = servers["servers"]["minio"]
bare_url = object_url.replace(f"{store['host']}:{store['port']}", urllib.parse.urlsplit(os.environ["BARE_PROXY"]).netloc)
if probe(bare_url) != probe(object_url):
    fail("the segment differs between bare YARP and the object store")
cases = [("gateway (signature checked there, segment located by streaming once)", gateway_url), ("object store (presigned URL)", object_url),
         ("streaming alone, no gateway (bytes through streaming)", streaming_url),
         ("bare YARP → object store (the ceiling of any proxy here)", bare_url)]
for name, url in cases:
    wrk(name, url, connections, 15)  # warm-up
# CPU an answer, per process, from /proc: on 2 shared cores a proxy's throughput is what its CPU
# leaves the store (s3rver, one node thread) and wrk, so this shows where the ratio goes.
def pid_of(pattern):
    found = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout.split()
    return int(found[0]) if found else None


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


processes = {"gateway": pid_of("Dexel.Gateway.dll"), "streaming": pid_of("Dexel.Streaming.dll"),
             "bare YARP": pid_of("BareProxy.dll"), "object store": int(open(".local/s3/s3.pid").read())}
processes = {name: pid for name, pid in processes.items() if pid}


def cpu_now():
    children = os.times()
    return {**{name: cpu_seconds(pid) for name, pid in processes.items()}, "wrk": children.children_user + children.children_system}


results = {name: [] for name, _ in cases}
cpu = {name: [] for name, _ in cases}
for round_ in range(1, rounds + 1):
    for name, url in cases:
        before = cpu_now()
        results[name].append(wrk(name, url, connections, seconds))
        after = cpu_now()
        r = results[name][-1]
        cpu[name].append({p: (after[p] - before[p]) / r["requests"] * 1e6 for p in after})
        print(f"  round {round_} {name}: {r['rps']:.0f} req/s, {r['mbps']:.1f} MB/s, p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, "
              f"{r['requests']} requests, all 2xx", file=sys.stderr)
print(f"\n## One segment ({size} bytes), wrk -c{connections} -d{seconds}s, {rounds} rounds interleaved; median (min–max)\n")
print("| path | req/s | MB/s | p50 ms | p99 ms | requests (all 2xx) |")
print("|---|---:|---:|---:|---:|---:|")
for name, _ in cases:
    runs = results[name]
    print(f"| {name} | {spread([r['rps'] for r in runs], 0)} | {spread([r['mbps'] for r in runs], 1)} | "
          f"{spread([r['p50'] for r in runs])} | {spread([r['p99'] for r in runs])} | {sum(r['requests'] for r in runs)} |")
columns = list(cpu_now())
print(f"\nCPU an answer, µs, median over the rounds (from /proc; wrk is the load generator)\n")
print("| path | " + " | ".join(columns) + " | all |")
print("|---|" + "---:|" * (len(columns) + 1))
for name, _ in cases:
    medians = [statistics.median(c[p] for c in cpu[name]) for p in columns]
    print(f"| {name} | " + " | ".join(f"{m:.0f}" for m in medians) + f" | {sum(medians):.0f} |")
ratios = [p["rps"] / o["rps"] * 100 for p, o, _, _ in zip(*results.values())]
ceilings = [b["rps"] / o["rps"] * 100 for _, o, _, b in zip(*results.values())]
print(f"\nThrough the gateway, per round: {spread(ratios, 1)} % of the object store's own throughput;"
      f" bare YARP in front of the store: {spread(ceilings, 1)} %")
