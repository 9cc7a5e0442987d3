import type { ImageModel, VideoModel } from './model.ts';
import { shortSideOf } from './resolution.ts';

/** A resolution's short side; an unknown name as 720p. */
const shortSide = (resolution: string) => shortSideOf(resolution) ?? 720;

/** What a model will actually make for what the node asks: the nearest duration and resolution it offers. */
export interface VideoFit {
  duration: number;
  resolution: string;
  audio: boolean;
  /** Said to the user when the fit differs from the ask. */
  notes: string[];
}

function nearest(values: readonly number[], wanted: number): number {
  return values.reduce((best, value) => (Math.abs(value - wanted) < Math.abs(best - wanted) ? value : best), values[0]);
}

export function fitVideo(
  model: VideoModel,
  wanted: { duration: number; resolution: string; audio: boolean },
): VideoFit {
  const notes: string[] = [];
  const { capabilities } = model;
  const byHeight = [...capabilities.resolutions].sort((a, b) => shortSide(a) - shortSide(b));
  const resolution = capabilities.resolutions.includes(wanted.resolution)
    ? wanted.resolution
    : (byHeight.filter((value) => shortSide(value) <= shortSide(wanted.resolution)).at(-1) ?? byHeight[0]);
  if (resolution !== wanted.resolution) notes.push(`${resolution} (it has no ${wanted.resolution})`);
  const durations = capabilities.durationsAt?.[resolution] ?? capabilities.durations;
  const duration = nearest(durations, wanted.duration);
  if (duration !== wanted.duration) notes.push(`${duration} s (the nearest length it makes)`);
  const audio = capabilities.audio === 'always' ? true : capabilities.audio === 'none' ? false : wanted.audio;
  if (audio !== wanted.audio) notes.push(audio ? 'always makes sound' : 'makes no sound');
  return { duration, resolution, audio, notes };
}

/** The clip's pixel size for a still's aspect at a resolution, as the provider bills it. */
function billedSize(resolution: string, aspect: number): { width: number; height: number } {
  const short = shortSide(resolution);
  return aspect >= 1
    ? { width: Math.round(short * aspect), height: short }
    : { width: short, height: Math.round(short / aspect) };
}

/** US dollars for one clip, from the catalog's price. */
export function videoCost(model: VideoModel, fit: VideoFit, aspect = 16 / 9): number {
  const { price } = model;
  switch (price.kind) {
    case 'per-second': {
      const rates = fit.audio && price.audio ? price.audio : price.rates;
      return (rates[fit.resolution] ?? Math.max(...Object.values(rates))) * fit.duration;
    }
    case 'per-clip':
      return (fit.audio && price.audio !== undefined ? price.audio : price.perFiveSeconds) * (fit.duration / 5);
    case 'per-token': {
      const { width, height } = billedSize(fit.resolution, aspect);
      const tokens = (width * height * (24 * fit.duration + 1)) / 1024;
      return (tokens / 1_000_000) * (price.perMillion[fit.resolution] ?? Math.max(...Object.values(price.perMillion)));
    }
  }
}

/** The image size a model is asked for, from the node's long edge in pixels. */
export function imageSizeFor(model: ImageModel, longEdge: number): string {
  const order = ['512', '1K', '2K', '4K'].filter((size) => size in model.sizes);
  const pixels: Record<string, number> = { '512': 512, '1K': 1024, '2K': 2048, '4K': 4096 };
  return order.find((size) => pixels[size] >= longEdge) ?? order[order.length - 1];
}

export function imageCost(model: ImageModel, longEdge: number, count: number): number {
  return model.sizes[imageSizeFor(model, longEdge)] * count;
}
