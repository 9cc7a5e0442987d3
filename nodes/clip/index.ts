import { defineKind } from '../define-kind';
import { extensionsOf, NodeError } from '../../graph-engine';
import { zClipParams } from './schema';

/**
 * A video brought into the graph: your own file, or a past take from the Library. It passes the
 * clip on as it is (to Assemble, or to Audio for its sound) and its last frame as a still, so the
 * next shot can start where this one ends.
 */
export const clipNode = defineKind({
  kind: 'clip',
  version: 1,
  title: 'Clip',
  description: 'A video: your file, or a take from the Library',
  files: {
    media: 'video',
    accept: ['video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska'],
    extensions: extensionsOf(['video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska']),
    what: 'an MP4, MOV, WebM or MKV video',
    toParams: (file) => ({ file }),
    uses: (params) => ({ file: params.file }),
  },
  inputs: {},
  outputs: {
    clip: { type: 'video', label: 'clip' },
    last: { type: 'image', label: 'last frame' },
  },
  params: zClipParams,
  run: async ({ params, artifacts, providers, signal }) => {
    if (!params.file)
      throw new NodeError('Choose a video (MP4, MOV, WebM or MKV), or drag a take here from the Library.', 'file');
    const blob = await artifacts.get(params.file.$artifact);
    if (!blob) throw new NodeError('This video is no longer stored in this browser; add it again.', 'file');
    const frame = await providers.video.lastFrame(blob, signal);
    const last = await artifacts.put(frame.image, {
      width: frame.width,
      height: frame.height,
      source: 'last-frame',
      at: frame.at,
    });
    // The clip itself passes on untouched: the same bytes, with what is known about it.
    return { clip: params.file, last };
  },
});
