import { useState } from 'react';
import { isArtifactRef } from '../../graph-engine';
import type { NodeViewProps } from '../view-types';
import { ChoiceField } from '../fields/ChoiceField';
import { TitlesEditor } from './TitlesEditor';
import { TransitionSelect } from './TransitionSelect';
import { cutSizeOf } from './frame';
import { useEncodePlan } from '../models/use-encode-plan';
import { FITS, FRAMES, timelineOrder, type AssembleParams, type ClipSettings, type Frame } from './schema';

/** The timeline: clips in order (drag them, or use the arrows), each with its trims and transition. */
export function AssembleView({
  params,
  setParams,
  inputs,
  outputs,
  Media,
  TimelineFrame,
  planEncode,
  exportForEditor,
}: NodeViewProps<AssembleParams>) {
  const connected = Array.isArray(inputs.clips) ? inputs.clips : [];
  const order = timelineOrder(params.order, connected.length);
  const settings = params.clips ?? [];
  // What a re-encode will make at the cut's size, said before the run where it differs from the ask.
  const head = connected[order[0] ?? 0];
  const first = isArtifactRef(head) ? head.meta : undefined;
  const frames: Frame[] = params.frames?.length ? params.frames : ['match-first'];
  // The frame the preview shows: the one chosen while it is still asked for, else the first.
  const [shown, setShown] = useState<Frame>();
  const previewed = shown && frames.includes(shown) ? shown : frames[0];
  const size = cutSizeOf(previewed, params.resolution, first);
  // One MP4 per frame, in the frames' order (a list once there are several).
  const made = (Array.isArray(outputs?.video) ? outputs.video : [outputs?.video]).filter(isArtifactRef);
  const plan = useEncodePlan(planEncode, size);
  const [dragging, setDragging] = useState<number>();
  const [over, setOver] = useState<number>();
  const update = (position: number, patch: Partial<ClipSettings>) => {
    const next = [...settings];
    while (next.length <= position) next.push({} as ClipSettings);
    next[position] = { ...next[position], ...patch };
    setParams({ clips: next });
  };
  const moveTo = (from: number, to: number) => {
    const next = [...order];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    setParams({ order: next });
  };
  const seconds = (position: number, key: 'trimIn' | 'trimOut', label: string) => (
    <input
      className="nodrag"
      type="number"
      min={0}
      step={0.1}
      aria-label={`${label}, clip ${position + 1}`}
      placeholder={key === 'trimIn' ? 'in' : 'out'}
      value={settings[position]?.[key] ?? ''}
      onChange={(event) =>
        update(position, { [key]: Number.isNaN(event.target.valueAsNumber) ? undefined : event.target.valueAsNumber })
      }
    />
  );
  return (
    <div className="node-body">
      <ol className="timeline">
        {order.map((position, index) => (
          <li
            key={position}
            className={`nodrag${over === index ? ' drag-over' : ''}`}
            draggable
            onDragStart={() => setDragging(index)}
            onDragOver={(event) => {
              event.preventDefault();
              setOver(index);
            }}
            onDragEnd={() => (setDragging(undefined), setOver(undefined))}
            onDrop={(event) => {
              event.preventDefault();
              if (dragging !== undefined && dragging !== index) moveTo(dragging, index);
              setDragging(undefined);
              setOver(undefined);
            }}
          >
            <span>Clip {position + 1}</span>
            <button
              type="button"
              className="nodrag"
              disabled={index === 0}
              aria-label={`Move clip ${position + 1} earlier`}
              onClick={() => moveTo(index, index - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="nodrag"
              disabled={index === order.length - 1}
              aria-label={`Move clip ${position + 1} later`}
              onClick={() => moveTo(index, index + 1)}
            >
              ↓
            </button>
            {seconds(position, 'trimIn', 'Trim in')}
            {seconds(position, 'trimOut', 'Trim out')}
            {index > 0 && (
              <TransitionSelect
                className="nodrag"
                label={`Transition into clip ${position + 1}`}
                value={settings[position]?.transition ?? 'cut'}
                onChange={(transition) => update(position, { transition })}
              />
            )}
          </li>
        ))}
      </ol>
      {connected.length === 0 && <p className="hint">Connect clips to build the timeline.</p>}
      {plan?.note && <p className="hint warn">Where it is re-encoded: {plan.note}</p>}
      <fieldset className="frames nodrag">
        <legend>Frames (one MP4 each)</legend>
        {(Object.keys(FRAMES) as Frame[]).map((frame) => (
          <label key={frame} className="field inline" title={FRAMES[frame]}>
            <input
              type="checkbox"
              checked={frames.includes(frame)}
              // The last frame stays: a cut is made in at least one.
              disabled={frames.length === 1 && frames[0] === frame}
              onChange={(event) =>
                setParams({
                  frames: (Object.keys(FRAMES) as Frame[]).filter((each) =>
                    each === frame ? event.target.checked : frames.includes(each),
                  ),
                })
              }
            />
            <span>{frame === 'match-first' ? 'As first clip' : frame}</span>
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        {frames.length > 1 && (
          <ChoiceField<Frame>
            label="Preview"
            value={previewed}
            choices={Object.fromEntries(frames.map((frame) => [frame, FRAMES[frame]])) as Record<Frame, string>}
            onChange={setShown}
          />
        )}
        {frames.some((frame) => frame !== 'match-first') && (
          <ChoiceField
            label="Other shapes"
            value={params.fit ?? 'crop'}
            choices={FITS}
            onChange={(fit) => setParams({ fit })}
          />
        )}
      </div>
      <TitlesEditor
        params={params}
        setParams={setParams}
        clips={connected}
        order={order}
        frame={previewed}
        TimelineFrame={TimelineFrame}
      />
      {made.map((video, at) => (
        <figure key={video.$artifact} className="deliverable">
          <Media artifact={video} alt={`Assembled video, ${FRAMES[frames[at]] ?? 'cut'}`} />
          {made.length > 1 && <figcaption>{FRAMES[frames[at]] ?? `Cut ${at + 1}`}</figcaption>}
          {typeof video.meta?.note === 'string' && <p className="hint">{video.meta.note}</p>}
        </figure>
      ))}
      {connected.length > 0 && (
        <button
          type="button"
          className="nodrag"
          onClick={exportForEditor}
          title="OpenTimelineIO and Final Cut Pro 7 XML with the clips as they are and the soundtrack, zipped: opens in DaVinci Resolve, Premiere and Final Cut"
        >
          Export for an editor
        </button>
      )}
    </div>
  );
}
