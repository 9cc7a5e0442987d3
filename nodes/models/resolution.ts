/** The resolutions a clip is asked for, each by the length of its short side: one table for every node and model. */
export const RESOLUTIONS = { '480p': 480, '720p': 720, '1080p': 1080, '4k': 2160 } as const;
export type Resolution = keyof typeof RESOLUTIONS;

/** The resolutions in order, smallest first (what a select lists, what a zod enum takes). */
export const RESOLUTION_NAMES = Object.keys(RESOLUTIONS) as [Resolution, ...Resolution[]];

/** The short side of a resolution by its name; undefined for a name the table does not hold. */
export const shortSideOf = (resolution: string): number | undefined =>
  Object.hasOwn(RESOLUTIONS, resolution) ? RESOLUTIONS[resolution as Resolution] : undefined;

/**
 * The clip size for a still's aspect at a resolution: the short side is the resolution (the long
 * side at most 3840), both sides even (what H.264's 4:2:0 takes). Whether the browser can encode that size is the renderer's to say.
 */
export function clipSize(
  resolution: Resolution,
  stillWidth: number,
  stillHeight: number,
): { width: number; height: number } {
  return sizeAtShortSide(RESOLUTIONS[resolution], stillWidth, stillHeight);
}

/** The longest side any clip is made with: 4K UHD's width (a panorama at 4k is 3840 wide). */
const MAX_LONG_SIDE = 3840;

/**
 * A size of the shape `aspectWidth`:`aspectHeight` whose short side is `short` (less where the long
 * side would pass 3840), both sides even.
 */
export function sizeAtShortSide(
  short: number,
  aspectWidth: number,
  aspectHeight: number,
): { width: number; height: number } {
  const aspect = aspectWidth / aspectHeight;
  const even = (value: number) => Math.max(2, 2 * Math.round(value / 2));
  const [long, shortSide] = [short * Math.max(aspect, 1 / aspect), short];
  const scale = Math.min(1, MAX_LONG_SIDE / long);
  return aspect >= 1
    ? { width: even(long * scale), height: even(shortSide * scale) }
    : { width: even(shortSide * scale), height: even(long * scale) };
}

/**
 * The size a cloud take is asked with: the clip size with its width at most 1920, as it always was.
 * Providers read only its aspect, and a job's key holds that aspect (to four places), so it must not
 * move: a job sent before the local renderer took 4K is found again after, never sent twice.
 */
export function cloudClipSize(
  resolution: Resolution,
  stillWidth: number,
  stillHeight: number,
): { width: number; height: number } {
  const short = RESOLUTIONS[resolution];
  const aspect = stillWidth / stillHeight;
  const even = (value: number) => Math.max(2, 2 * Math.round(value / 2));
  let width = aspect >= 1 ? short * aspect : short;
  let height = aspect >= 1 ? short : short / aspect;
  if (width > 1920) {
    height = (height * 1920) / width;
    width = 1920;
  }
  return { width: even(width), height: even(height) };
}
