"""Streaming benchmark driver (stdlib only); eng/bench/streaming/run.sh starts the system and calls it.

Measures, against the running system: processing speed of a 3-minute upload as a multiple of
real time (ffmpeg's share read from the service log, and upload-to-ready end to end), and time to
first byte of the HLS master playlist through the gateway with the Redis cache warm and cold.
Writes the signed gateway URL and a presigned object-store URL of one 256 kbps segment to
segment-urls.txt for the throughput comparison run.sh does with wrk.
"""
import datetime, hashlib, hmac, http.client, json, re, statistics, subprocess, sys, time, urllib.parse, uuid

gateway, log_file, audio, out_dir = sys.argv[1:5]
servers = json.load(open(".local/servers.json"))
params = servers["parameters"]
g = urllib.parse.urlsplit(gateway)


def request(method, path, body=None, headers=None, conn=None):
    c = conn or http.client.HTTPConnection(g.hostname, g.port, timeout=120)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    if conn is None:
        c.close()
    return r.status, r.headers, data


def json_call(method, path, payload=None, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    status, _, data = request(method, path, json.dumps(payload) if payload is not None else None, headers)
    if status >= 300:
        sys.exit(f"{method} {path}: {status} {data[:300]!r}")
    return json.loads(data) if data else None


def upload(token, path, title):
    boundary = uuid.uuid4().hex
    head = "".join(f'--{boundary}\r\ncontent-disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in
                   {"title": title, "artist": "Benchmark", "album": "Noise"}.items())
    head += f'--{boundary}\r\ncontent-disposition: form-data; name="file"; filename="bench.wav"\r\ncontent-type: audio/wav\r\n\r\n'
    body = head.encode() + open(path, "rb").read() + f"\r\n--{boundary}--\r\n".encode()
    status, _, data = request("POST", "/api/v1/tracks", body, {
        "authorization": f"Bearer {token}", "content-type": f"multipart/form-data; boundary={boundary}"})
    if status != 202:
        sys.exit(f"upload: {status} {data[:300]!r}")
    return json.loads(data)["id"]


def presign(key, seconds=3600):
    """AWS Signature V4 query signing, path-style, as the object store's own presigned URLs are."""
    endpoint = servers["servers"]["minio"]
    host = f"{endpoint['host']}:{endpoint['port']}"
    now = datetime.datetime.now(datetime.UTC)
    date, stamp, region = now.strftime("%Y%m%d"), now.strftime("%Y%m%dT%H%M%SZ"), "us-east-1"
    scope = f"{date}/{region}/s3/aws4_request"
    path = "/dexel-media/" + urllib.parse.quote(key)
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
        assert r.status == 200, r.status
    conn.close()
    times.sort()
    return times[len(times) // 2], times[int(len(times) * 0.99) - 1]


email = f"bench-{uuid.uuid4().hex}@example.com"
token = json_call("POST", "/api/v1/auth/register", {"email": email, "password": "correct horse battery", "displayName": "Bench"})["accessToken"]
duration = float(subprocess.check_output(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", audio]))

print(f"## Transcoding a {duration:.0f} s track (3 AAC renditions, HLS + DASH), {len(open('/proc/cpuinfo').read().split('processor')) - 1} cores\n")
print("| run | ffmpeg encode | speed (x real time) | upload → ready | speed end to end |")
print("|----:|--------------:|--------------------:|---------------:|-----------------:|")
track_id = None
for run in range(1, 4):
    started = time.perf_counter()
    track_id = upload(token, audio, f"Bench run {run}")
    while (track := json_call("GET", f"/api/v1/tracks/{track_id}", token=token))["status"] == "processing":
        time.sleep(0.1)
    total = time.perf_counter() - started
    assert track["status"] == "ready", track
    match = None
    for _ in range(50):
        match = re.search(rf"Track {track_id}: [0-9.]+ s of audio transcoded in ([0-9.]+) s", open(log_file).read())
        if match:
            break
        time.sleep(0.1)
    encode = float(match.group(1))
    print(f"| {run} | {encode:.2f} s | {duration / encode:.1f}x | {total:.2f} s | {duration / total:.1f}x |")

urls = json_call("GET", f"/api/v1/tracks/{track_id}/stream", token=token)
master_path = urls["hls"]
_, _, master = request("GET", master_path)
variants = re.findall(r'#EXT-X-STREAM-INF:.*?BANDWIDTH=(\d+).*\n(\S+)', master.decode())
top = max(variants, key=lambda v: int(v[0]))[1]
_, _, media = request("GET", top)
segment = [l for l in media.decode().splitlines() if l and not l.startswith("#")][0]
file_name = urllib.parse.urlsplit(segment).path.rsplit("/", 1)[1]
object_url = presign(f"tracks/{uuid.UUID(track_id).hex}/media/{file_name}")
with open(f"{out_dir}/segment-urls.txt", "w") as f:
    f.write(f"{gateway}{segment}\n{object_url}\n")

redis = servers["servers"]["redis"]
cache_key = f"streaming:playlist:{uuid.UUID(track_id).hex}:master.m3u8"
evict = lambda: subprocess.run(["redis-cli", "-h", redis["host"], "-p", str(redis["port"]), "-a", params["redis-password"],
                                "--no-auth-warning", "DEL", cache_key], check=True, capture_output=True)
ttfb_ms(master_path, 50)  # warm-up: JIT, pools
cached = ttfb_ms(master_path, 500)
cold = ttfb_ms(master_path, 200, before=evict)
print("\n## HLS master playlist, time to first byte through the gateway\n")
print("| cache | p50 | p99 |")
print("|-------|----:|----:|")
print(f"| Redis hit | {cached[0]:.2f} ms | {cached[1]:.2f} ms |")
print(f"| miss (key deleted before each request) | {cold[0]:.2f} ms | {cold[1]:.2f} ms |")
