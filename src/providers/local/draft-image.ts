import type { DraftRequest } from '../../../nodes/providers';
import { planDraft, random, type DraftPlan, type Light } from './draft-plan';

/** Sky (top, at the horizon), land (far, near), the sun's colour and the silhouettes', per light, as HSL. */
const PALETTES: Record<
  Light,
  {
    sky: [number, number, number][];
    land: [number, number, number][];
    sun: [number, number, number];
    shade: [number, number, number];
  }
> = {
  dawn: {
    sky: [
      [230, 35, 30],
      [20, 75, 72],
    ],
    land: [
      [250, 18, 38],
      [240, 20, 22],
    ],
    sun: [35, 100, 85],
    shade: [240, 25, 14],
  },
  day: {
    sky: [
      [208, 70, 48],
      [200, 60, 80],
    ],
    land: [
      [140, 25, 45],
      [110, 35, 28],
    ],
    sun: [50, 100, 92],
    shade: [210, 25, 18],
  },
  golden: {
    sky: [
      [28, 70, 45],
      [38, 95, 68],
    ],
    land: [
      [20, 40, 30],
      [15, 45, 16],
    ],
    sun: [42, 100, 75],
    shade: [15, 50, 10],
  },
  dusk: {
    sky: [
      [255, 45, 20],
      [330, 45, 55],
    ],
    land: [
      [260, 25, 24],
      [255, 30, 12],
    ],
    sun: [15, 90, 70],
    shade: [260, 35, 8],
  },
  night: {
    sky: [
      [225, 60, 7],
      [220, 45, 20],
    ],
    land: [
      [225, 25, 12],
      [225, 30, 6],
    ],
    sun: [55, 30, 90],
    shade: [225, 30, 4],
  },
  overcast: {
    sky: [
      [210, 10, 45],
      [210, 8, 70],
    ],
    land: [
      [150, 8, 36],
      [150, 10, 22],
    ],
    sun: [0, 0, 90],
    shade: [210, 10, 15],
  },
  neon: {
    sky: [
      [265, 70, 10],
      [305, 80, 35],
    ],
    land: [
      [250, 40, 12],
      [260, 45, 6],
    ],
    sun: [180, 100, 60],
    shade: [260, 50, 4],
  },
};

/**
 * The local draft generator: a picture drawn by rules from the plan the prompt and seed make
 * (light, land, subject, shot size, weather), with no words in its pixels. Drafts are labelled
 * in the app and in their metadata (source: local-draft), never in the image, so a video made
 * from one carries no caption. It is a stand-in for framing and camera tests, not an image model.
 */
export async function renderDraft(request: DraftRequest): Promise<Blob> {
  const { width, height } = request;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on an OffscreenCanvas.');
  drawDraft(ctx, width, height, planDraft(request.prompt, request.seed));
  return canvas.convertToBlob({ type: 'image/png' });
}

function drawDraft(ctx: OffscreenCanvasRenderingContext2D, width: number, height: number, plan: DraftPlan): void {
  const next = random(`${plan.seedText}\u0000shapes`);
  const palette = PALETTES[plan.light];
  const hsl = ([h, s, l]: [number, number, number], alpha = 1, lighter = 0) =>
    `hsl(${(h + plan.hueShift + 360) % 360} ${s}% ${Math.max(0, Math.min(100, l + lighter))}% / ${alpha})`;
  const horizon = plan.horizon * height;
  const short = Math.min(width, height);

  const sky = ctx.createLinearGradient(0, 0, 0, horizon);
  sky.addColorStop(0, hsl(palette.sky[0]));
  sky.addColorStop(1, hsl(palette.sky[1]));
  // The horizon's colour underneath everything: no edge of land can leave a pixel unpainted.
  ctx.fillStyle = hsl(palette.sky[1]);
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, horizon + 2);

  if (plan.light === 'night' || plan.light === 'neon')
    for (let star = 0; star < 90; star++) {
      ctx.fillStyle = `rgba(255, 255, 255, ${0.3 + next() * 0.6})`;
      ctx.fillRect(next() * width, next() * horizon * 0.8, 1 + next() * 1.5, 1 + next() * 1.5);
    }
  if (plan.sun) {
    const x = plan.sun.x * width;
    const y = plan.sun.y * height;
    const radius = plan.sun.radius * short;
    const glow = ctx.createRadialGradient(x, y, 0, x, y, radius * 6);
    glow.addColorStop(0, hsl(palette.sun, 0.85));
    glow.addColorStop(1, hsl(palette.sun, 0));
    ctx.fillStyle = glow;
    ctx.fillRect(0, 0, width, horizon);
    ctx.fillStyle = hsl(palette.sun, 1, 6);
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, Math.PI * 2);
    ctx.fill();
  }

  const far = hsl(palette.land[0]);
  const near = hsl(palette.land[1]);
  /** A band of land whose top edge is `edge(x)`, down to the bottom. */
  const band = (fill: string, edge: (x: number) => number, step = width / 160) => {
    ctx.fillStyle = fill;
    ctx.beginPath();
    ctx.moveTo(0, height);
    for (let x = 0; x <= width + step; x += step) ctx.lineTo(x, edge(x));
    ctx.lineTo(width, height);
    ctx.closePath();
    ctx.fill();
  };
  const waves = (amplitude: number, count: number) => {
    const phases = Array.from({ length: 3 }, () => next() * Math.PI * 2);
    return (x: number) =>
      phases.reduce(
        (sum, phase, at) => sum + Math.sin((x / width) * Math.PI * count * (at + 1) + phase) / (at + 1),
        0,
      ) * amplitude;
  };
  switch (plan.land) {
    case 'sea': {
      const water = ctx.createLinearGradient(0, horizon, 0, height);
      water.addColorStop(0, hsl(palette.sky[1], 1, -12));
      water.addColorStop(1, hsl(palette.land[1]));
      ctx.fillStyle = water;
      ctx.fillRect(0, horizon, width, height - horizon);
      // The sun's path on the water, broken by the swell.
      if (plan.sun)
        for (let line = 0; line < 40; line++) {
          const y = horizon + ((line + 1) / 40) ** 1.6 * (height - horizon);
          const spread = plan.sun.radius * short * (1 + line / 6) * (0.6 + next() * 0.8);
          ctx.fillStyle = hsl(palette.sun, 0.35 * (1 - line / 40));
          ctx.fillRect(plan.sun.x * width - spread, y, spread * 2, Math.max(1, height / 300));
        }
      break;
    }
    case 'mountains': {
      for (const [layer, fill] of [far, near].entries()) {
        const peaks = Array.from({ length: 4 + Math.floor(next() * 4) }, () => ({
          x: next() * width,
          rise: (0.12 + next() * 0.2) * height * (layer === 0 ? 1 : 0.6),
          span: (0.12 + next() * 0.18) * width,
        }));
        const base = horizon + layer * height * 0.08;
        band(
          fill,
          (x) => base - Math.max(0, ...peaks.map((peak) => peak.rise * (1 - Math.abs(x - peak.x) / peak.span))),
        );
      }
      break;
    }
    case 'city': {
      let x = 0;
      ctx.fillStyle = far;
      const lit = plan.light === 'night' || plan.light === 'neon' || plan.light === 'dusk';
      while (x < width) {
        const w = (0.03 + next() * 0.06) * width;
        const h = (0.08 + next() * 0.3) * height;
        ctx.fillStyle = far;
        ctx.fillRect(x, horizon - h, w + 1, h + 2);
        if (lit)
          for (let wy = horizon - h + 6; wy < horizon - 6; wy += 10)
            for (let wx = x + 4; wx < x + w - 4; wx += 8)
              if (next() < 0.35) {
                ctx.fillStyle =
                  plan.light === 'neon' ? hsl([next() < 0.5 ? 300 : 185, 90, 65]) : 'rgba(255, 214, 150, 0.85)';
                ctx.fillRect(wx, wy, 3, 4);
              }
        x += w;
      }
      band(near, () => horizon);
      break;
    }
    case 'forest': {
      band(far, () => horizon);
      for (const layer of [0, 1]) {
        ctx.fillStyle = layer === 0 ? far : near;
        const treeHeight = height * (layer === 0 ? 0.1 : 0.2);
        for (let x = -20; x < width + 20; x += treeHeight * (0.25 + next() * 0.25)) {
          const h = treeHeight * (0.6 + next() * 0.6);
          const base = horizon + layer * height * 0.07;
          ctx.beginPath();
          ctx.moveTo(x, base - h);
          ctx.lineTo(x - h * 0.22, base + 2);
          ctx.lineTo(x + h * 0.22, base + 2);
          ctx.closePath();
          ctx.fill();
        }
      }
      band(near, () => horizon + height * 0.07);
      break;
    }
    case 'desert': {
      const dunes = [waves(height * 0.04, 1.5), waves(height * 0.05, 1.1)];
      band(hsl([35, 45, 52]), (x) => horizon + dunes[0](x));
      band(hsl([30, 50, 38]), (x) => horizon + height * 0.12 + dunes[1](x));
      break;
    }
    case 'field': {
      band(far, () => horizon);
      // Rows running to a vanishing point on the horizon: the eye reads depth, the camera a ground.
      const vanish = width * (0.3 + next() * 0.4);
      ctx.strokeStyle = hsl(palette.land[1], 0.5);
      ctx.lineWidth = Math.max(1, width / 600);
      for (let row = -12; row <= 12; row++) {
        ctx.beginPath();
        ctx.moveTo(vanish, horizon);
        ctx.lineTo(vanish + row * width * 0.12, height);
        ctx.stroke();
      }
      break;
    }
    default: {
      const edges = [waves(height * 0.05, 2), waves(height * 0.06, 1.4), waves(height * 0.05, 2.6)];
      band(far, (x) => horizon + edges[0](x));
      band(hsl(palette.land[0], 1, -6), (x) => horizon + height * 0.08 + edges[1](x));
      band(near, (x) => horizon + height * 0.18 + edges[2](x));
    }
  }

  if (plan.subject) {
    // A rim of light around the silhouette: it reads against a dark skyline as well as a bright sky.
    ctx.save();
    ctx.shadowColor = hsl(palette.sun, 0.9);
    ctx.shadowBlur = Math.max(4, plan.subject.height * height * 0.06);
    drawSubject(ctx, plan, width, height, hsl(palette.shade), hsl(palette.sun), next);
    ctx.restore();
  }

  if (plan.weather === 'fog') {
    const fog = ctx.createLinearGradient(0, horizon - height * 0.3, 0, height);
    fog.addColorStop(0, 'rgba(230, 232, 236, 0)');
    fog.addColorStop(0.45, 'rgba(230, 232, 236, 0.55)');
    fog.addColorStop(1, 'rgba(230, 232, 236, 0.25)');
    ctx.fillStyle = fog;
    ctx.fillRect(0, 0, width, height);
  } else if (plan.weather === 'rain' || plan.weather === 'snow') {
    ctx.strokeStyle = 'rgba(220, 230, 255, 0.35)';
    ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
    ctx.lineWidth = Math.max(1, width / 900);
    for (let drop = 0; drop < 400; drop++) {
      const x = next() * width;
      const y = next() * height;
      if (plan.weather === 'snow') ctx.fillRect(x, y, 2 + next() * 2, 2 + next() * 2);
      else {
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x - height * 0.01, y + height * 0.04);
        ctx.stroke();
      }
    }
  }

  const vignette = ctx.createRadialGradient(
    width / 2,
    height / 2,
    short * 0.35,
    width / 2,
    height / 2,
    Math.hypot(width, height) / 2,
  );
  vignette.addColorStop(0, 'rgba(0, 0, 0, 0)');
  vignette.addColorStop(1, 'rgba(0, 0, 0, 0.35)');
  ctx.fillStyle = vignette;
  ctx.fillRect(0, 0, width, height);
}

/** The subject as a silhouette standing where the plan puts it, at the height the shot size gives it. */
function drawSubject(
  ctx: OffscreenCanvasRenderingContext2D,
  plan: DraftPlan,
  width: number,
  height: number,
  shade: string,
  light: string,
  next: () => number,
): void {
  const subject = plan.subject!;
  const x = subject.x * width;
  const h = subject.height * height;
  // It stands a little below the horizon (on the land), a bird flies above it, a boat floats on it.
  const ground = plan.horizon * height + (subject.shape === 'boat' ? h * 0.1 : height * 0.06);
  ctx.fillStyle = shade;
  ctx.beginPath();
  switch (subject.shape) {
    case 'tower': {
      const w = h * 0.16;
      ctx.moveTo(x - w / 2, ground);
      ctx.lineTo(x - w * 0.32, ground - h * 0.88);
      ctx.lineTo(x + w * 0.32, ground - h * 0.88);
      ctx.lineTo(x + w / 2, ground);
      ctx.fill();
      ctx.fillRect(x - w * 0.42, ground - h * 0.9, w * 0.84, h * 0.03);
      ctx.beginPath();
      ctx.moveTo(x - w * 0.3, ground - h * 0.9);
      ctx.lineTo(x, ground - h);
      ctx.lineTo(x + w * 0.3, ground - h * 0.9);
      ctx.fill();
      // A lit lamp: the point of a tower at dusk.
      const lamp = ctx.createRadialGradient(x, ground - h * 0.93, 0, x, ground - h * 0.93, h * 0.25);
      lamp.addColorStop(0, light);
      lamp.addColorStop(1, 'rgba(255, 255, 255, 0)');
      ctx.fillStyle = lamp;
      ctx.fillRect(x - h * 0.25, ground - h * 1.18, h * 0.5, h * 0.5);
      return;
    }
    case 'figure': {
      const head = h * 0.075;
      ctx.arc(x, ground - h + head, head, 0, Math.PI * 2);
      ctx.fill();
      ctx.beginPath();
      ctx.moveTo(x - h * 0.11, ground - h * 0.78);
      ctx.quadraticCurveTo(x, ground - h * 0.86, x + h * 0.11, ground - h * 0.78);
      ctx.lineTo(x + h * 0.08, ground - h * 0.42);
      ctx.lineTo(x + h * 0.06, ground);
      ctx.lineTo(x + h * 0.01, ground);
      ctx.lineTo(x, ground - h * 0.38);
      ctx.lineTo(x - h * 0.01, ground);
      ctx.lineTo(x - h * 0.06, ground);
      ctx.lineTo(x - h * 0.08, ground - h * 0.42);
      ctx.closePath();
      ctx.fill();
      return;
    }
    case 'cyclist': {
      const wheel = h * 0.2;
      ctx.lineWidth = Math.max(2, h * 0.035);
      ctx.strokeStyle = shade;
      for (const side of [-1, 1]) {
        ctx.beginPath();
        ctx.arc(x + side * h * 0.3, ground - wheel, wheel, 0, Math.PI * 2);
        ctx.stroke();
      }
      ctx.beginPath();
      ctx.moveTo(x - h * 0.3, ground - wheel);
      ctx.lineTo(x - h * 0.05, ground - wheel * 2.1);
      ctx.lineTo(x + h * 0.2, ground - wheel * 2.1);
      ctx.lineTo(x + h * 0.3, ground - wheel);
      ctx.moveTo(x - h * 0.05, ground - wheel * 2.1);
      ctx.lineTo(x + h * 0.02, ground - wheel);
      ctx.stroke();
      // The rider, leaning into the bars.
      ctx.beginPath();
      ctx.moveTo(x - h * 0.08, ground - wheel * 2.2);
      ctx.lineTo(x + h * 0.12, ground - h * 0.78);
      ctx.lineTo(x + h * 0.2, ground - wheel * 2.2);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(x + h * 0.16, ground - h * 0.86, h * 0.07, 0, Math.PI * 2);
      ctx.fill();
      return;
    }
    case 'tree': {
      ctx.fillRect(x - h * 0.04, ground - h * 0.45, h * 0.08, h * 0.45);
      for (let blob = 0; blob < 6; blob++) {
        ctx.beginPath();
        ctx.arc(
          x + (next() - 0.5) * h * 0.45,
          ground - h * (0.6 + next() * 0.25),
          h * (0.16 + next() * 0.08),
          0,
          Math.PI * 2,
        );
        ctx.fill();
      }
      return;
    }
    case 'vehicle': {
      const w = h * 1.8;
      ctx.roundRect(x - w / 2, ground - h * 0.62, w, h * 0.42, h * 0.08);
      ctx.roundRect(x - w * 0.28, ground - h * 0.95, w * 0.5, h * 0.4, h * 0.1);
      ctx.fill();
      for (const side of [-0.3, 0.3]) {
        ctx.beginPath();
        ctx.arc(x + side * w, ground - h * 0.18, h * 0.18, 0, Math.PI * 2);
        ctx.fill();
      }
      return;
    }
    case 'boat': {
      const w = h * 0.9;
      ctx.moveTo(x - w / 2, ground - h * 0.18);
      ctx.lineTo(x + w / 2, ground - h * 0.18);
      ctx.lineTo(x + w * 0.36, ground);
      ctx.lineTo(x - w * 0.36, ground);
      ctx.fill();
      ctx.beginPath();
      ctx.moveTo(x, ground - h);
      ctx.lineTo(x + w * 0.4, ground - h * 0.24);
      ctx.lineTo(x, ground - h * 0.24);
      ctx.fill();
      return;
    }
    case 'building': {
      const w = h * 1.1;
      ctx.fillRect(x - w / 2, ground - h * 0.62, w, h * 0.62);
      ctx.moveTo(x - w * 0.6, ground - h * 0.6);
      ctx.lineTo(x, ground - h);
      ctx.lineTo(x + w * 0.6, ground - h * 0.6);
      ctx.fill();
      ctx.fillStyle = 'rgba(255, 210, 140, 0.9)';
      ctx.fillRect(x - w * 0.3, ground - h * 0.45, w * 0.16, h * 0.16);
      ctx.fillRect(x + w * 0.14, ground - h * 0.45, w * 0.16, h * 0.16);
      return;
    }
    case 'bird': {
      const y = plan.horizon * height * (0.35 + next() * 0.25);
      const span = h * 0.8;
      ctx.moveTo(x - span, y - span * 0.2);
      ctx.quadraticCurveTo(x - span * 0.4, y - span * 0.35, x, y);
      ctx.quadraticCurveTo(x + span * 0.4, y - span * 0.35, x + span, y - span * 0.2);
      ctx.quadraticCurveTo(x + span * 0.4, y - span * 0.1, x, y + span * 0.08);
      ctx.quadraticCurveTo(x - span * 0.4, y - span * 0.1, x - span, y - span * 0.2);
      ctx.fill();
      return;
    }
  }
}
