import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArtifactRef } from '../../graph-engine';
import { mediaLabel } from '../../nodes/models/media-label';
import { useArtifactUrl } from '../ui/Media';
import { renderContactSheet } from '../media/contact-sheet';
import { useServices } from '../ui/services-context';
import { notify, updateDoc } from '../state/actions';
import { setParams } from '../state/edits';
import { downloadMedia } from '../state/export-media';
import { useGraphStore } from '../state/graph-store';
import { useSettingsStore } from '../state/settings-store';
import { compareItems, pickFedBy } from './compare-items';

const DEFAULT_FPS = 24;

function Tile({
  item,
  label,
  chosen,
  onChoose,
  register,
  canChoose,
  index,
}: {
  item: ArtifactRef;
  label: string;
  chosen: boolean;
  onChoose(): void;
  register(video: HTMLVideoElement | null): void;
  canChoose: boolean;
  index: number;
}) {
  const url = useArtifactUrl(item);
  const video = item.mime.startsWith('video/');
  return (
    <figure className={`compare-tile${chosen ? ' chosen' : ''}`} data-index={index}>
      {url &&
        (video ? (
          <video ref={register} src={url} muted={index > 0} playsInline preload="auto" aria-label={label} />
        ) : (
          <img src={url} alt={label} />
        ))}
      <figcaption>
        <span>{label}</span>
        <button
          type="button"
          onClick={onChoose}
          disabled={!canChoose}
          aria-pressed={chosen}
          title={canChoose ? 'Make this the Pick’s choice' : 'Connect a Pick after this node to choose'}
        >
          {chosen ? 'Chosen' : 'Choose'}
        </button>
      </figcaption>
    </figure>
  );
}

/** As square a grid as fits, at most three across, every row fitting the screen. */
function gridStyle(count: number) {
  const columns = Math.min(3, Math.ceil(Math.sqrt(count)));
  const rows = Math.ceil(count / columns);
  return {
    gridTemplateColumns: `repeat(${columns}, 1fr)`,
    gridAutoRows: `calc((100vh - 70px - ${rows * 8}px) / ${rows})`,
  };
}

/** Moves every player to `t` (a shorter clip holds its last frame). */
function seekAll(players: readonly (HTMLVideoElement | null)[], t: number): void {
  for (const video of players)
    if (video)
      video.currentTime = Number.isFinite(video.duration) ? Math.min(t, Math.max(0, video.duration - 0.001)) : t;
}

/** A/B wipe: B over A, revealed from the left up to the handle. */
function Wipe({
  a,
  b,
  register,
}: {
  a: ArtifactRef;
  b: ArtifactRef;
  register(index: number, video: HTMLVideoElement | null): void;
}) {
  const urlA = useArtifactUrl(a);
  const urlB = useArtifactUrl(b);
  const [split, setSplit] = useState(50);
  if (!urlA || !urlB) return null;
  return (
    <div
      className="wipe"
      onPointerMove={(event) =>
        event.buttons === 1 &&
        setSplit(
          ((event.clientX - event.currentTarget.getBoundingClientRect().left) / event.currentTarget.clientWidth) * 100,
        )
      }
    >
      <video ref={(video) => register(0, video)} src={urlA} playsInline aria-label="A" />
      <video
        ref={(video) => register(1, video)}
        src={urlB}
        muted
        playsInline
        aria-label="B"
        style={{ clipPath: `inset(0 0 0 ${split}%)` }}
      />
      <div className="wipe-handle" style={{ left: `${split}%` }} />
      <input
        type="range"
        min={0}
        max={100}
        value={split}
        aria-label="Wipe position"
        onChange={(event) => setSplit(event.target.valueAsNumber)}
      />
    </div>
  );
}

/**
 * Full-screen comparison of a node's clips (or stills): all in a grid playing in sync from one
 * transport (play, pause, scrub, frame steps, loop), an A/B wipe between two, labels with model,
 * size, length, generation time and cost, and Choose to set the Pick downstream.
 */
export function CompareView() {
  const { artifacts } = useServices();
  const nodeId = useGraphStore((state) => state.compare);
  const doc = useGraphStore((state) => state.doc);
  const outputs = useGraphStore((state) => (nodeId ? state.outputs[nodeId] : undefined));
  const models = useSettingsStore((state) => state.models);
  const list = compareItems(outputs);
  const pickId = doc && nodeId && list ? pickFedBy(doc, nodeId, list.port) : undefined;
  const pickChoice = useGraphStore((state) =>
    pickId
      ? (state.doc?.nodes.find((node) => node.id === pickId)?.params as { choice?: { index: number } })?.choice?.index
      : undefined,
  );
  const videos = useRef<(HTMLVideoElement | null)[]>([]);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [loop, setLoop] = useState(true);
  const [wipe, setWipe] = useState<[number, number] | null>(null);
  const [exporting, setExporting] = useState<number | null>(null);
  const isVideo = list?.items[0]?.mime.startsWith('video/') ?? false;
  const fps = Number(list?.items[0]?.meta?.fps) || DEFAULT_FPS;
  const duration = Math.max(0, ...(list?.items ?? []).map((item) => Number(item.meta?.duration) || 0));
  const close = useCallback(() => useGraphStore.setState({ compare: null }), []);
  // The transport drives whichever players are on screen: the grid's, or the wipe's two.
  const showWipe = (next: [number, number] | null) => {
    videos.current = [];
    setPlaying(false);
    setWipe(next);
  };

  const seek = useCallback(
    (to: number) => {
      const t = Math.max(0, Math.min(duration, to));
      seekAll(videos.current, t);
      setTime(t);
    },
    [duration],
  );

  // One clock: the first clip leads; the others are pulled back in line when they drift by more than a frame.
  useEffect(() => {
    if (!playing) {
      for (const video of videos.current) video?.pause();
      return;
    }
    for (const video of videos.current) void video?.play().catch(() => {});
    let frame = 0;
    const tick = () => {
      const [lead, ...rest] = videos.current;
      if (lead) {
        setTime(lead.currentTime);
        for (const video of rest)
          if (video && !video.ended && Math.abs(video.currentTime - lead.currentTime) > 1.5 / fps)
            video.currentTime = lead.currentTime;
        const done = videos.current.every((video) => !video || video.ended || video.currentTime >= duration - 0.01);
        if (done) {
          if (loop) {
            for (const video of videos.current) if (video) video.currentTime = 0;
            for (const video of videos.current) void video?.play().catch(() => {});
          } else setPlaying(false);
        }
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, loop, fps, duration]);

  useEffect(() => {
    if (!nodeId) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
      else if (event.key === ' ') {
        event.preventDefault();
        setPlaying((value) => !value);
      } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
        event.preventDefault();
        setPlaying(false);
        seek(time + (event.key === 'ArrowRight' ? 1 : -1) / fps);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nodeId, close, seek, time, fps]);

  if (!nodeId || !list) return null;
  const labels = list.items.map((item, at) => mediaLabel(item.meta, models) || `Candidate ${at + 1}`);
  const choose = (index: number) => {
    if (!pickId) return;
    updateDoc(setParams(pickId, { choice: { index, artifact: list.items[index].$artifact } }));
    notify('info', `${labels[index]} is now the pick.`);
  };
  const exportSheet = async () => {
    setExporting(0);
    try {
      const blobs = await Promise.all(list.items.map((item) => artifacts.get(item.$artifact)));
      if (blobs.some((blob) => !blob)) throw new Error('a clip is no longer stored; run the node again');
      const sheet = await renderContactSheet(
        blobs.map((blob, at) => ({ blob: blob!, label: labels[at] })),
        fps,
        new AbortController().signal,
        setExporting,
      );
      await downloadMedia(sheet, 'reelgraph-comparison.mp4');
    } catch (error) {
      notify('error', `The contact sheet could not be made: ${(error as Error).message}`);
    } finally {
      setExporting(null);
    }
  };

  return (
    <div className="compare" role="dialog" aria-label="Compare">
      <header className="compare-bar">
        <strong>
          Compare {list.items.length} {isVideo ? 'clips' : 'stills'}
        </strong>
        {isVideo && (
          <>
            <button type="button" onClick={() => setPlaying(!playing)} aria-label={playing ? 'Pause all' : 'Play all'}>
              {playing ? 'Pause' : 'Play'}
            </button>
            <button type="button" onClick={() => (setPlaying(false), seek(time - 1 / fps))} aria-label="Back one frame">
              ◀︎ frame
            </button>
            <button
              type="button"
              onClick={() => (setPlaying(false), seek(time + 1 / fps))}
              aria-label="Forward one frame"
            >
              frame ▶︎
            </button>
            <input
              className="scrub"
              type="range"
              min={0}
              max={duration || 1}
              step={1 / fps}
              value={time}
              aria-label="Scrub all clips"
              onChange={(event) => (setPlaying(false), seek(event.target.valueAsNumber))}
            />
            <span className="time">{time.toFixed(2)} s</span>
            <label>
              <input type="checkbox" checked={loop} onChange={(event) => setLoop(event.target.checked)} /> Loop
            </label>
            {list.items.length >= 2 && (
              <button type="button" onClick={() => showWipe(wipe ? null : [0, 1])} aria-pressed={wipe !== null}>
                A/B wipe
              </button>
            )}
            <button type="button" onClick={() => void exportSheet()} disabled={exporting !== null}>
              {exporting === null ? 'Export contact sheet' : `Exporting ${Math.round(exporting * 100)}%`}
            </button>
          </>
        )}
        {!pickId && <span className="hint">Connect a Pick after this node to choose from here.</span>}
        <span className="spacer" />
        <button type="button" onClick={close}>
          Close
        </button>
      </header>
      {wipe && (
        <div className="wipe-pick">
          {(['A', 'B'] as const).map((side, at) => (
            <label key={side}>
              {side}{' '}
              <select
                value={wipe[at]}
                onChange={(event) =>
                  showWipe(at === 0 ? [Number(event.target.value), wipe[1]] : [wipe[0], Number(event.target.value)])
                }
              >
                {labels.map((label, index) => (
                  <option key={index} value={index}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      )}
      {wipe ? (
        <Wipe
          a={list.items[wipe[0]]}
          b={list.items[wipe[1]]}
          register={(index, video) => void (videos.current[index] = video)}
        />
      ) : (
        <div className="compare-grid" style={gridStyle(list.items.length)}>
          {list.items.map((item, index) => (
            <Tile
              key={`${item.$artifact}-${index}`}
              index={index}
              item={item}
              label={labels[index]}
              chosen={pickChoice === index}
              canChoose={pickId !== undefined}
              onChoose={() => choose(index)}
              register={(video) => void (videos.current[index] = video)}
            />
          ))}
        </div>
      )}
    </div>
  );
}
