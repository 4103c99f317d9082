// The microphone streamed to /api/v1/voice/stream (AudioWorklet → 16-bit PCM); events go to VoiceAssistant (C#).
let session;

export async function start(ticket, context, dotnet) {
  const media = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: false } });
  const audio = new AudioContext();
  await audio.resume();
  await audio.audioWorklet.addModule('js/pcm-worklet.js');
  const source = audio.createMediaStreamSource(media);
  const pcm = new AudioWorkletNode(audio, 'pcm16');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/api/v1/voice/stream`, ['dexel.voice.v1', `ticket.${ticket}`]);
  session = { media, audio, ws };

  ws.onopen = () => ws.send(JSON.stringify({ type: 'start', sampleRate: audio.sampleRate, encoding: 'pcm16', context }));
  ws.onmessage = event => {
    const message = JSON.parse(event.data);
    if (message.type === 'listening') {
      pcm.port.onmessage = frame => { if (ws.readyState === WebSocket.OPEN) ws.send(frame.data); };
      source.connect(pcm);
      pcm.connect(audio.destination); // the graph only runs what reaches the destination; the worklet writes silence
    }
    if (message.type === 'transcript') release();
    dotnet.invokeMethodAsync('OnEvent', event.data);
  };
  ws.onclose = event => {
    release();
    dotnet.invokeMethodAsync('OnClosed', event.code, event.reason || '');
  };
}

/// The listener let go: transcribe what was said so far.
export function finish() {
  if (session?.ws.readyState === WebSocket.OPEN) session.ws.send(JSON.stringify({ type: 'end' }));
  release();
}

export async function speak(url) {
  try { await new Audio(url).play(); } catch { /* no autoplay: the reply stays on screen */ }
}

function release() {
  if (!session || session.released) return;
  session.released = true;
  session.media.getTracks().forEach(track => track.stop());
  session.audio.close();
}
