import { useMemo, useState } from 'react';
import { isArtifactRef, type ArtifactRef } from '../../graph-engine';
import { clipSize, type Resolution } from '../models/resolution';
import type { TimelineFrameComponent } from '../view-types';
import { ANCHORS, LOWER_THIRD, TITLE_FONTS, zClipSettings, zTitle, type AssembleParams, type Title } from './schema';
import { placeClips } from './timeline';
import { titleMidpoint } from './titles';

/**
 * The cut's titles (words, font, size, colour, place, time, fade, band), each an undoable edit of
 * the node's params, and the frame they make previewed as it will render, at the chosen time.
 */
export function TitlesEditor({
  params,
  setParams,
  clips,
  order,
  TimelineFrame,
}: {
  params: AssembleParams;
  setParams(patch: Partial<AssembleParams>): void;
  /** The connected clips, by connection. */
  clips: readonly unknown[];
  /** Their positions in timeline order. */
  order: readonly number[];
  TimelineFrame: TimelineFrameComponent;
}) {
  const titles = useMemo(() => (params.titles ?? []).map((title) => zTitle.parse(title)), [params.titles]);
  const ordered = useMemo(
    () => order.map((position) => clips[position]).filter((clip): clip is ArtifactRef => isArtifactRef(clip)),
    [clips, order],
  );
  const decisions = useMemo(
    () => order.map((position) => zClipSettings.parse(params.clips?.[position] ?? {})),
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
  const size =
    typeof first?.width === 'number' && typeof first?.height === 'number'
      ? params.resolution && params.resolution !== 'match-first'
        ? clipSize(params.resolution as Resolution, first.width, first.height)
        : { width: first.width, height: first.height }
      : undefined;
  const previewAt = at ?? (titles.length > 0 && cut !== undefined ? titleMidpoint(titles[titles.length - 1], cut) : 0);
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
            aria-label={`Text, title ${index + 1}`}
            value={title.text}
            onChange={(event) => change(index, { text: event.target.value })}
          />
          <div className="field-row">
            <label className="field">
              <span>Font</span>
              <select
                className="nodrag"
                aria-label={`Font, title ${index + 1}`}
                value={title.font}
                onChange={(event) => change(index, { font: event.target.value as Title['font'] })}
              >
                {Object.entries(TITLE_FONTS).map(([id, font]) => (
                  <option key={id} value={id}>
                    {font.label}
                  </option>
                ))}
              </select>
            </label>
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
            <label className="field">
              <span>Place</span>
              <select
                className="nodrag"
                aria-label={`Place, title ${index + 1}`}
                value={title.anchor}
                onChange={(event) => change(index, { anchor: event.target.value as Title['anchor'] })}
              >
                {Object.entries(ANCHORS).map(([id, label]) => (
                  <option key={id} value={id}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
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
      {titles.length > 0 && size && cut !== undefined && (
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
          <TimelineFrame clips={ordered} decisions={decisions} titles={titles} at={previewAt} {...size} />
        </div>
      )}
      {titles.length > 0 && cut === undefined && ordered.length > 0 && (
        <p className="hint">Run the clips to preview the titles over them.</p>
      )}
    </section>
  );
}
