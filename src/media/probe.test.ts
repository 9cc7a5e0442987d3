import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeClip } from './probe';

const dir = mkdtempSync(join(tmpdir(), 'reelgraph-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('probeClip', () => {
  it('reads size, rate, duration, codec and whether there is sound', async () => {
    const path = join(dir, 'clip.mp4');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=24:duration=2',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      path,
    ]);
    const info = await probeClip(new Blob([readFileSync(path)], { type: 'video/mp4' }), 'Clip 1');
    expect(info).toMatchObject({ width: 320, height: 240, fps: 24, hasAudio: false });
    expect(info.duration).toBeCloseTo(2, 1);
    expect(info.codec).toMatch(/^avc1\./);
    expect(info.description.length).toBeGreaterThan(0);
  });

  it('refuses a zero-length clip and a file that is not a video, saying which', async () => {
    await expect(probeClip(new Blob([]), 'Clip 2')).rejects.toThrow('Clip 2 is empty (0 bytes).');
    await expect(probeClip(new Blob(['not a video at all']), 'Clip 3')).rejects.toThrow(
      'Clip 3 is not a video Reelgraph can read.',
    );
  });
});
