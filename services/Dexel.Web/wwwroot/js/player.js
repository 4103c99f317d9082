// The audio element, hls.js, the Media Session API and the keyboard; the state lives in PlayerState (C#).
let audio, hls, dotnet;

export function init(element, ref) {
  audio = element;
  dotnet = ref;
  const report = (name, ...args) => dotnet.invokeMethodAsync(name, ...args);
  audio.addEventListener('timeupdate', () => report('OnTime', audio.currentTime, Number.isFinite(audio.duration) ? audio.duration : 0));
  audio.addEventListener('playing', () => report('OnPlaying', true));
  audio.addEventListener('pause', () => report('OnPlaying', false));
  audio.addEventListener('ended', () => report('OnEnded'));
  audio.addEventListener('volumechange', () => report('OnVolume', Math.round(audio.volume * 100)));

  if ('mediaSession' in navigator) {
    for (const action of ['play', 'pause', 'previoustrack', 'nexttrack']) {
      navigator.mediaSession.setActionHandler(action, () => report('OnMediaKey', action, 0));
    }
    navigator.mediaSession.setActionHandler('seekto', details => report('OnMediaKey', 'seekto', details.seekTime ?? 0));
  }

  document.addEventListener('keydown', event => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || !audio.src) return;
    if (target.closest('input, textarea, select, [contenteditable], button, a, [role="slider"]')) return;
    const keys = {
      ' ': () => report('OnMediaKey', audio.paused ? 'play' : 'pause', 0),
      ArrowLeft: () => { audio.currentTime = Math.max(0, audio.currentTime - 10); },
      ArrowRight: () => { audio.currentTime = Math.min(audio.duration || 0, audio.currentTime + 10); },
      ArrowUp: () => { audio.volume = Math.min(1, audio.volume + 0.1); },
      ArrowDown: () => { audio.volume = Math.max(0, audio.volume - 0.1); },
    };
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  });
}

export async function load(url, title, artist) {
  if (hls) { hls.destroy(); hls = null; }
  if (window.Hls && Hls.isSupported()) {
    hls = new Hls();
    hls.on(Hls.Events.MANIFEST_PARSED, (_, data) => dotnet.invokeMethodAsync('OnLevels', data.levels.length));
    hls.on(Hls.Events.LEVEL_SWITCHED, (_, data) => dotnet.invokeMethodAsync('OnLevel', data.level, hls.autoLevelEnabled));
    hls.on(Hls.Events.ERROR, (_, data) => { if (data.fatal) dotnet.invokeMethodAsync('OnError', data.details); });
    hls.loadSource(url);
    hls.attachMedia(audio);
  } else {
    audio.src = url; // Safari plays HLS itself
  }
  if ('mediaSession' in navigator) {
    navigator.mediaSession.metadata = new MediaMetadata({ title, artist, album: 'Dexel' });
  }
  await play();
}

export async function play() {
  try { await audio.play(); } catch { dotnet.invokeMethodAsync('OnPlaying', false); }
}

export function pause() { audio.pause(); }
export function seek(seconds) { audio.currentTime = seconds; }
export function volume(percent) { audio.volume = Math.min(100, Math.max(0, percent)) / 100; }
export function level(index) { if (hls) hls.currentLevel = index; } // -1: automatic
export function position() { return audio.currentTime; }
