import { describe, expect, it } from 'vitest';
import { extensionFor, extensionsOf, MEDIA_TYPES, mediaType, mimeForExtension } from './media-types';

describe('the media-type table', () => {
  it('names each type’s extension, and reads each extension and alias back to its type', () => {
    expect(
      ['video/quicktime', 'video/webm', 'video/x-matroska', 'audio/x-wav', 'image/jpeg'].map(extensionFor),
    ).toEqual(['mov', 'webm', 'mkv', 'wav', 'jpg']);
    expect(extensionFor('application/x-unknown')).toBe('bin');
    expect(['mov', '.MKV', 'jpeg', 'bin'].map(mimeForExtension)).toEqual([
      'video/quicktime',
      'video/x-matroska',
      'image/jpeg',
      undefined,
    ]);
    expect(mediaType('video/mp4; codecs="avc1"')?.family).toBe('video');
    for (const type of MEDIA_TYPES) expect(mimeForExtension(extensionFor(type.mime))).toBe(type.mime);
  });

  it('makes a kind’s intake table from the types it takes', () => {
    expect(extensionsOf(['video/mp4', 'video/quicktime'])).toEqual({
      '.mp4': 'video/mp4',
      '.m4v': 'video/mp4',
      '.mov': 'video/quicktime',
    });
  });
});
