#!/usr/bin/env python3
"""Synthesizes the voice accuracy test set: every command (slots filled from vocabulary.json) and
every out-of-grammar sentence, spoken by flite and eSpeak NG voices at several speeds and
pitches, with white noise mixed in by sox at 20 dB SNR. Reproducible: a fixed seed picks the
commands (different ones per voice, none repeated) and each file's noise. --held-out draws other
commands and speaks other out-of-grammar sentences, to check settings tuned on the main set.

  make_testset.py OUT_DIR [--commands N] [--held-out]
  make_testset.py OUT_DIR --from-list COMMANDS.tsv

Writes OUT_DIR/*.wav (16 kHz mono) and OUT_DIR/manifest.tsv (file, kind in|out, expected text,
engine:voice). --from-list speaks given commands ("id<TAB>text" lines, from IntentEval list)
instead, each by the next voice in turn, and adds the id as a fifth column.
"""
import argparse, json, math, os, random, re, subprocess, wave, array

HERE = os.path.dirname(os.path.abspath(__file__))
# (engine, voice, speed factor, pitch): speeds and pitches vary around each voice's own.
VOICES = [
    ("flite", "slt", 1.0, None), ("flite", "rms", 0.85, None), ("flite", "awb", 1.15, None),
    ("flite", "kal16", 1.0, 90), ("flite", "slt", 1.2, 200), ("flite", "rms", 1.0, 120),
    ("espeak", "en-us", 160, 50), ("espeak", "en-us+f3", 140, 70), ("espeak", "en+m3", 190, 35),
]


def expand(phrase, slots, rng):
    return re.sub(r"\{(\w+)\}", lambda m: rng.choice(slots[m.group(1)]), phrase)


def speak(engine, voice, speed, pitch, text, path):
    if engine == "flite":
        cmd = ["flite", "-voice", voice, "-t", text, "-o", path, "--setf", f"duration_stretch={1 / speed:.3f}"]
        if pitch:
            cmd += ["--setf", f"int_f0_target_mean={pitch}"]
    else:
        cmd = ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", path, text]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def rms(path):
    with wave.open(path) as w:
        samples = array.array("h", w.readframes(w.getnframes()))
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples))) / 32768.0, len(samples) / 16000.0


def add_noise(clean, out, rng):
    """Resample to 16 kHz mono, pad 0.3 s of silence, mix white noise 20 dB below the speech."""
    padded = out + ".clean.wav"
    subprocess.run(["sox", clean, "-r", "16000", "-c", "1", "-b", "16", padded, "pad", "0.3", "0.3"], check=True)
    level, seconds = rms(padded)
    # Uniform noise on [-a, a] has an RMS of a/sqrt(3); 20 dB SNR = one tenth of the speech's RMS.
    amplitude = level / 10 * math.sqrt(3) * 32767
    noise = out + ".noise.wav"
    with wave.open(noise, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(array.array("h", (int(rng.uniform(-amplitude, amplitude)) for _ in range(round(seconds * 16000)))).tobytes())
    subprocess.run(["sox", "-m", "-v", "1", padded, "-v", "1", noise, "-b", "16", out], check=True)
    for f in (padded, noise):
        os.remove(f)


def distinct_commands(count, vocabulary, rng):
    """count different commands (fewer if the vocabulary has fewer), so no utterance repeats."""
    commands = []
    for _ in range(count * 50):
        command = expand(rng.choice(vocabulary["phrases"]), vocabulary["slots"], rng)
        if command not in commands:
            commands.append(command)
        if len(commands) == count:
            break
    return commands


def speak_list(out, path):
    rng = random.Random(2028)
    rows = []
    for n, line in enumerate(l for l in open(path).read().splitlines() if l):
        ident, text = line.split("\t", 1)
        engine, voice, speed, pitch = VOICES[n % len(VOICES)]
        name = f"cmd-{n:04d}-{engine}-{voice.replace('+', '_')}.wav"
        raw = os.path.join(out, name + ".raw.wav")
        speak(engine, voice, speed, pitch, text, raw)
        add_noise(raw, os.path.join(out, name), rng)
        os.remove(raw)
        rows.append(f"{name}\tin\t{text}\t{engine}:{voice}\t{ident}")
    with open(os.path.join(out, "manifest.tsv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    print(f"wrote {len(rows)} utterances to {out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--commands", type=int, default=40, help="in-grammar utterances per voice")
    parser.add_argument("--held-out", action="store_true",
                        help="other command draws and other out-of-grammar sentences, to check settings tuned on the main set")
    parser.add_argument("--from-list", help="speak these commands (id<TAB>text lines) instead, voices in turn")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.from_list:
        speak_list(args.out, args.from_list)
        return
    vocabulary = json.load(open(os.path.join(HERE, "vocabulary.json")))
    rng = random.Random(2027 if args.held_out else 2026)
    sentences = vocabulary["outOfGrammarHeldOut" if args.held_out else "outOfGrammar"]
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for index, (engine, voice, speed, pitch) in enumerate(VOICES):
        commands = distinct_commands(args.commands, vocabulary, rng)
        items = [("in", c) for c in commands] + [("out", s) for s in sentences]
        for n, (kind, text) in enumerate(items):
            name = f"{index:02d}-{engine}-{voice.replace('+', '_')}-{kind}-{n:03d}.wav"
            raw = os.path.join(args.out, name + ".raw.wav")
            speak(engine, voice, speed, pitch, text, raw)
            add_noise(raw, os.path.join(args.out, name), rng)
            os.remove(raw)
            rows.append(f"{name}\t{kind}\t{text}\t{engine}:{voice}")
    with open(os.path.join(args.out, "manifest.tsv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    print(f"wrote {len(rows)} utterances to {args.out}")


if __name__ == "__main__":
    main()
