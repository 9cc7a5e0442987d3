import { defineKind } from '../define-kind';
import { NodeError, type ArtifactRef } from '../../graph-engine';
import { cutSize } from './frame';
import type { TimelineClip } from '../providers';
import { ASSEMBLE_MIGRATIONS, timelineOrder, zAssembleParams, zClipSettings } from './schema';

/**
 * The timeline: clips in order with trims and transitions, titles and a soundtrack, into one MP4
 * (H.264 + AAC) per frame asked for (a take each).
 */
export const assembleNode = defineKind({
  kind: 'assemble',
  version: 2,
  title: 'Assemble',
  description: 'The timeline, into one MP4',
  inputs: {
    clips: { accepts: ['video'], multiple: true, label: 'clips' },
    soundtrack: { accepts: ['audio'], optional: true, label: 'soundtrack' },
  },
  outputs: { video: { type: 'video', label: 'MP4' } },
  params: zAssembleParams,
  migrations: ASSEMBLE_MIGRATIONS,
  // One take per frame: each deliverable made, cached and shown on its own.
  fanOut: 'frames',
  resource: () => 'local-render',
  run: async ({ params, inputs, artifacts, providers, signal, progress }) => {
    const refs = (inputs.clips as ArtifactRef[] | undefined) ?? [];
    if (refs.length === 0) throw new NodeError('Connect at least one clip.', 'clips');
    const clips: TimelineClip[] = [];
    for (const position of timelineOrder(params.order, refs.length)) {
      const ref = refs[position];
      const blob = await artifacts.get(ref.$artifact);
      if (!blob)
        throw new NodeError(`Clip ${position + 1} is no longer stored; run the node that makes it again.`, 'clips');
      const settings = zClipSettings.parse(params.clips[position] ?? {});
      clips.push({ blob, ...settings });
    }
    const soundtrackRef = inputs.soundtrack as ArtifactRef | undefined;
    const soundtrack = soundtrackRef ? await artifacts.get(soundtrackRef.$artifact) : undefined;
    if (soundtrackRef && !soundtrack)
      throw new NodeError('The soundtrack is no longer stored; run the Audio node again.', 'soundtrack');

    const first = refs[timelineOrder(params.order, refs.length)[0]].meta;
    // The cut's shape and size, from its first clip where they follow it.
    const size =
      typeof first?.width === 'number' && typeof first?.height === 'number'
        ? cutSize(params.frames[0], params.resolution, { width: first.width, height: first.height })
        : undefined;
    const result = await providers.timeline.assemble(
      {
        clips,
        soundtrack,
        width: size?.width,
        height: size?.height,
        fps: params.fps === 'match-first' ? undefined : params.fps,
        soundtrackGainDb: params.soundtrackGain,
        soundtrackFadeOut: params.soundtrackFadeOut,
        duckDb: params.duck,
        titles: params.titles,
        fit: params.fit,
      },
      signal,
      progress,
    );
    const video = await artifacts.put(result.video, {
      width: result.width,
      height: result.height,
      fps: result.fps,
      duration: result.duration,
      path: result.path,
      ...(result.note ? { note: result.note } : {}),
    });
    return { video };
  },
});
