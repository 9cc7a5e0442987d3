import { describe, expect, it } from 'vitest';
import { axesAt, frameTransform, overscanFor, poseAt } from './path';
import { zCameraParams, type CameraPath } from './schema';

const path = (params: Partial<CameraPath>) => zCameraParams.parse(params);
const apply = (m: number[], x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
const invert = (m: number[], x: number, y: number) => {
  const det = m[0] * m[3] - m[1] * m[2];
  const dx = x - m[4];
  const dy = y - m[5];
  return [(m[3] * dx - m[2] * dy) / det, (-m[1] * dx + m[0] * dy) / det];
};

describe('camera path', () => {
  it('starts at the identity, so frame one is the still', () => {
    const pose = poseAt(path({ zoom: 7, roll: -4, horizontal: 3, pan: 5 }), 0);
    expect(pose).toEqual({ x: 0, y: 0, rotation: 0, zoom: 1 });
    expect(frameTransform(pose, 1280, 720, 1280, 720).map((value) => value + 0)).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('reaches the end pose at the duration and holds it after', () => {
    const move = path({ zoom: 10, duration: 4 });
    expect(poseAt(move, 4).zoom).toBeCloseTo(2 ** 0.8);
    expect(poseAt(move, 9)).toEqual(poseAt(move, 4));
  });

  it('moves monotonically under every easing', () => {
    for (const easing of ['linear', 'ease-in', 'ease-out', 'ease-in-out'] as const) {
      const move = path({ zoom: 5, easing, duration: 2 });
      const zooms = Array.from({ length: 49 }, (_, at) => poseAt(move, at / 24).zoom);
      zooms.slice(1).forEach((zoom, at) => expect(zoom).toBeGreaterThanOrEqual(zooms[at]));
    }
  });

  it('passes through keyframes', () => {
    const move = path({ horizontal: 0, keyframes: [{ at: 0.5, axes: { horizontal: 10 } }] });
    expect(axesAt(move, 0.5).horizontal).toBe(10);
    expect(axesAt(move, 0.25).horizontal).toBe(5);
    expect(axesAt(move, 1).horizontal).toBe(0);
  });

  it('never shows past the still’s edges: every frame corner maps inside the still', () => {
    const cases: Partial<CameraPath>[] = [
      { horizontal: 10 },
      { vertical: -10, tilt: -10 },
      { roll: 10 },
      { roll: -7, pan: 6, zoom: 2 },
      { horizontal: 10, pan: 10, roll: 10 },
    ];
    for (const params of cases) {
      const move = path(params);
      for (let t = 0; t <= move.duration; t += 0.25) {
        const m = frameTransform(poseAt(move, t), 1600, 900, 1280, 720);
        for (const [x, y] of [
          [0, 0],
          [1280, 0],
          [0, 720],
          [1280, 720],
        ]) {
          const [sx, sy] = invert(m, x, y);
          expect(sx, JSON.stringify(params)).toBeGreaterThanOrEqual(-1e-6);
          expect(sx).toBeLessThanOrEqual(1600 + 1e-6);
          expect(sy).toBeGreaterThanOrEqual(-1e-6);
          expect(sy).toBeLessThanOrEqual(900 + 1e-6);
        }
      }
    }
  });

  it('pushes in about the camera point (the frame centre stays on the still’s centre without shifts)', () => {
    const m = frameTransform(poseAt(path({ zoom: 5 }), 5), 1280, 720, 1280, 720);
    expect(apply(m, 640, 360)).toEqual([640, 360]);
  });

  it('asks for no overscan at rest and more as the camera shifts or rolls', () => {
    expect(overscanFor({ x: 0, y: 0, rotation: 0, zoom: 1 }, 1280, 720)).toBe(1);
    expect(overscanFor({ x: 0.1, y: 0, rotation: 0, zoom: 1 }, 1280, 720)).toBeCloseTo(1.25);
    expect(overscanFor({ x: 0, y: 0, rotation: 0.2, zoom: 1 }, 1280, 720)).toBeGreaterThan(1.2);
  });
});
