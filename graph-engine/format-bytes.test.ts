import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

describe('formatBytes', () => {
  it('reads as people read sizes: whole numbers from ten up, one decimal below unless whole', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(820 * 1024)).toBe('820 KB');
    expect(formatBytes(4.2 * 1024 ** 2)).toBe('4.2 MB');
    expect(formatBytes(64 * 1024 ** 2)).toBe('64 MB');
    expect(formatBytes(1024 ** 2)).toBe('1 MB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
    expect(formatBytes(2 * 1024 ** 5)).toBe('2048 TB');
  });

  it('moves up a unit when rounding reaches the next one', () => {
    expect(formatBytes(1024 ** 2 - 1)).toBe('1 MB');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(9.97 * 1024 ** 2)).toBe('10 MB');
    expect(formatBytes(1023.4 * 1024)).toBe('1023 KB');
  });
});
