#!/usr/bin/env python3
"""Writes a whisper.cpp ggml model file with RANDOM weights at whisper's real dimensions.

No real Whisper weights can be downloaded on our build machines, yet the Whisper engine must be
loaded and run in CI: this file exercises loading, resampling, inference and result mapping,
and times inference at the real model size. Its words are meaningless. Plain python3 (no numpy):
random bytes are reshaped into small finite floats with bytes.translate.

Layout (whisper.cpp whisper_model_load): magic, 11 int32 hyper-parameters, the mel filter bank,
the text tokens (id 220 must be a single space), then each tensor as (n_dims, name length,
type 0=f32/1=f16, dims innermost first, name, data).

  make_ggml_model.py OUT [--preset tiny|mini]
"""
import argparse, math, os, random, struct

PRESETS = {
    # whisper tiny.en: 39 M parameters, ~78 MB in f16
    "tiny": dict(n_vocab=51864, n_audio_ctx=1500, n_audio_state=384, n_audio_head=6, n_audio_layer=4,
                 n_text_ctx=448, n_text_state=384, n_text_head=6, n_text_layer=4, n_mels=80),
    # a 64-wide, one-layer model (~8 MB) for fast tests of the same code path
    "mini": dict(n_vocab=51864, n_audio_ctx=1500, n_audio_state=64, n_audio_head=2, n_audio_layer=1,
                 n_text_ctx=448, n_text_state=64, n_text_head=2, n_text_layer=1, n_mels=80),
}
TEXT_TOKENS = 50256
N_FFT_BINS = 201


def small_f16(count):
    """count random f16 values with magnitudes between about 0.001 and 0.03, as bytes."""
    raw = bytearray(os.urandom(2 * count))
    # High byte: keep sign and the top mantissa bits, force the exponent field into 5..12.
    table = bytes((b & 0x83) | ((5 + ((b >> 2) & 7)) << 2) for b in range(256))
    raw[1::2] = raw[1::2].translate(table)
    return bytes(raw)


def small_f32(count):
    raw = bytearray(os.urandom(4 * count))
    table = bytes(0x3C | (b & 0x80) for b in range(256))  # exponent near 2^-7
    raw[3::4] = raw[3::4].translate(table)
    return bytes(raw)


def constant_f32(count, value):
    return struct.pack("<f", value) * count


def mel_filters(n_mels, sample_rate=16000, n_fft=400):
    """Slaney-style triangular mel filter bank, as whisper's mel_filters.npz holds."""
    def hz_to_mel(f):
        return 2595.0 * math.log10(1.0 + f / 700.0)

    def mel_to_hz(m):
        return 700.0 * (10 ** (m / 2595.0) - 1.0)

    points = [mel_to_hz(hz_to_mel(0) + i * (hz_to_mel(sample_rate / 2) - hz_to_mel(0)) / (n_mels + 1)) for i in range(n_mels + 2)]
    freqs = [i * sample_rate / n_fft for i in range(N_FFT_BINS)]
    values = []
    for m in range(n_mels):
        lo, center, hi = points[m], points[m + 1], points[m + 2]
        norm = 2.0 / (hi - lo)
        for f in freqs:
            w = max(0.0, min((f - lo) / (center - lo), (hi - f) / (hi - center)))
            values.append(w * norm)
    return values


def byte_order():
    """GPT-2's byte-to-token order: printable bytes first, so token 220 is the space."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    return printable + [b for b in range(256) if b not in printable]


def tensors(p):
    a, t = p["n_audio_state"], p["n_text_state"]

    def block(prefix, n, cross):
        out = []
        for part in (["attn"] + (["cross_attn"] if cross else [])):
            out += [(f"{prefix}.{part}_ln.weight", (n,), "one"), (f"{prefix}.{part}_ln.bias", (n,), "zero"),
                    (f"{prefix}.{part}.query.weight", (n, n), "rand"), (f"{prefix}.{part}.query.bias", (n,), "zero"),
                    (f"{prefix}.{part}.key.weight", (n, n), "rand"),
                    (f"{prefix}.{part}.value.weight", (n, n), "rand"), (f"{prefix}.{part}.value.bias", (n,), "zero"),
                    (f"{prefix}.{part}.out.weight", (n, n), "rand"), (f"{prefix}.{part}.out.bias", (n,), "zero")]
        out += [(f"{prefix}.mlp_ln.weight", (n,), "one"), (f"{prefix}.mlp_ln.bias", (n,), "zero"),
                (f"{prefix}.mlp.0.weight", (4 * n, n), "rand"), (f"{prefix}.mlp.0.bias", (4 * n,), "zero"),
                (f"{prefix}.mlp.2.weight", (n, 4 * n), "rand"), (f"{prefix}.mlp.2.bias", (n,), "zero")]
        return out

    out = [("encoder.positional_embedding", (p["n_audio_ctx"], a), "rand32"),
           ("encoder.conv1.weight", (a, p["n_mels"], 3), "rand"), ("encoder.conv1.bias", (a, 1), "zero"),
           ("encoder.conv2.weight", (a, a, 3), "rand"), ("encoder.conv2.bias", (a, 1), "zero")]
    for i in range(p["n_audio_layer"]):
        out += block(f"encoder.blocks.{i}", a, cross=False)
    out += [("encoder.ln_post.weight", (a,), "one"), ("encoder.ln_post.bias", (a,), "zero"),
            ("decoder.positional_embedding", (p["n_text_ctx"], t), "rand32"),
            ("decoder.token_embedding.weight", (p["n_vocab"], t), "rand")]
    for i in range(p["n_text_layer"]):
        out += block(f"decoder.blocks.{i}", t, cross=True)
    out += [("decoder.ln.weight", (t,), "one"), ("decoder.ln.bias", (t,), "zero")]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--preset", choices=PRESETS, default="tiny")
    args = parser.parse_args()
    p = PRESETS[args.preset]
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<I", 0x67676D6C))
        for key in ["n_vocab", "n_audio_ctx", "n_audio_state", "n_audio_head", "n_audio_layer",
                    "n_text_ctx", "n_text_state", "n_text_head", "n_text_layer", "n_mels"]:
            f.write(struct.pack("<i", p[key]))
        f.write(struct.pack("<i", 1))  # ftype: f16 matrices
        filters = mel_filters(p["n_mels"])
        f.write(struct.pack("<ii", p["n_mels"], N_FFT_BINS) + struct.pack(f"<{len(filters)}f", *filters))
        f.write(struct.pack("<i", TEXT_TOKENS))
        words = [bytes([b]) for b in byte_order()]
        rng = random.Random(7)
        while len(words) < TEXT_TOKENS:
            words.append(("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 7)))).encode())
        for word in words:
            f.write(struct.pack("<i", len(word)) + word)
        for name, shape, kind in tensors(p):
            count = math.prod(shape)
            f16 = kind == "rand" and len(shape) >= 2 and not name.endswith("conv1.bias") and not name.endswith("conv2.bias")
            f.write(struct.pack("<iii", len(shape), len(name), 1 if f16 else 0))
            f.write(struct.pack(f"<{len(shape)}i", *reversed(shape)))
            f.write(name.encode())
            if kind == "one":
                f.write(constant_f32(count, 1.0))
            elif kind == "zero":
                f.write(constant_f32(count, 0.0))
            elif f16:
                f.write(small_f16(count))
            else:
                f.write(small_f32(count))
    os.replace(tmp, args.out)
    print(f"wrote {args.out} ({os.path.getsize(args.out) / 1e6:.1f} MB, preset {args.preset}, random weights)")


if __name__ == "__main__":
    main()
