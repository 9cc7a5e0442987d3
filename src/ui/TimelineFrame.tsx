import { ALL_FORMATS, BlobSource, Input, VideoSampleSink, type VideoSample } from 'mediabunny';
import { memo, useEffect, useRef, useState } from 'react';
import type { ArtifactRef } from '../../graph-engine';
import type { Title } from '../../nodes/assemble/schema';
import { clipOpacity, placeClips, type EditDecision } from '../../nodes/assemble/timeline';
import { composeFrame } from '../../nodes/assemble/titles';
import { titleFontsReady } from '../media/title-fonts';
import { useServices } from './services-context';

interface FrameProps {
  /** The clips in timeline order. */
  clips: readonly ArtifactRef[];
  decisions: readonly EditDecision[];
  titles: readonly Title[];
  /** Seconds into the cut. */
  at: number;
  width: number;
  height: number;
}

/**
 * One frame of a cut before it is rendered: the clips decoded at that time with WebCodecs and
 * composed with the titles by the renderer's own code (nodes/assemble/titles), at the cut's size,
 * so what the node previews is what the MP4 holds.
 */
export const TimelineFrame = memo(function TimelineFrame({ clips, decisions, titles, at, width, height }: FrameProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { artifacts } = useServices();
  const [problem, setProblem] = useState<string>();
  const [drawnAt, setDrawnAt] = useState<number>();
  useEffect(() => {
    let cancelled = false;
    const inputs: Input[] = [];
    const samples: VideoSample[] = [];
    void (async () => {
      const durations = clips.map((clip) => clip.meta?.duration);
      if (!durations.every((duration): duration is number => typeof duration === 'number'))
        throw new Error('Run the clips first: their lengths place them on the cut.');
      const { placements, duration } = placeClips(
        decisions,
        durations.map((seconds) => ({ duration: seconds })),
      );
      await titleFontsReady();
      const layers = [];
      for (const [index, place] of placements.entries()) {
        if (at < place.start || at >= place.start + place.length) continue;
        const blob = await artifacts.get(clips[index].$artifact);
        if (!blob) throw new Error(`Clip ${index + 1} is no longer stored.`);
        const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
        inputs.push(input);
        const track = await input.getPrimaryVideoTrack();
        // The sample the renderer takes for this time: at the clip's trimmed position.
        const sample = track && (await new VideoSampleSink(track).getSample(place.trimIn + (at - place.start)));
        if (!sample) continue;
        samples.push(sample);
        layers.push({
          alpha: clipOpacity(placements, index, at),
          drawCover: (ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D) =>
            sample.drawWithFit(ctx, { fit: 'cover' }),
        });
      }
      const ctx = canvas.current?.getContext('2d', { alpha: false });
      if (cancelled || !ctx) return;
      composeFrame(ctx, layers, titles, at, duration, width, height);
      setProblem(undefined);
      setDrawnAt(at);
    })()
      .catch((error: unknown) => !cancelled && setProblem(error instanceof Error ? error.message : String(error)))
      .finally(() => {
        for (const sample of samples) sample.close();
        for (const input of inputs) input.dispose();
      });
    return () => {
      cancelled = true;
    };
  }, [clips, decisions, titles, at, width, height, artifacts]);
  return (
    <figure className="timeline-frame">
      <canvas
        ref={canvas}
        width={width}
        height={height}
        data-drawn-at={drawnAt}
        aria-label={`The cut at ${at.toFixed(2)} s, as it will render`}
      />
      {problem && <figcaption className="hint">{problem}</figcaption>}
    </figure>
  );
}, samePicture);

/** Props that make the same picture: the canvas re-renders its node often (run progress), a frame is decoded again only when it changes. */
function samePicture(before: FrameProps, after: FrameProps): boolean {
  const picture = ({ clips, decisions, titles, at, width, height }: FrameProps) =>
    JSON.stringify([clips.map((clip) => clip.$artifact), decisions, titles, at, width, height]);
  return picture(before) === picture(after);
}
