import { ALL_FORMATS, BlobSource, Input, VideoSampleSink, type VideoSample } from 'mediabunny';
import { memo, useEffect, useRef, useState } from 'react';
import { clipOpacity, placeClips } from '../../nodes/assemble/timeline';
import type { TimelineFrameProps } from '../../nodes/view-types';
import { composeFrame } from '../../nodes/assemble/titles';
import { titleFontsReady } from '../media/title-fonts';
import { useServices } from './services-context';

/**
 * One frame of a cut before it is rendered: the clips decoded at that time with WebCodecs and
 * composed with the titles by the renderer's own code (nodes/assemble/titles), at the cut's size,
 * so what the node previews is what the MP4 holds.
 */
export const TimelineFrame = memo(function TimelineFrame({
  clips,
  decisions,
  titles,
  fit,
  at,
  width,
  height,
  onPoint,
}: TimelineFrameProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { artifacts } = useServices();
  const [problem, setProblem] = useState<string>();
  const [drawnAt, setDrawnAt] = useState<number>();
  useEffect(() => {
    let cancelled = false;
    const inputs: Input[] = [];
    const samples: VideoSample[] = [];
    void (async () => {
      // Typing changes the picture at every key: decode once it settles, and drop a draw overtaken by a newer one.
      await new Promise((resolve) => setTimeout(resolve, 120));
      if (cancelled) return;
      const durations = clips.map((clip) => clip.meta?.duration);
      if (!durations.every((duration): duration is number => typeof duration === 'number'))
        throw new Error('Run the clips first: their lengths place them on the cut.');
      const { placements, duration } = placeClips(
        decisions,
        durations.map((seconds) => ({ duration: seconds })),
      );
      await titleFontsReady();
      if (cancelled) return;
      const layers = [];
      for (const [index, place] of placements.entries()) {
        if (at < place.start || at >= place.start + place.length) continue;
        const blob = await artifacts.get(clips[index].$artifact);
        if (cancelled) return;
        if (!blob) throw new Error(`Clip ${index + 1} is no longer stored.`);
        const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
        inputs.push(input);
        const track = await input.getPrimaryVideoTrack();
        // The sample the renderer takes for this time: at the clip's trimmed position.
        const sample = track && (await new VideoSampleSink(track).getSample(place.trimIn + (at - place.start)));
        if (sample) samples.push(sample);
        if (cancelled) return;
        if (!sample) continue;
        layers.push({
          alpha: clipOpacity(placements, index, at),
          width: sample.displayWidth,
          height: sample.displayHeight,
          focus: { x: decisions[index].focusX ?? 0.5, y: decisions[index].focusY ?? 0.5 },
          draw: (
            ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
            x: number,
            y: number,
            w: number,
            h: number,
          ) => sample.draw(ctx, x, y, w, h),
        });
      }
      const ctx = canvas.current?.getContext('2d', { alpha: false });
      if (cancelled || !ctx) return;
      composeFrame(ctx, layers, fit, titles, at, duration, width, height);
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
  }, [clips, decisions, titles, fit, at, width, height, artifacts]);
  return (
    <figure className="timeline-frame">
      <canvas
        ref={canvas}
        width={width}
        height={height}
        data-drawn-at={drawnAt}
        className={onPoint ? 'nodrag clickable' : undefined}
        onClick={
          onPoint &&
          ((event) => {
            const box = event.currentTarget.getBoundingClientRect();
            onPoint((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
          })
        }
        aria-label={`The cut at ${at.toFixed(2)} s, as it will render`}
      />
      {problem && <figcaption className="hint">{problem}</figcaption>}
    </figure>
  );
}, samePicture);

/** Props that make the same picture: the canvas re-renders its node often (run progress), a frame is decoded again only when it changes. */
function samePicture(before: TimelineFrameProps, after: TimelineFrameProps): boolean {
  if (Boolean(before.onPoint) !== Boolean(after.onPoint)) return false;
  const picture = ({ clips, decisions, titles, fit, at, width, height }: TimelineFrameProps) =>
    JSON.stringify([clips.map((clip) => clip.$artifact), decisions, titles, fit, at, width, height]);
  return picture(before) === picture(after);
}
