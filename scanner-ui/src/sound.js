// Short tones so the volunteer hears the result without looking: high for yes, two for re-entry, low for no.
let audio;

const PATTERNS = {
  checked_in: [[880, 0.12]],
  redeemed: [[880, 0.12]],
  checked_out: [[660, 0.12]],
  reentry: [[660, 0.1], [880, 0.1]],
};
const REFUSED = [[220, 0.35]];

export function beep(status) {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') audio.resume();
    let at = audio.currentTime + 0.01;
    for (const [frequency, seconds] of PATTERNS[status] ?? REFUSED) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + seconds);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + seconds);
      at += seconds + 0.05;
    }
  } catch {
    // no audio on this device: the colour says it all
  }
}
