/** The resolutions a clip is asked for, each by the length of its short side: one table for every node and model. */
export const RESOLUTIONS = { '480p': 480, '720p': 720, '1080p': 1080, '4k': 2160 } as const;
export type Resolution = keyof typeof RESOLUTIONS;

/** The resolutions in order, smallest first (what a select lists, what a zod enum takes). */
export const RESOLUTION_NAMES = Object.keys(RESOLUTIONS) as [Resolution, ...Resolution[]];

/** The short side of a resolution by its name; undefined for a name the table does not hold. */
export const shortSideOf = (resolution: string): number | undefined =>
  Object.hasOwn(RESOLUTIONS, resolution) ? RESOLUTIONS[resolution as Resolution] : undefined;

/**
 * The clip size for a still's aspect at a resolution: the short side is the resolution, both sides
 * even (what H.264's 4:2:0 takes). Whether the browser can encode that size is the renderer's to say.
 */
export function clipSize(
  resolution: Resolution,
  stillWidth: number,
  stillHeight: number,
): { width: number; height: number } {
  const short = RESOLUTIONS[resolution];
  const aspect = stillWidth / stillHeight;
  const even = (value: number) => Math.max(2, 2 * Math.round(value / 2));
  return aspect >= 1 ? { width: even(short * aspect), height: short } : { width: short, height: even(short / aspect) };
}
