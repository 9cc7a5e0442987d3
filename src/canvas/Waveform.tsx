import { memo, useEffect, useRef } from 'react';
import type { ArtifactRef } from '../../graph-engine';
import { useServices } from '../ui/services-context';

const WIDTH = 276;
const HEIGHT = 56;

/** Peak envelope of a sound, one min/max pair per pixel column. */
async function peaksOf(blob: Blob, columns: number): Promise<{ peaks: Float32Array; duration: number }> {
  const buffer = await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(await blob.arrayBuffer());
  const data = buffer.getChannelData(0);
  const peaks = new Float32Array(columns * 2);
  const per = Math.max(1, Math.floor(data.length / columns));
  for (let column = 0; column < columns; column++) {
    let low = 0;
    let high = 0;
    for (let at = column * per; at < Math.min(data.length, (column + 1) * per); at++) {
      low = Math.min(low, data[at]);
      high = Math.max(high, data[at]);
    }
    peaks[column * 2] = low;
    peaks[column * 2 + 1] = high;
  }
  return { peaks, duration: buffer.duration };
}

/** A sound's waveform, with the part between `from` and `to` seconds highlighted (the trim). */
export const Waveform = memo(function Waveform({
  artifact,
  from,
  to,
}: {
  artifact: ArtifactRef;
  from?: number;
  to?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { artifacts } = useServices();
  useEffect(() => {
    let cancelled = false;
    void artifacts.get(artifact.$artifact).then(async (blob) => {
      const ctx = canvas.current?.getContext('2d');
      if (!blob || !ctx) return;
      const { peaks, duration } = await peaksOf(blob, WIDTH).catch(() => ({ peaks: new Float32Array(), duration: 0 }));
      if (cancelled) return;
      ctx.clearRect(0, 0, WIDTH, HEIGHT);
      const start = duration > 0 ? ((from ?? 0) / duration) * WIDTH : 0;
      const end = duration > 0 ? (Math.min(to ?? duration, duration) / duration) * WIDTH : WIDTH;
      ctx.fillStyle = 'rgba(245, 166, 35, 0.15)';
      ctx.fillRect(start, 0, end - start, HEIGHT);
      for (let column = 0; column < peaks.length / 2; column++) {
        ctx.fillStyle = column >= start && column <= end ? '#81c784' : '#4a5a4b';
        const top = ((1 - peaks[column * 2 + 1]) / 2) * HEIGHT;
        const bottom = ((1 - peaks[column * 2]) / 2) * HEIGHT;
        ctx.fillRect(column, top, 1, Math.max(1, bottom - top));
      }
    });
    return () => {
      cancelled = true;
    };
  }, [artifact.$artifact, artifacts, from, to]);
  return <canvas ref={canvas} width={WIDTH} height={HEIGHT} className="waveform" aria-label="Waveform" />;
});
