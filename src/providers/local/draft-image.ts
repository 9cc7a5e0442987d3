import { sha256Text } from '../../../graph-engine';
import type { DraftRequest } from '../../../nodes/providers';

/** A small deterministic PRNG (mulberry32) seeded from the prompt and seed. */
function random(seedText: string): () => number {
  let state = Number.parseInt(sha256Text(seedText).slice(0, 8), 16);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The local draft generator: a deterministic composition (sky, horizon, layered hills, a sun)
 * from prompt + seed, distinct per seed, clearly labelled as a local placeholder. It is a
 * stand-in for composition and timing tests, not an image model.
 */
export async function renderDraft(request: DraftRequest): Promise<Blob> {
  const { width, height, prompt, seed } = request;
  const next = random(`${prompt}\u0000${seed}`);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on an OffscreenCanvas.');
  const hue = Math.floor(next() * 360);

  const sky = ctx.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, `hsl(${hue} 55% ${20 + next() * 25}%)`);
  sky.addColorStop(1, `hsl(${(hue + 40) % 360} 70% ${55 + next() * 20}%)`);
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, height);

  const sunX = width * (0.2 + next() * 0.6);
  const sunY = height * (0.2 + next() * 0.3);
  const sunR = Math.min(width, height) * (0.06 + next() * 0.08);
  const glow = ctx.createRadialGradient(sunX, sunY, 0, sunX, sunY, sunR * 4);
  glow.addColorStop(0, `hsla(${(hue + 180) % 360} 90% 85% / 0.9)`);
  glow.addColorStop(1, 'hsla(0 0% 100% / 0)');
  ctx.fillStyle = glow;
  ctx.fillRect(0, 0, width, height);

  for (let layer = 0; layer < 4; layer++) {
    const base = height * (0.55 + layer * 0.11);
    ctx.fillStyle = `hsl(${(hue + 200 + layer * 15) % 360} 35% ${32 - layer * 7}%)`;
    ctx.beginPath();
    ctx.moveTo(0, height);
    const peaks = 3 + Math.floor(next() * 4);
    for (let at = 0; at <= peaks * 8; at++) {
      const x = (at / (peaks * 8)) * width;
      const y =
        base -
        Math.sin((at / 8) * Math.PI + next() * 0.4) ** 2 * height * (0.12 - layer * 0.02) -
        next() * height * 0.015;
      ctx.lineTo(x, y);
    }
    ctx.lineTo(width, height);
    ctx.closePath();
    ctx.fill();
  }

  const label = Math.max(12, Math.round(height / 28));
  ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.fillRect(0, height - label * 2.2, width, label * 2.2);
  ctx.fillStyle = '#fff';
  ctx.font = `${label}px sans-serif`;
  ctx.textBaseline = 'middle';
  const caption = prompt.trim() === '' ? '(no prompt)' : prompt.trim();
  ctx.fillText(
    `LOCAL DRAFT · seed ${seed} · ${caption}`.slice(0, 120),
    label * 0.6,
    height - label * 1.1,
    width - label * 1.2,
  );
  return canvas.convertToBlob({ type: 'image/png' });
}
