/**
 * Titles and the composed frame (clips placed by their fit, then titles), drawn the one way both
 * the renderer and the node's preview draw them (2D canvas, the bundled fonts), so what the node
 * previews is what the MP4 holds.
 */
import { clipRect } from './frame';
import { TITLE_FONTS, type Fit, type Title } from './schema';

/** The title-safe margin, as a share of each side: broadcast's 10% rounded in for the web. */
const SAFE = 0.08;
const LINE_HEIGHT = 1.2;

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** When a title goes: its end, or the cut's, whichever is first. */
const endOf = (title: Title, cut: number) => Math.min(title.end ?? cut, cut);

/** A title's opacity at time `t` on a cut of `cut` seconds: 0 outside its time, fading in and out at its edges. */
export function titleOpacity(title: Title, t: number, cut: number): number {
  const end = endOf(title, cut);
  if (t < title.start || t >= end || title.text.trim() === '') return 0;
  const fade = Math.min(title.fade, (end - title.start) / 2);
  if (fade <= 0) return 1;
  return Math.max(0, Math.min(1, (t - title.start) / fade, (end - t) / fade));
}

/** The middle of a title's time on the cut (where a preview shows it at its fullest). */
export const titleMidpoint = (title: Title, cut: number) => (title.start + endOf(title, cut)) / 2;

/** The CSS font a title is drawn in at a frame height. */
export function titleFont(title: Title, frameHeight: number): string {
  const { family, weight } = TITLE_FONTS[title.font];
  return `${weight} ${Math.max(1, Math.round((frameHeight * title.size) / 100))}px "${family}"`;
}

/** Where a block of `blockWidth`×`blockHeight` sits for an anchor and offset: its top-left corner. */
export function titlePlace(
  title: Pick<Title, 'anchor' | 'offsetX' | 'offsetY'>,
  blockWidth: number,
  blockHeight: number,
  width: number,
  height: number,
): { x: number; y: number; align: 'left' | 'center' | 'right' } {
  const column = title.anchor.endsWith('left') ? 'left' : title.anchor.endsWith('right') ? 'right' : 'center';
  const row = title.anchor.startsWith('top') ? 'top' : title.anchor.startsWith('bottom') ? 'bottom' : 'middle';
  const x =
    column === 'left' ? SAFE * width : column === 'right' ? width * (1 - SAFE) - blockWidth : (width - blockWidth) / 2;
  const y =
    row === 'top' ? SAFE * height : row === 'bottom' ? height * (1 - SAFE) - blockHeight : (height - blockHeight) / 2;
  return { x: x + (title.offsetX / 100) * width, y: y + (title.offsetY / 100) * height, align: column };
}

/** Draws every title showing at `t` over what the frame holds. */
export function drawTitles(
  ctx: Context,
  titles: readonly Title[],
  t: number,
  cut: number,
  width: number,
  height: number,
): void {
  for (const title of titles) {
    const alpha = titleOpacity(title, t, cut);
    if (alpha <= 0) continue;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = alpha;
    ctx.font = titleFont(title, height);
    ctx.textBaseline = 'middle';
    const px = Math.max(1, Math.round((height * title.size) / 100));
    const lines = title.text.split('\n');
    const lineHeight = px * LINE_HEIGHT;
    const blockWidth = Math.max(...lines.map((line) => ctx.measureText(line).width));
    const blockHeight = lines.length * lineHeight;
    const { x, y, align } = titlePlace(title, blockWidth, blockHeight, width, height);
    if (title.band) {
      const pad = px * 0.45;
      ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
      ctx.fillRect(x - pad, y - pad / 2, blockWidth + 2 * pad, blockHeight + pad);
    } else {
      // Legible over a bright sky without a band.
      ctx.shadowColor = 'rgba(0, 0, 0, 0.55)';
      ctx.shadowBlur = px * 0.12;
    }
    ctx.fillStyle = title.color;
    ctx.textAlign = align;
    const lineX = align === 'left' ? x : align === 'right' ? x + blockWidth : x + blockWidth / 2;
    lines.forEach((line, at) => ctx.fillText(line, lineX, y + lineHeight * (at + 0.5)));
    ctx.restore();
  }
}

/** One clip's picture at a time: its size as shown, its focus point, its opacity, and how to draw it into a rectangle. */
export interface FrameLayer {
  alpha: number;
  width: number;
  height: number;
  focus: { x: number; y: number };
  draw(ctx: Context, x: number, y: number, width: number, height: number): void;
}

/** A frame of the cut: black, each clip showing at its opacity placed by its fit, then the titles. */
export function composeFrame(
  ctx: Context,
  layers: readonly FrameLayer[],
  fit: Fit,
  titles: readonly Title[],
  t: number,
  cut: number,
  width: number,
  height: number,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.filter = 'none';
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, width, height);
  for (const layer of layers) {
    const { rect, fill } = clipRect(fit, layer.focus, layer, width, height);
    ctx.globalAlpha = layer.alpha;
    if (fill) {
      // The clip itself, blurred and covering, behind it whole: no bars, no stretch.
      ctx.filter = `blur(${Math.round(Math.max(width, height) / 40)}px)`;
      layer.draw(ctx, fill.x, fill.y, fill.width, fill.height);
      ctx.filter = 'none';
    }
    layer.draw(ctx, rect.x, rect.y, rect.width, rect.height);
  }
  ctx.globalAlpha = 1;
  drawTitles(ctx, titles, t, cut, width, height);
}

/** Whether any title shows at `t` (then the frame is composed, never passed through as decoded). */
export const titlesShowAt = (titles: readonly Title[], t: number, cut: number) =>
  titles.some((title) => titleOpacity(title, t, cut) > 0);
