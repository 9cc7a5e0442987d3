import { useMemo, useState } from 'react';
import { isArtifactRef, type ArtifactRef } from '../../graph-engine';
import { ChoiceField } from '../fields/ChoiceField';
import type { TimelineFrameComponent } from '../view-types';
import {
  ANCHORS,
  LOWER_THIRD,
  TITLE_FONTS,
  zClipSettings,
  zTitle,
  type AssembleParams,
  type Frame,
  type Title,
} from './schema';
import { clipRect, cutSizeOf } from './frame';
import { placeClips } from './timeline';
import { titleMidpoint } from './titles';

const DEFAULT_TITLE = zTitle.parse({});
const FONT_NAMES = Object.fromEntries(Object.entries(TITLE_FONTS).map(([id, font]) => [id, font.label])) as Record<
  Title['font'],
  string
>;
const DEFAULT_CLIP = zClipSettings.parse({});

/**
 * The cut's titles (words, font, size, colour, place, time, fade, band), each an undoable edit of
 * the node's params, and the frame they make previewed as it will render, at the chosen time.
 */
export function TitlesEditor({
  params,
  setParams,
  clips,
  order,
  frame,
  TimelineFrame,
}: {
  params: AssembleParams;
  /** The frame previewed (one of the cut's frames). */
  frame: Frame;
  setParams(patch: Partial<AssembleParams>): void;
  /** The connected clips, by connection. */
  clips: readonly unknown[];
  /** Their positions in timeline order. */
  order: readonly number[];
  TimelineFrame: TimelineFrameComponent;
}) {
  // As the node holds them: a value typed out of range is shown as typed (the node says what is wrong), never thrown.
  const titles = useMemo(
    () => (params.titles ?? []).map((title) => ({ ...DEFAULT_TITLE, ...(title as Partial<Title>) })),
    [params.titles],
  );
  const ordered = useMemo(
    () => order.map((position) => clips[position]).filter((clip): clip is ArtifactRef => isArtifactRef(clip)),
    [clips, order],
  );
  const decisions = useMemo(
    () => order.map((position) => ({ ...DEFAULT_CLIP, ...(params.clips?.[position] ?? {}) })),
    [order, params.clips],
  );
  // The cut's length, from the clips' own lengths and the edit decisions (when they are known).
  const cut = useMemo(() => {
    const durations = ordered.map((clip) => clip.meta?.duration);
    if (ordered.length === 0 || !durations.every((duration) => typeof duration === 'number')) return undefined;
    try {
      return placeClips(
        decisions,
        durations.map((duration) => ({ duration: duration as number })),
      ).duration;
    } catch {
      return undefined;
    }
  }, [ordered, decisions]);
  const [at, setAt] = useState<number>();
  const change = (index: number, patch: Partial<Title>) => {
    const next = titles.map((title, each) => (each === index ? { ...title, ...patch } : title));
    setParams({ titles: next });
    if (cut !== undefined) setAt(titleMidpoint(next[index], cut));
  };
  const add = (title: Title) => {
    setParams({ titles: [...titles, title] });
    if (cut !== undefined) setAt(titleMidpoint(title, cut));
  };
  const first = ordered[0]?.meta;
  const size = cutSizeOf(frame, params.resolution, first);
  const fit = params.fit ?? 'crop';
  /** A point clicked on the preview becomes the focus of the clip shown there (the top one, in a crossfade). */
  const focusAt = (across: number, down: number) => {
    if (!size || cut === undefined || fit !== 'crop') return;
    const { placements } = placeClips(
      decisions,
      ordered.map((clip) => ({ duration: clip.meta!.duration as number })),
    );
    const index = placements.findLastIndex(
      (place) => previewAt >= place.start && previewAt < place.start + place.length,
    );
    const meta = ordered[index]?.meta;
    if (index < 0 || typeof meta?.width !== 'number' || typeof meta.height !== 'number') return;
    const decision = decisions[index];
    const { rect } = clipRect(
      'crop',
      { x: decision.focusX, y: decision.focusY },
      { width: meta.width, height: meta.height },
      size.width,
      size.height,
    );
    const clamp = (value: number) => Math.min(1, Math.max(0, Number(value.toFixed(3))));
    const position = order[index];
    const next = [...(params.clips ?? [])];
    while (next.length <= position) next.push({} as (typeof next)[number]);
    next[position] = {
      ...next[position],
      focusX: clamp((across * size.width - rect.x) / rect.width),
      focusY: clamp((down * size.height - rect.y) / rect.height),
    };
    setParams({ clips: next });
  };
  const reframed = frame !== 'match-first';
  // On the cut's own frame times: the preview shows a frame the MP4 has.
  const fps = typeof params.fps === 'number' ? params.fps : typeof first?.fps === 'number' ? first.fps : 24;
  const wanted = at ?? (titles.length > 0 && cut !== undefined ? titleMidpoint(titles[titles.length - 1], cut) : 0);
  const previewAt = Math.round(wanted * fps) / fps;
  const seconds = (index: number, key: 'start' | 'end' | 'fade', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        className="nodrag"
        type="number"
        min={0}
        step={0.1}
        aria-label={`${label}, title ${index + 1}`}
        placeholder={key === 'end' ? 'end of cut' : undefined}
        value={titles[index][key] ?? ''}
        onChange={(event) => {
          const value = event.target.valueAsNumber;
          if (key === 'end') change(index, { end: Number.isNaN(value) ? undefined : value });
          else if (!Number.isNaN(value)) change(index, { [key]: value });
        }}
      />
    </label>
  );
  return (
    <section className="titles" aria-label="Titles">
      {titles.map((title, index) => (
        <fieldset key={index} className="title-row">
          <legend>Title {index + 1}</legend>
          <textarea
            className="nodrag"
            rows={2}
            maxLength={300}
            aria-label={`Text, title ${index + 1}`}
            value={title.text}
            onChange={(event) => change(index, { text: event.target.value })}
          />
          <div className="field-row">
            <ChoiceField
              label="Font"
              ariaLabel={`Font, title ${index + 1}`}
              value={title.font}
              choices={FONT_NAMES}
              onChange={(font) => change(index, { font })}
            />
            <label className="field">
              <span>Size (% of height)</span>
              <input
                className="nodrag"
                type="number"
                min={1}
                max={40}
                step={0.5}
                aria-label={`Size, title ${index + 1}`}
                value={title.size}
                onChange={(event) =>
                  !Number.isNaN(event.target.valueAsNumber) && change(index, { size: event.target.valueAsNumber })
                }
              />
            </label>
            <label className="field">
              <span>Colour</span>
              <input
                className="nodrag"
                type="color"
                aria-label={`Colour, title ${index + 1}`}
                value={title.color}
                onChange={(event) => change(index, { color: event.target.value })}
              />
            </label>
            <ChoiceField
              label="Place"
              ariaLabel={`Place, title ${index + 1}`}
              value={title.anchor}
              choices={ANCHORS}
              onChange={(anchor) => change(index, { anchor })}
            />
          </div>
          <div className="field-row">
            {seconds(index, 'start', 'In (s)')}
            {seconds(index, 'end', 'Out (s)')}
            {seconds(index, 'fade', 'Fade (s)')}
            <label className="field">
              <span>Band</span>
              <input
                className="nodrag"
                type="checkbox"
                aria-label={`Band, title ${index + 1}`}
                checked={title.band}
                onChange={(event) => change(index, { band: event.target.checked })}
              />
            </label>
            <button
              type="button"
              className="nodrag"
              onClick={() => setParams({ titles: titles.filter((_, each) => each !== index) })}
            >
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      <div className="field-row">
        <button type="button" className="nodrag" onClick={() => add(zTitle.parse({}))}>
          Add title
        </button>
        <button type="button" className="nodrag" onClick={() => add(LOWER_THIRD)}>
          Add lower third
        </button>
      </div>
      {(titles.length > 0 || reframed) && size && cut !== undefined && (
        <div className="title-preview">
          <label className="field">
            <span>Preview at (s)</span>
            <input
              className="nodrag"
              type="number"
              min={0}
              max={cut}
              step={0.04}
              aria-label="Preview at"
              value={Number(previewAt.toFixed(3))}
              onChange={(event) => !Number.isNaN(event.target.valueAsNumber) && setAt(event.target.valueAsNumber)}
            />
          </label>
          <TimelineFrame
            clips={ordered}
            decisions={decisions}
            titles={titles}
            fit={fit}
            at={previewAt}
            {...size}
            onPoint={reframed && fit === 'crop' ? focusAt : undefined}
          />
          {reframed && fit === 'crop' && <p className="hint">Click the picture to keep that point in frame.</p>}
        </div>
      )}
      {(titles.length > 0 || reframed) && cut === undefined && ordered.length > 0 && (
        <p className="hint">Run the clips to preview the cut.</p>
      )}
    </section>
  );
}
