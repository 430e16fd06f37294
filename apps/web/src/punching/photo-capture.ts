/**
 * The photo taken with a punch (issue 20): a frame of the front camera, scaled to at most 640 px
 * and compressed as JPEG to about 50 KB, as a data URL the punch's JSON body carries (and the
 * offline queue keeps with its punch). The server takes at most 200 KB.
 */
export const PHOTO_MAX_SIDE = 640;
export const PHOTO_TARGET_BYTES = 50_000;
const QUALITIES = [0.8, 0.7, 0.6, 0.5, 0.4, 0.3];

/** Bytes of a base64 data URL's content. */
export function dataUrlBytes(dataUrl: string): number {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
}

/** The size a frame is drawn at: its longer side at most `max`, proportions kept. */
export function scaledSize(width: number, height: number, max = PHOTO_MAX_SIDE) {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The current frame of a playing video as a compressed JPEG data URL, or null without a frame. */
export function captureJpeg(video: HTMLVideoElement): string | null {
  if (!video.videoWidth || !video.videoHeight) return null;
  const size = scaledSize(video.videoWidth, video.videoHeight);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(video, 0, 0, size.width, size.height);
  let best: string | null = null;
  for (const quality of QUALITIES) {
    best = canvas.toDataURL('image/jpeg', quality);
    if (dataUrlBytes(best) <= PHOTO_TARGET_BYTES) break;
  }
  return best?.startsWith('data:image/jpeg;base64,') ? best : null;
}
