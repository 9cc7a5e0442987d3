import { describe, expect, it } from 'vitest';
import { stillSize } from './schema';

describe('still sizes', () => {
  it('puts the long edge on the right side and keeps both sides even', () => {
    expect(stillSize('16:9', 1280)).toEqual({ width: 1280, height: 720 });
    expect(stillSize('9:16', 1280)).toEqual({ width: 720, height: 1280 });
    expect(stillSize('21:9', 1000)).toEqual({ width: 1000, height: 428 });
    expect(stillSize('1:1', 513)).toEqual({ width: 514, height: 514 });
  });
});
