// Microphone samples to 16-bit little-endian PCM frames of about 100 ms, posted to the page.
class Pcm16 extends AudioWorkletProcessor {
  constructor() {
    super();
    this.size = Math.round(sampleRate / 10);
    this.frame = new Int16Array(this.size);
    this.length = 0;
  }

  process(inputs) {
    const channel = inputs[0][0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      const s = Math.max(-1, Math.min(1, channel[i]));
      this.frame[this.length++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      if (this.length === this.size) {
        this.port.postMessage(this.frame.buffer, [this.frame.buffer]); // transferred: the old array is empty now
        this.frame = new Int16Array(this.size);
        this.length = 0;
      }
    }
    return true;
  }
}
registerProcessor('pcm16', Pcm16);
