import { LOCAL_CAMERA_MOVE } from '../animate/schema';
import type { CloudModel } from './model';
import { formatUsd } from './format-usd';

/** A model's name as people read it: the catalog's label, or "Local camera move". */
export function modelName(id: unknown, models: readonly CloudModel[]): string {
  if (id === LOCAL_CAMERA_MOVE) return 'Local camera move';
  return models.find((candidate) => candidate.id === id)?.label ?? String(id);
}

/** "Veo 3.1 · 1280×720 · 8.0 s · 94 s to make · $3.20": what a clip (or a still) is and what it took, from its artifact meta. */
export function mediaLabel(
  meta: Record<string, string | number | boolean> | undefined,
  models: readonly CloudModel[],
): string {
  if (!meta) return '';
  const source =
    meta.source === 'local-draft'
      ? `Local draft, seed ${meta.seed}`
      : meta.source === 'upload'
        ? typeof meta.duration === 'number'
          ? 'Your video'
          : 'Your photo'
        : meta.source === 'last-frame' && typeof meta.at === 'number'
          ? `Last frame, at ${meta.at.toFixed(2)} s`
          : '';
  const model = meta.model ? modelName(meta.model, models) : source;
  const parts = [
    model,
    meta.width && `${meta.width}×${meta.height}`,
    typeof meta.duration === 'number' && `${meta.duration.toFixed(1)} s`,
  ];
  if (typeof meta.seconds === 'number') parts.push(`${meta.seconds} s to make`);
  if (typeof meta.cost === 'number') parts.push(meta.cost === 0 ? '$0 (local)' : formatUsd(meta.cost));
  if (typeof meta.still === 'string') parts.push(`still ${meta.still}`);
  // Made otherwise than asked (another codec, a smaller size): said wherever the clip is.
  if (typeof meta.note === 'string') parts.push(meta.note);
  return parts.filter(Boolean).join(' · ');
}
