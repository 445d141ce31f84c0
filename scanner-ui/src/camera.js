// Scanning badges with the device camera (QR codes and common barcodes), via ZXing bundled into app.js.
import { BrowserMultiFormatReader } from '@zxing/browser';

const SAME_CODE_PAUSE_MS = 3000;

export class Camera {
  constructor(video, onCode) {
    this.video = video;
    this.onCode = onCode;
    this.controls = null;
    this.last = { code: null, at: 0 };
  }

  get running() {
    return this.controls !== null;
  }

  async start() {
    const reader = new BrowserMultiFormatReader();
    this.video.hidden = false;
    try {
      this.controls = await reader.decodeFromConstraints(
        { video: { facingMode: 'environment' } }, this.video, (result) => {
          if (!result) return;
          const code = result.getText().trim();
          const now = Date.now();
          // the same badge stays in view for a while: one scan per showing
          if (code === this.last.code && now - this.last.at < SAME_CODE_PAUSE_MS) return;
          this.last = { code, at: now };
          this.onCode(code);
        });
    } catch (e) {
      this.video.hidden = true;
      throw e;
    }
  }

  stop() {
    this.controls?.stop();
    this.controls = null;
    this.video.hidden = true;
  }
}
