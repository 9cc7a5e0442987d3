import { describe, expect, it } from 'vitest';
import { clipSize, cloudClipSize } from './resolution';

describe('clip sizes', () => {
  it('makes a still’s shape at the resolution’s short side, up to 4K UHD', () => {
    expect(clipSize('4k', 3840, 2160)).toEqual({ width: 3840, height: 2160 });
    expect(clipSize('4k', 2160, 3840)).toEqual({ width: 2160, height: 3840 });
    expect(clipSize('720p', 4032, 3024)).toEqual({ width: 960, height: 720 });
    // A panorama at 4k is 3840 wide, its short side what that leaves.
    expect(clipSize('4k', 5040, 2160)).toEqual({ width: 3840, height: 1646 });
  });

  it('asks cloud takes at the size their job keys were always made with (at most 1920 wide)', () => {
    // Pinned: a job sent before the upgrade must key the same after it, or it could be sent twice.
    expect(cloudClipSize('1080p', 3000, 1255)).toEqual({ width: 1920, height: 804 });
    expect(cloudClipSize('4k', 2160, 3840)).toEqual({ width: 1920, height: 3414 });
    expect(cloudClipSize('720p', 1920, 1080)).toEqual({ width: 1280, height: 720 });
  });
});
