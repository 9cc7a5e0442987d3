import { useStore, type ReactFlowState } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { isArtifactRef, type ArtifactRef } from '../../graph-engine';
import { portsOfNode } from '../../nodes';
import { cutSizeOf } from '../../nodes/assemble/frame';
import {
  TRANSITION_NAMES,
  timelineOrder,
  zAssembleParams,
  zClipSettings,
  type AssembleParams,
  type ClipSettings,
} from '../../nodes/assemble/schema';
import { placeClips, type Placement } from '../../nodes/assemble/timeline';
import { clipAt, movePatch, timecode, transitionPatch, trimPatch } from '../../nodes/assemble/timeline-edits';
import { Waveform } from '../canvas/Waveform';
import { updateDoc } from '../state/actions';
import { paramsEdit } from '../state/edits';
import { useGraphStore } from '../state/graph-store';
import { inputsOf, nodeById, shownDoc } from '../state/selectors';
import { TimelineFrame } from '../ui/TimelineFrame';
import { useServices } from '../ui/services-context';
import { TransitionSelect } from '../../nodes/assemble/TransitionSelect';
import { renderTimelineAudio } from '../media/audio-mix';
import { playCut } from '../media/timeline-player';
import { thumbnailStrip } from '../media/thumbnails';
import { decodeAudio } from '../providers/local/audio';

const firstSelected = (state: ReactFlowState) => state.nodes.find((node) => node.selected)?.id;

/** Pixels per second of the cut, at the panel's zoom. */
const ZOOMS = [20, 40, 80, 160];

/**
 * The selected Assemble as a timeline docked under the canvas: its clips as blocks as long as they
 * play (drag one to move it; drag an edge, or press I or O at the playhead, to trim), the
 * transitions between them, its titles and its soundtrack, a playhead with timecode, and the cut
 * at the playhead as it will render. Every change is an undoable edit of the node's params: the
 * node stays what holds the cut, and the panel shows what it holds.
 */
export function TimelinePanel() {
  const selected = useStore(firstSelected);
  const node = useGraphStore((state) => (selected ? nodeById(shownDoc(state), selected) : undefined));
  if (!node || node.kind !== 'assemble') return null;
  return <Timeline key={node.id} nodeId={node.id} />;
}

function Timeline({ nodeId }: { nodeId: string }) {
  const node = useGraphStore((state) => nodeById(shownDoc(state), nodeId))!;
  const components = useGraphStore((state) => shownDoc(state)?.components);
  const ports = useMemo(() => portsOfNode(node, components), [node, components]);
  const inputs = useGraphStore((state) => inputsOf(state, nodeId, ports.inputs));
  const parsed = zAssembleParams.safeParse(node.params ?? {});
  const params: AssembleParams = parsed.success ? parsed.data : zAssembleParams.parse({});
  // Each change its own undo step, named for what it did; none when it changes nothing, and none
  // while the node's settings do not read (they would be written over with defaults).
  const edit = (label: string, patch: Partial<AssembleParams>) => {
    if (!parsed.success) return;
    const stored = (node.params ?? {}) as Record<string, unknown>;
    if (Object.entries(patch).every(([name, value]) => JSON.stringify(stored[name]) === JSON.stringify(value))) return;
    updateDoc({ ...paramsEdit(nodeId, 'assemble', patch), label, coalesce: undefined });
  };
  const { artifacts } = useServices();

  const connected = (Array.isArray(inputs.clips) ? inputs.clips : []).filter(isArtifactRef);
  const order = timelineOrder(params.order, connected.length);
  const clips = order.map((position) => connected[position]);
  const decisions = order.map((position) => zClipSettings.parse(params.clips[position] ?? {}));
  const durations = clips.map((clip) => clip.meta?.duration);
  const known = durations.every((duration): duration is number => typeof duration === 'number');
  // Settings that cannot be placed (a trim past a clip re-made shorter) are said, never thrown.
  let placed: ReturnType<typeof placeClips> = { placements: [], duration: 0 };
  let unplaced: string | undefined;
  try {
    if (known)
      placed = placeClips(
        decisions,
        durations.map((seconds) => ({ duration: seconds })),
      );
  } catch (error) {
    unplaced = error instanceof Error ? error.message : String(error);
  }
  const { placements, duration } = placed;
  const first = clips[0]?.meta;
  const fps = typeof params.fps === 'number' ? params.fps : typeof first?.fps === 'number' ? first.fps : 24;
  const size = cutSizeOf(params.frames[0], params.resolution, first);

  const [zoom, setZoom] = useState(2);
  const scale = ZOOMS[zoom];
  const [at, setAt] = useState(0);
  const playhead = Math.min(at, Math.max(0, duration - 1 / fps));
  const [playing, setPlaying] = useState<1 | -1 | 0>(0);
  // A trim being dragged: the clip, its edge, where the press was (on the timeline and in the
  // clip) and where the edge is now, in the clip (committed as one edit on release).
  const [trim, setTrim] = useState<{
    place: number;
    edge: 'in' | 'out';
    pressedAt: number;
    from: number;
    seconds: number;
  }>();
  const [dragging, setDragging] = useState<number>();
  const tracks = useRef<HTMLDivElement>(null);

  // Playing forward plays the cut itself, sound and all, from the playhead (src/media/timeline-player).
  const live = useRef<HTMLCanvasElement>(null);
  const [problem, setProblem] = useState<string>();
  const now = useRef({ clips, placements, duration, fps, size, params, decisions, soundtrack: inputs.soundtrack, at });
  now.current = { clips, placements, duration, fps, size, params, decisions, soundtrack: inputs.soundtrack, at };
  const sounds = useRef(new Map<string, Promise<AudioBuffer>>());
  useEffect(() => {
    if (playing !== 1) return;
    const cut = now.current;
    if (!cut.size) return;
    const size = cut.size;
    let player: { stop(): void } | undefined;
    let cancelled = false;
    void (async () => {
      const blobs = await Promise.all(cut.clips.map((clip) => artifacts.get(clip.$artifact)));
      if (blobs.some((blob) => !blob)) throw new Error('A clip is no longer stored; run the node that makes it again.');
      const sound = await soundOf(
        sounds.current,
        cut.clips.map((clip) => clip.$artifact),
        blobs as Blob[],
        cut.placements,
        cut.duration,
        cut.params,
        isArtifactRef(cut.soundtrack) ? cut.soundtrack : undefined,
        artifacts,
      );
      if (cancelled) return;
      if (!live.current) {
        setPlaying(0);
        return;
      }
      setProblem(undefined);
      player = playCut(
        {
          clips: blobs as Blob[],
          placements: cut.placements,
          duration: cut.duration,
          fps: cut.fps,
          width: size.width,
          height: size.height,
          titles: cut.params.titles,
          fit: cut.params.fit,
          focus: cut.decisions.map((decision) => ({ x: decision.focusX, y: decision.focusY })),
          sound,
        },
        Math.min(cut.at, Math.max(0, cut.duration - 1 / cut.fps)),
        live.current,
        (seconds, frame) => {
          setAt(seconds);
          live.current?.setAttribute('data-frame', String(frame));
        },
        (ended) => {
          setPlaying(0);
          if (ended) setProblem(ended);
        },
      );
    })().catch((error: unknown) => {
      if (cancelled) return;
      setPlaying(0);
      setProblem(error instanceof Error ? error.message : String(error));
    });
    return () => {
      cancelled = true;
      player?.stop();
    };
  }, [playing, artifacts]);

  // Playing backwards (J) moves the playhead back in real time; the frame shows where it stops.
  useEffect(() => {
    if (playing !== -1) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      const delta = (playing * (now - last)) / 1000;
      last = now;
      setAt((value) => {
        const moved = value + delta;
        if (moved >= duration || moved <= 0) setPlaying(0);
        return Math.min(Math.max(0, moved), duration);
      });
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, duration]);

  if (connected.length === 0)
    return (
      <section className="timeline-panel" aria-label="Timeline">
        <p className="hint">Connect clips to the Assemble and run them: its timeline shows here.</p>
      </section>
    );
  if (unplaced)
    return (
      <section className="timeline-panel" aria-label="Timeline">
        <p className="hint warn">{unplaced}</p>
      </section>
    );
  if (!known)
    return (
      <section className="timeline-panel" aria-label="Timeline">
        <p className="hint">Run the clips first: their lengths place them on the timeline.</p>
      </section>
    );

  const snap = (seconds: number) => Math.round(seconds * fps) / fps;
  const timeAt = (clientX: number) => {
    const box = tracks.current!.getBoundingClientRect();
    return Math.max(0, Math.min(duration, (clientX - box.left + tracks.current!.scrollLeft) / scale));
  };
  /** I and O: the clip under the playhead starts or ends there. */
  const trimAtPlayhead = (edge: 'in' | 'out') => {
    const index = clipAt(placements, playhead, edge === 'out');
    if (index < 0) return;
    const place = placements[index];
    const seconds = place.trimIn + (playhead - place.start) + (edge === 'out' ? 1 / fps : 0);
    edit(
      edge === 'in' ? 'Set clip start' : 'Set clip end',
      trimPatch(params, order[index], edge, seconds, durations[index] as number),
    );
  };
  /** Plays forward from the playhead, from the start when it stands at the end. */
  const play = () => {
    if (playhead >= duration - 1.5 / fps) setAt(0);
    setPlaying(1);
  };
  const onKey = (event: KeyboardEvent) => {
    // The panel's own controls keep their keys (a select's arrows, a button's Space).
    if ((event.target as HTMLElement).closest('select, button, input')) return;
    const keys: Record<string, () => void> = {
      ' ': () => (playing ? setPlaying(0) : play()),
      k: () => setPlaying(0),
      l: play,
      j: () => setPlaying(-1),
      ArrowRight: () => setAt(Math.min(duration - 1 / fps, snap(playhead) + 1 / fps)),
      ArrowLeft: () => setAt(Math.max(0, snap(playhead) - 1 / fps)),
      i: () => trimAtPlayhead('in'),
      o: () => trimAtPlayhead('out'),
    };
    const act = keys[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (!act || event.ctrlKey || event.metaKey || event.altKey) return;
    // Held down, only the arrows repeat: Space would start and stop play at every repeat.
    if (event.repeat && !event.key.startsWith('Arrow')) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    act();
  };
  const startTrim = (event: PointerEvent, place: number, edge: 'in' | 'out') => {
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    const here = placements[place];
    const from = edge === 'in' ? here.trimIn : here.trimIn + here.length;
    setTrim({ place, edge, pressedAt: timeAt(event.clientX), from, seconds: from });
  };
  const moveTrim = (event: PointerEvent) => {
    if (!trim) return;
    // The edge moves in the clip's own time as far as the pointer moved on the timeline.
    setTrim({ ...trim, seconds: trim.from + snap(timeAt(event.clientX) - trim.pressedAt) });
  };
  const endTrim = () => {
    if (!trim) return;
    edit(
      trim.edge === 'in' ? 'Trim clip start' : 'Trim clip end',
      trimPatch(params, order[trim.place], trim.edge, trim.seconds, durations[trim.place] as number),
    );
    setTrim(undefined);
  };
  const titles = params.titles;
  const soundtrack = isArtifactRef(inputs.soundtrack) ? (inputs.soundtrack as ArtifactRef) : undefined;
  const soundSeconds = typeof soundtrack?.meta?.duration === 'number' ? soundtrack.meta.duration : duration;

  return (
    // nokey: the canvas's own keys (Delete deletes the selected node) stay out of the panel.
    <section className="timeline-panel nokey" aria-label="Timeline" tabIndex={0} onKeyDown={onKey}>
      <header className="timeline-bar">
        <strong>Timeline · {node.title ?? 'Assemble'}</strong>
        <button type="button" onClick={() => (playing ? setPlaying(0) : play())} title="Play or pause (Space, J K L)">
          {playing ? 'Pause' : 'Play'}
        </button>
        <output className="timecode" aria-label="Playhead">
          {timecode(playhead, fps)}
        </output>
        <span className="hint">
          {clips.length} clip{clips.length === 1 ? '' : 's'} · {timecode(duration, fps)} · I/O trim at the playhead ·
          ←/→ a frame
        </span>
        <button type="button" onClick={() => setZoom((value) => Math.max(0, value - 1))} aria-label="Zoom out">
          −
        </button>
        <button
          type="button"
          onClick={() => setZoom((value) => Math.min(ZOOMS.length - 1, value + 1))}
          aria-label="Zoom in"
        >
          +
        </button>
      </header>
      <div className="timeline-body">
        {size && (
          <div className="timeline-preview">
            <canvas
              ref={live}
              className="live"
              width={size.width}
              height={size.height}
              hidden={playing !== 1}
              aria-label="The cut playing"
            />
            {problem && <p className="hint warn">{problem}</p>}
            {playing !== 1 && (
              <TimelineFrame
                clips={clips}
                decisions={decisions}
                titles={titles}
                fit={params.fit}
                at={snap(playhead)}
                width={size.width}
                height={size.height}
              />
            )}
          </div>
        )}
        <div
          className="timeline-tracks"
          ref={tracks}
          onPointerMove={moveTrim}
          onPointerUp={endTrim}
          onPointerCancel={() => setTrim(undefined)}
          onLostPointerCapture={() => setTrim(undefined)}
          style={{ ['--seconds' as string]: duration, ['--scale' as string]: `${scale}px` }}
        >
          <div
            className="timeline-ruler"
            aria-label="Move the playhead"
            onPointerDown={(event) => setAt(snap(timeAt(event.clientX)))}
            style={{ width: duration * scale }}
          >
            {Array.from({ length: Math.floor(duration) + 1 }, (_, second) => (
              <span key={second} style={{ left: second * scale }}>
                {second}s
              </span>
            ))}
          </div>
          <div className="timeline-track video" aria-label="Clips" style={{ width: duration * scale }}>
            {placements.map((place, index) => {
              const dragged = trim?.place === index ? trim : undefined;
              // While an edge is dragged, the block shows where it will be.
              const start = place.start + (dragged?.edge === 'in' ? dragged.seconds - dragged.from : 0);
              const end = place.start + place.length + (dragged?.edge === 'out' ? dragged.seconds - dragged.from : 0);
              // Blocks meet at a crossfade's middle, as editors draw a dissolve on its cut; the span shows the overlap.
              const next = placements[index + 1];
              const shownFrom = start + (place.transition === 'crossfade' ? place.transitionDuration / 2 : 0);
              const shownTo = end - (next?.transition === 'crossfade' ? next.transitionDuration / 2 : 0);
              return (
                <ClipBlock
                  key={`${order[index]}-${clips[index].$artifact}`}
                  clip={clips[index]}
                  index={index}
                  left={shownFrom * scale}
                  width={Math.max(4, (shownTo - shownFrom) * scale)}
                  seconds={end - start}
                  trimIn={place.trimIn + (dragged?.edge === 'in' ? dragged.seconds - dragged.from : 0)}
                  transition={index > 0 ? decisions[index].transition : undefined}
                  dragging={dragging === index}
                  onTransition={(transition) =>
                    edit('Change transition', transitionPatch(params, order[index], transition))
                  }
                  onDragStart={() => setDragging(index)}
                  onDragEnd={() => setDragging(undefined)}
                  onDrop={() => {
                    if (dragging !== undefined && dragging !== index)
                      edit('Move clip', movePatch(params, connected.length, dragging, index));
                    setDragging(undefined);
                  }}
                  onTrimStart={(event, edge) => startTrim(event, index, edge)}
                />
              );
            })}
          </div>
          <div className="timeline-track transitions" aria-hidden style={{ width: duration * scale }}>
            {placements.map((place, index) =>
              place.transition !== 'cut' && place.transitionDuration > 0 ? (
                <span
                  key={index}
                  className={`transition-span ${place.transition}`}
                  title={TRANSITION_NAMES[place.transition]}
                  style={{
                    left: (place.start - (place.transition === 'crossfade' ? 0 : place.transitionDuration / 2)) * scale,
                    width: place.transitionDuration * scale,
                  }}
                />
              ) : null,
            )}
          </div>
          <div className="timeline-track titles" aria-label="Titles" style={{ width: duration * scale }}>
            {titles.map((title, index) => {
              const end = Math.min(title.end ?? duration, duration);
              return title.start < duration && end > title.start ? (
                <span
                  key={index}
                  className="title-block"
                  style={{ left: title.start * scale, width: (end - title.start) * scale }}
                  title={title.text}
                >
                  {title.text.split('\n')[0]}
                </span>
              ) : null;
            })}
          </div>
          <div className="timeline-track audio" aria-label="Soundtrack" style={{ width: duration * scale }}>
            {soundtrack ? (
              <span className="sound-block" style={{ width: Math.min(soundSeconds, duration) * scale }}>
                <Waveform artifact={soundtrack} from={0} to={Math.min(soundSeconds, duration)} />
              </span>
            ) : (
              <span className="hint">No soundtrack</span>
            )}
          </div>
          <div className="timeline-playhead" style={{ left: playhead * scale }} aria-hidden />
        </div>
      </div>
    </section>
  );
}

/**
 * The cut's sound as the MP4 has it (each clip's own, dipped under the soundtrack, which fades out
 * at the end), mixed once per version of the cut and kept while the panel is open.
 */
function soundOf(
  kept: Map<string, Promise<AudioBuffer>>,
  hashes: readonly string[],
  blobs: readonly Blob[],
  placements: readonly Placement[],
  duration: number,
  params: AssembleParams,
  soundtrack: ArtifactRef | undefined,
  artifacts: { get(hash: string): Promise<Blob | undefined> },
): Promise<AudioBuffer> {
  const key = JSON.stringify([
    hashes,
    placements,
    soundtrack?.$artifact,
    params.soundtrackGain,
    params.soundtrackFadeOut,
    params.duck,
  ]);
  let sound = kept.get(key);
  if (!sound) {
    sound = (async () => {
      const signal = new AbortController().signal;
      const clipAudio = await Promise.all(blobs.map((blob) => decodeAudio(blob, 'clip').catch(() => undefined)));
      const track = soundtrack ? await artifacts.get(soundtrack.$artifact) : undefined;
      return renderTimelineAudio(
        {
          clipAudio,
          placements,
          soundtrack: track ? await decodeAudio(track, 'file') : undefined,
          duration,
          soundtrackGainDb: params.soundtrackGain,
          soundtrackFadeOut: params.soundtrackFadeOut,
          duckDb: params.duck,
        },
        signal,
      );
    })();
    // Only the latest mix is kept: a long cut's sound is large.
    kept.clear();
    kept.set(key, sound);
    // A failed mix is tried again next time.
    sound.catch(() => kept.delete(key));
  }
  return sound;
}

/** The block's picture: a strip of the clip's frames over the part used, as many as fit its width. */
function useStrip(clip: ArtifactRef, from: number, seconds: number, width: number): string | undefined {
  const { artifacts } = useServices();
  const [url, setUrl] = useState<string>();
  const height = 50;
  const aspect =
    typeof clip.meta?.width === 'number' && typeof clip.meta?.height === 'number'
      ? clip.meta.width / clip.meta.height
      : 16 / 9;
  const count = Math.max(1, Math.min(24, Math.ceil(width / (height * aspect))));
  // Made again when the block shows another part, not at every pixel of a drag.
  const part = `${from.toFixed(2)}:${seconds.toFixed(2)}`;
  useEffect(() => {
    let made: string | undefined;
    let cancelled = false;
    const timer = setTimeout(() => {
      void artifacts
        .get(clip.$artifact)
        .then((blob) => blob && thumbnailStrip(blob, from, seconds, count, height))
        .then((next) => {
          if (!next) return;
          if (cancelled) URL.revokeObjectURL(next);
          else setUrl((made = next));
        })
        // A clip that will not decode keeps a plain block; the node says what is wrong with it.
        .catch(() => {});
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (made) setTimeout(() => URL.revokeObjectURL(made!), 1000);
    };
    // `part` stands for from and seconds, rounded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clip.$artifact, part, count, artifacts]);
  return url;
}

function ClipBlock({
  clip,
  index,
  left,
  width,
  seconds,
  trimIn,
  transition,
  dragging,
  onTransition,
  onDragStart,
  onDragEnd,
  onDrop,
  onTrimStart,
}: {
  clip: ArtifactRef;
  index: number;
  left: number;
  width: number;
  seconds: number;
  /** Where in the clip the block starts. */
  trimIn: number;
  transition?: ClipSettings['transition'];
  dragging: boolean;
  onTransition(transition: ClipSettings['transition']): void;
  onDragStart(): void;
  onDragEnd(): void;
  onDrop(): void;
  onTrimStart(event: PointerEvent, edge: 'in' | 'out'): void;
}) {
  const strip = useStrip(clip, trimIn, seconds, width);
  const trimming = useRef(false);
  const trimFrom = (event: PointerEvent, edge: 'in' | 'out') => {
    trimming.current = true;
    onTrimStart(event, edge);
  };
  return (
    <div
      className={`clip-block${dragging ? ' dragging' : ''}`}
      style={{ left, width }}
      draggable
      aria-label={`Clip ${index + 1}, ${seconds.toFixed(2)} s`}
      onDragStart={(event) => {
        // A press on a trim handle trims: the block is not dragged with it.
        if (trimming.current) {
          event.preventDefault();
          return;
        }
        event.dataTransfer.effectAllowed = 'move';
        // Some browsers drag only what carries data.
        event.dataTransfer.setData('application/x-reelgraph-clip', String(index));
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        onDrop();
      }}
    >
      {strip && <img src={strip} alt="" aria-hidden />}
      <span className="clip-label">
        {index + 1} · {seconds.toFixed(1)} s
      </span>
      <span
        className="trim-handle in"
        role="slider"
        aria-label={`Trim the start of clip ${index + 1}`}
        aria-valuenow={0}
        onPointerDown={(event) => trimFrom(event, 'in')}
        onPointerUp={() => (trimming.current = false)}
        onPointerCancel={() => (trimming.current = false)}
      />
      <span
        className="trim-handle out"
        role="slider"
        aria-label={`Trim the end of clip ${index + 1}`}
        aria-valuenow={seconds}
        onPointerDown={(event) => trimFrom(event, 'out')}
        onPointerUp={() => (trimming.current = false)}
        onPointerCancel={() => (trimming.current = false)}
      />
      {transition !== undefined && (
        <TransitionSelect
          className="transition-chip"
          label={`Transition into clip ${index + 1}`}
          value={transition}
          onChange={onTransition}
          onPointerDown={(event) => event.stopPropagation()}
        />
      )}
    </div>
  );
}
