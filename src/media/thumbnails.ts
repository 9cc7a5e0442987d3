import { ALL_FORMATS, BlobSource, CanvasSink, Input } from 'mediabunny';

/**
 * A strip of a clip's frames for a timeline block: `count` frames `height` pixels tall, evenly
 * spaced over the part of the clip used (from `from` for `seconds`), drawn side by side into one
 * canvas, which is returned as an image URL (revoke it when done).
 */
export async function thumbnailStrip(
  clip: Blob,
  from: number,
  seconds: number,
  count: number,
  height: number,
): Promise<string> {
  const input = new Input({ source: new BlobSource(clip), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw new Error('The clip has no video.');
    const width = Math.max(1, Math.round((height * track.displayWidth) / track.displayHeight));
    const strip = new OffscreenCanvas(width * count, height);
    const ctx = strip.getContext('2d')!;
    const times = Array.from({ length: count }, (_, at) => from + ((at + 0.5) * seconds) / count);
    let at = 0;
    for await (const frame of new CanvasSink(track, { width, height, fit: 'cover', poolSize: 1 }).canvasesAtTimestamps(
      times,
    )) {
      if (frame) ctx.drawImage(frame.canvas, at * width, 0);
      at++;
    }
    return URL.createObjectURL(await strip.convertToBlob({ type: 'image/jpeg', quality: 0.8 }));
  } finally {
    input.dispose();
  }
}
