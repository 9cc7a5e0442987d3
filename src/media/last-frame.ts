import { ALL_FORMATS, BlobSource, CanvasSink, Input } from 'mediabunny';

/**
 * A clip's last frame, drawn as it is shown (rotation applied), as a PNG: where the next shot starts.
 */
export async function lastFrame(clip: Blob): Promise<{ image: Blob; width: number; height: number; at: number }> {
  const input = new Input({ source: new BlobSource(clip), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack().catch(() => null);
    if (!track) throw new Error('This is not a video Reelgraph can read.');
    if (!(await track.canDecode()))
      throw new Error(`This browser cannot decode this video’s ${track.codec ?? 'unknown'} codec.`);
    // The frame shown at the very end: the last one starting at or before the track's end.
    const end = await track.computeDuration();
    const frame = await new CanvasSink(track, { poolSize: 1 }).getCanvas(end);
    if (!frame) throw new Error('This video has no frames.');
    const { canvas } = frame;
    const image =
      canvas instanceof OffscreenCanvas
        ? await canvas.convertToBlob({ type: 'image/png' })
        : await new Promise<Blob>((resolve, reject) =>
            canvas.toBlob(
              (blob) => (blob ? resolve(blob) : reject(new Error('The last frame could not be drawn.'))),
              'image/png',
            ),
          );
    return { image, width: canvas.width, height: canvas.height, at: frame.timestamp };
  } finally {
    input.dispose();
  }
}
