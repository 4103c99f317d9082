"""Voice end to end through the gateway (stdlib only); eng/bench/voice/run.sh e2e starts the system.

The catalog first gets 100 tracks with confusable titles ("Blue Night", "Night of Blue"; as many
as the voice service reads into a grammar), uploaded and transcoded. Then spoken commands of
about 2 s (flite, 0.3 s of silence each side) are posted to
POST /api/v1/voice/commands as a client would, in interleaved rounds, one at a time. A request's
time runs from sending the audio to having the answer, whose reply audio is already spoken (its
URL is fetched to check). The service's own stage times (transcribe, act, speak) come from
GET /api/v1/voice/history. Any status but 200, a wrong transcript or a reply that is not audio
fails the run.

Usage: e2e.py <info.json> <work-dir> <rounds>
"""
import http.client, json, os, statistics, subprocess, sys, time, urllib.parse, uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "gateway"))
from wrkbench import fail  # noqa: E402

info_file, work, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
gateway = urllib.parse.urlsplit(json.load(open(info_file))["urls"]["gateway"])
COMMANDS = ["pause the music", "skip this song", "turn the volume down", "play blue night", "play my road trip playlist",
            "add this song to road trip", "play something by nina simone"]
ADJECTIVES = ["blue", "green", "golden", "silver", "broken", "midnight", "summer", "electric", "lonely", "wild"]
NOUNS = ["night", "light", "river", "heart", "road", "dream", "fire", "rain", "city", "train"]
ARTISTS = ["Miles Davis", "Nina Simone", "Aretha Franklin", "Radiohead", "Daft Punk"]


def call(method, path, body=None, headers=None):
    c = http.client.HTTPConnection(gateway.hostname, gateway.port, timeout=60)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data, r.getheader("content-type") or ""


def json_call(method, path, status, payload=None, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    actual, data, _ = call(method, path, json.dumps(payload) if payload is not None else None, headers)
    if actual != status:
        fail(f"{method} {path}: {actual}, expected {status}: {data[:300]!r}")
    return json.loads(data) if data else None


def speak(text):
    raw, out = os.path.join(work, "raw.wav"), os.path.join(work, text.replace(" ", "-") + ".wav")
    subprocess.run(["flite", "-voice", "slt", "-t", text, "-o", raw], check=True)
    subprocess.run(["sox", raw, "-r", "16000", "-c", "1", "-b", "16", out, "pad", "0.3", "0.3"], check=True)
    return open(out, "rb").read()


def upload(token, tone, title, artist):
    boundary = uuid.uuid4().hex
    head = "".join(f'--{boundary}\r\ncontent-disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in
                   {"title": title, "artist": artist}.items())
    head += f'--{boundary}\r\ncontent-disposition: form-data; name="file"; filename="tone.wav"\r\ncontent-type: audio/wav\r\n\r\n'
    status, data, _ = call("POST", "/api/v1/tracks", head.encode() + tone + f"\r\n--{boundary}--\r\n".encode(),
                           {"authorization": f"Bearer {token}", "content-type": f"multipart/form-data; boundary={boundary}"})
    if status != 202:
        fail(f"upload of {title}: {status}: {data[:300]!r}")
    return json.loads(data)["id"]


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


token = json_call("POST", "/api/v1/auth/register", 201, {"email": f"voice-{uuid.uuid4().hex[:8]}@bench.dexel.dev",
                                                          "password": "correct horse battery", "displayName": "Bench"})["accessToken"]
json_call("POST", "/api/v1/playlists", 201, {"name": "Road Trip"}, token)
tone_path = os.path.join(work, "tone.wav")
subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-ac", "2", tone_path], check=True)
tone = open(tone_path, "rb").read()
titles = [f"{a} {n}" if i % 3 == 0 else f"{n} of {a}" if i % 3 == 1 else f"the {a} {n}" for i, (a, n) in
          enumerate((a, n) for a in ADJECTIVES for n in NOUNS)]
titles[0] = "blue night"
started = time.perf_counter()
ids = [upload(token, tone, t.title(), ARTISTS[i % len(ARTISTS)]) for i, t in enumerate(titles)]
for track in ids:
    while json_call("GET", f"/api/v1/tracks/{track}", 200, token=token)["status"] == "processing":
        time.sleep(0.5)
ready = sum(json_call("GET", f"/api/v1/tracks/{t}", 200, token=token)["status"] == "ready" for t in ids)
if ready != len(ids):
    fail(f"only {ready} of {len(ids)} uploads became ready")
print(f"catalog: {len(ids)} tracks uploaded and ready in {time.perf_counter() - started:.0f} s")
audio = {text: speak(text) for text in COMMANDS}
seconds = {text: (len(data) - 44) / 32000 for text, data in audio.items()}
print(f"{len(COMMANDS)} commands, {min(seconds.values()):.2f}–{max(seconds.values()):.2f} s of audio (median {statistics.median(seconds.values()):.2f} s)")

# Warm-up: the first command builds the caller's grammar (catalog and playlists read, JSGF compiled).
auth = {"authorization": f"Bearer {token}", "content-type": "audio/wav"}
call("POST", "/api/v1/voice/commands", audio[COMMANDS[0]], auth)
walls = []
for _ in range(rounds):
    for text in COMMANDS:
        start = time.perf_counter()
        status, data, _ = call("POST", "/api/v1/voice/commands", audio[text], auth)
        walls.append((time.perf_counter() - start) * 1000)
        if status != 200:
            fail(f"POST /api/v1/voice/commands ({text}): {status}: {data[:300]!r}")
        answer = json.loads(data)
        if answer["transcript"] != text:
            fail(f"\"{text}\" was heard as \"{answer['transcript']}\"")
        status, reply, kind = call("GET", answer["reply"]["audioUrl"])
        if status != 200 or not kind.startswith("audio/"):
            fail(f"the reply audio of \"{text}\" answered {status} {kind}")

history = json_call("GET", f"/api/v1/voice/history?limit={len(walls)}", 200, token=token)["items"]
stages = {k: [h["timings"][k] for h in history] for k in ("transcribeMs", "actMs", "speakMs")}
print(f"{len(walls)} spoken commands through the gateway, one at a time ({rounds} interleaved rounds):")
print(f"  {'spoken command → reply text and audio ready':46} p50 {pct(walls, 50):7.1f} ms   p90 {pct(walls, 90):7.1f} ms")
for name, label in (("transcribeMs", "in the service: decode, VAD, grammar ASR"), ("actMs", "in the service: understand and act"),
                    ("speakMs", "in the service: reply spoken (flite)")):
    print(f"  {label:46} p50 {pct(stages[name], 50):7.1f} ms   p90 {pct(stages[name], 90):7.1f} ms")
if pct(walls, 50) >= 1000:
    fail(f"p50 {pct(walls, 50):.0f} ms, over the 1 s goal")
