// Microphone samples to 16-bit little-endian PCM frames of about 100 ms, posted to the page.
class Pcm16 extends AudioWorkletProcessor {
  constructor() {
    super();
    this.frame = new Int16Array(Math.round(sampleRate / 10));
    this.length = 0;
  }

  process(inputs) {
    const channel = inputs[0][0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      const s = Math.max(-1, Math.min(1, channel[i]));
      this.frame[this.length++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      if (this.length === this.frame.length) {
        this.port.postMessage(this.frame.buffer, [this.frame.buffer]);
        this.frame = new Int16Array(this.frame.length);
        this.length = 0;
      }
    }
    return true;
  }
}
registerProcessor('pcm16', Pcm16);
