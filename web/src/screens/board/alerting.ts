let audio: AudioContext | undefined;

/** Browsers let a page play sound after a user gesture: the board calls this on any click. */
export function unlockSound(): void {
  audio ??= new AudioContext();
  if (audio.state === 'suspended') void audio.resume();
}

/** Three short high tones, distinct from any system sound. */
export function playAlarmSound(): void {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (let i = 0; i < 3; i += 1) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.25, start + i * 0.3);
    gain.gain.setValueAtTime(0, start + i * 0.3 + 0.18);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + i * 0.3);
    tone.stop(start + i * 0.3 + 0.2);
  }
}

/**
 * The system notification, when the operator allowed it and the tab is not in front. It names the
 * case reference and the level only: a notification is seen by whoever stands by the screen.
 */
export function notifySystem(title: string, body: string, tag: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  new Notification(title, { body, tag, requireInteraction: true });
}
