import { VideoSample } from 'mediabunny';

/**
 * The colour every video Reelgraph encodes is written in: limited-range BT.709, tagged so, which
 * editors, players and platforms expect of HD and 4K.
 */
export const DELIVERY_COLOUR = {
  primaries: 'bt709',
  transfer: 'bt709',
  matrix: 'bt709',
  fullRange: false,
} as const satisfies VideoColorSpaceInit;

/**
 * The one step from a composed picture to a frame for the encoder (the camera move, the cut and
 * the contact sheet all end with it). A canvas handed to the encoder as it is comes out full-range
 * and tagged sRGB; read as RGB and handed over tagged BT.709, the browser's RGB→YUV conversion
 * uses BT.709's matrix and limited range, and the encoder writes those tags into the stream.
 */
export function deliveryFrames() {
  // One buffer per size, reused: the VideoFrame constructor copies the pixels out of it.
  let rgba: Uint8Array<ArrayBuffer> | undefined;
  return {
    /** The canvas's picture now, as a sample at `timestamp` seconds lasting `duration` (close it once added). */
    async fromCanvas(canvas: OffscreenCanvas, timestamp: number, duration: number): Promise<VideoSample> {
      const grabbed = new VideoFrame(canvas, { timestamp: Math.round(timestamp * 1e6) });
      try {
        const size = grabbed.allocationSize({ format: 'RGBA' });
        if (rgba?.byteLength !== size) rgba = new Uint8Array(size);
        await grabbed.copyTo(rgba, { format: 'RGBA' });
        const frame = new VideoFrame(rgba, {
          format: 'RGBX',
          codedWidth: grabbed.codedWidth,
          codedHeight: grabbed.codedHeight,
          timestamp: Math.round(timestamp * 1e6),
          duration: Math.round(duration * 1e6),
          colorSpace: DELIVERY_COLOUR,
        });
        return new VideoSample(frame, { timestamp, duration });
      } finally {
        grabbed.close();
      }
    },
  };
}

/** Whether a decoded frame is already in the delivery colour, so it may go to the encoder as it is. */
export function inDeliveryColour(sample: VideoSample): boolean {
  const { matrix, fullRange, primaries, transfer } = sample.colorSpace;
  return matrix === 'bt709' && fullRange === false && primaries === 'bt709' && transfer === 'bt709';
}
