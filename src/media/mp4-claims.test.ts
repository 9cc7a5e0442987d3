import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mp4Claims } from './mp4-claims';

const dir = mkdtempSync(join(tmpdir(), 'reelgraph-mp4-claims-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real clip, its index after its media (as cameras write it) or before (faststart). */
let indexLast: Buffer;
let indexFirst: Buffer;
beforeAll(() => {
  const make = (name: string, ...flags: string[]) => {
    const path = join(dir, name);
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=24:duration=2'],
      ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', ...flags, path],
    ]);
    return readFileSync(path);
  };
  indexLast = make('last.mp4');
  indexFirst = make('first.mp4', '-movflags', '+faststart');
});

/** The offset of a box's body in a file (its first occurrence). */
const bodyOf = (bytes: Buffer, type: string) => bytes.indexOf(Buffer.from(type, 'latin1')) + 4;

describe('what an MP4 claims, read from its box headers', () => {
  it('reads a real clip’s length, frames and size, wherever its index is', async () => {
    for (const bytes of [indexLast, indexFirst])
      expect(await mp4Claims(new Blob([new Uint8Array(bytes)]))).toEqual({
        seconds: 2,
        samples: 48,
        width: 320,
        height: 240,
      });
  });

  it('reads what a forged index claims: 10⁸ frames, ten hours, 65535 pixels a side', async () => {
    const forged = Buffer.from(indexFirst);
    forged.writeUInt32BE(100_000_000, bodyOf(forged, 'stsz') + 8);
    const mvhd = bodyOf(forged, 'mvhd');
    forged.writeUInt32BE(forged.readUInt32BE(mvhd + 12) * 36_000, mvhd + 16);
    const tkhd = bodyOf(forged, 'tkhd');
    const tkhdEnd = tkhd - 8 + forged.readUInt32BE(tkhd - 8);
    forged.writeUInt32BE(65535 * 65536, tkhdEnd - 8);
    forged.writeUInt32BE(65535 * 65536, tkhdEnd - 4);
    expect(await mp4Claims(new Blob([new Uint8Array(forged)]))).toEqual({
      seconds: 36_000,
      samples: 100_000_000,
      width: 65535,
      height: 65535,
    });
  });

  it('says nothing of a file that is not ISO media', async () => {
    expect(await mp4Claims(new Blob(['not a video at all']))).toBeUndefined();
    expect(
      await mp4Claims(new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, ...new Array(64).fill(0)])])),
    ).toBeUndefined();
  });
});
