import { useCallback, useEffect, useRef, useState } from 'react';
import { isArtifactRef, type ArtifactRef } from '../../graph-engine';
import { mediaLabel, modelName } from '../../nodes/models/media-label';
import { togglePick, zPickParams } from '../../nodes/pick/schema';
import { useArtifactUrl } from '../ui/Media';
import { renderContactSheet } from '../media/contact-sheet';
import { stillContactSheet } from '../media/still-sheet';
import { useServices } from '../ui/services-context';
import { notify, runCurrent, updateDoc } from '../state/actions';
import { choose, editTake } from '../state/edits';
import { downloadMedia } from '../state/export-media';
import { useGraphStore } from '../state/graph-store';
import { flatGraphOf, nodeById } from '../state/selectors';
import { useSettingsStore } from '../state/settings-store';
import { boardOf, pickFedBy, type BoardTile } from './compare-items';

const DEFAULT_FPS = 24;

function Tile({
  tile,
  label,
  kept,
  stars,
  focused,
  canKeep,
  onKeep,
  onFocus,
  onReroll,
  onDrop,
  register,
  index,
  place,
}: {
  tile: BoardTile;
  label: string;
  kept: boolean;
  stars: number | undefined;
  focused: boolean;
  canKeep: boolean;
  onKeep(): void;
  onFocus(): void;
  onReroll?: () => void;
  onDrop?: () => void;
  register(video: HTMLVideoElement | null): void;
  index: number;
  /** Its grid cell: below the column headings and right of the row headings, where there are any. */
  place: { gridRow: number; gridColumn: number };
}) {
  const url = useArtifactUrl(tile.item);
  const video = tile.item?.mime.startsWith('video/') ?? false;
  const status = tile.take?.status;
  return (
    <figure
      className={`compare-tile${kept ? ' chosen' : ''}${focused ? ' focused' : ''}${tile.item ? '' : ' empty'}`}
      data-index={index}
      data-status={status}
      style={place}
      onClick={onFocus}
    >
      {url ? (
        video ? (
          <video ref={register} src={url} muted={index > 0} playsInline preload="auto" aria-label={label} />
        ) : (
          <img src={url} alt={label} />
        )
      ) : (
        <p className="tile-note" role={status === 'failed' ? 'alert' : undefined}>
          {status === 'failed'
            ? `Failed: ${tile.take?.message ?? ''}`
            : status === 'dropped'
              ? 'Dropped'
              : status === 'running'
                ? `Making… ${Math.round((tile.take?.progress ?? 0) * 100)}%`
                : 'Not made yet'}
        </p>
      )}
      <figcaption>
        <span>
          {label}
          {stars ? <span className="stars" aria-label={`${stars} stars`}>{` ${'★'.repeat(stars)}`}</span> : null}
        </span>
        <span className="tile-actions">
          {onReroll && (
            <button type="button" onClick={onReroll} title="Make this take again (a new seed, this take alone)">
              Re-roll
            </button>
          )}
          {onDrop && (
            <button
              type="button"
              onClick={onDrop}
              title={status === 'dropped' ? 'Bring this take back' : 'Leave this take out of what flows on'}
            >
              {status === 'dropped' ? 'Restore' : 'Drop'}
            </button>
          )}
          {tile.item && (
            <button
              type="button"
              onClick={onKeep}
              disabled={!canKeep}
              aria-pressed={kept}
              title={
                canKeep ? 'Keep this in the Pick after this node' : 'Connect a Pick after this node to keep from here'
              }
            >
              {kept ? 'Kept' : 'Keep'}
            </button>
          )}
        </span>
      </figcaption>
    </figure>
  );
}

/** A grid of `columns` by `rows` tiles (after a row of column headings and a column of row headings, where there are any), every row fitting the screen. */
function gridStyle(columns: number, rows: number, headings: { rows: boolean; columns: boolean }) {
  return {
    gridTemplateColumns: `${headings.rows ? 'max-content ' : ''}repeat(${columns}, 1fr)`,
    gridTemplateRows: `${headings.columns ? 'max-content ' : ''}repeat(${rows}, calc((100vh - 90px - ${rows * 8}px) / ${rows}))`,
  };
}

/** Plays every player at `rate` (slow motion to judge a move, double to skim). */
function setSpeedOf(players: readonly (HTMLVideoElement | null)[], rate: number): void {
  for (const video of players) if (video) video.playbackRate = rate;
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

const SPEEDS = [0.25, 0.5, 1, 2] as const;

/**
 * The take board: a node's takes full screen, grouped by still (rows) and model (columns), all
 * playing in sync from one transport (play, scrub, frame steps, loop, speed), an A/B wipe between
 * any two, labels with model, size, length, generation time and cost. Keep and star go to the Pick
 * downstream; re-roll and drop change one take. Keys: arrows move, space plays, 1 to 9 star,
 * Enter keeps, comma and period step a frame, Escape closes.
 */
export function CompareView() {
  const { artifacts } = useServices();
  const nodeId = useGraphStore((state) => state.compare);
  const doc = useGraphStore((state) => state.doc);
  const outputs = useGraphStore((state) => (nodeId ? state.outputs[nodeId] : undefined));
  const takes = useGraphStore((state) => (nodeId ? state.takes[nodeId] : undefined));
  const running = useGraphStore((state) => state.running);
  const models = useSettingsStore((state) => state.models);
  const modelLabel = (id: unknown) => modelName(id, models);
  const board = boardOf(outputs, takes, modelLabel);
  // Through components too: the graph as it runs, where a Pick inside is known by its path id.
  const pick = doc && nodeId ? pickFedBy(flatGraphOf(doc), nodeId) : undefined;
  const pickNodeParams = useGraphStore((state) => (pick ? nodeById(state.doc, pick.pickId)?.params : undefined));
  const pickParams = zPickParams.safeParse(pickNodeParams ?? {}).data ?? zPickParams.parse({});
  const candidates = (() => {
    const value = pick ? outputs?.[pick.port] : undefined;
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(isArtifactRef);
  })();
  const videos = useRef<(HTMLVideoElement | null)[]>([]);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [loop, setLoop] = useState(true);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const [focus, setFocus] = useState(0);
  const [wipe, setWipe] = useState<[number, number] | null>(null);
  const [exporting, setExporting] = useState<number | null>(null);
  const tiles = board?.tiles ?? [];
  const made = tiles.filter((tile) => tile.item);
  const isVideo = made[0]?.item?.mime.startsWith('video/') ?? false;
  const fps = Number(made[0]?.item?.meta?.fps) || DEFAULT_FPS;
  const duration = Math.max(0, ...made.map((tile) => Number(tile.item?.meta?.duration) || 0));
  const close = useCallback(() => useGraphStore.setState({ compare: null }), []);
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

  useEffect(() => {
    setSpeedOf(videos.current, speed);
  }, [speed, playing]);

  // One clock: the first clip leads; the others are pulled back in line when they drift by more than a frame.
  useEffect(() => {
    if (!playing) {
      for (const video of videos.current) video?.pause();
      // Paused, every take shows the lead's frame: a busy machine lets players drift apart while they play.
      const lead = videos.current.find(Boolean);
      if (lead && lead.currentTime > 0) {
        seekAll(videos.current, lead.currentTime);
        setTime(lead.currentTime);
      }
      return;
    }
    for (const video of videos.current) void video?.play().catch(() => {});
    let frame = 0;
    const tick = () => {
      const [lead, ...rest] = videos.current.filter(Boolean);
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

  // A take is named by its still (where the board has rows of them) and its model: "still 2 · Kling V3".
  const labelOf = (tile: BoardTile, at: number) => {
    const made =
      (tile.item && mediaLabel(tile.item.meta, models)) ||
      (tile.take?.fan !== undefined ? modelLabel(tile.take.fan) : `Candidate ${at + 1}`);
    return board && board.rows.length > 1 ? `${board.rows[tile.row]} · ${made}` : made;
  };
  // The Pick gets the made takes in board order; identical clips (the same bytes twice) keep their own place.
  const candidateIndex = (tile: BoardTile) => {
    if (!tile.item) return -1;
    const place = made.indexOf(tile);
    return candidates[place]?.$artifact === tile.item.$artifact
      ? place
      : candidates.findIndex((candidate) => candidate.$artifact === tile.item!.$artifact);
  };
  const isKept = (tile: BoardTile) =>
    tile.item !== undefined &&
    pickParams.picks.some((entry) => entry.artifact === tile.item!.$artifact && entry.index === candidateIndex(tile));
  const keep = (tile: BoardTile) => {
    const index = candidateIndex(tile);
    if (!pick || index < 0 || !tile.item) return;
    const count = pickParams.keep === 'any' ? Infinity : pickParams.keep;
    updateDoc(choose(pick.pickId, { picks: togglePick(pickParams, index, tile.item.$artifact, count, candidates) }));
  };
  const star = (tile: BoardTile, stars: number) => {
    if (!pick || !tile.item) return;
    const ratings = { ...pickParams.ratings };
    if (ratings[tile.item.$artifact] === stars) delete ratings[tile.item.$artifact];
    else ratings[tile.item.$artifact] = stars;
    updateDoc(choose(pick.pickId, { ratings }));
  };
  const changeTake = (tile: BoardTile, change: 'reroll' | 'drop' | 'restore') => {
    // While a run is going its document is fixed: an edit now would make a take that run never sees.
    if (!nodeId || !tile.take || useGraphStore.getState().running) return;
    updateDoc(editTake(nodeId, tile.take.id, change));
    // A re-roll is asked for to be seen: the node runs, and only that take is made again.
    if (change === 'reroll') void runCurrent([nodeId]);
  };

  useEffect(() => {
    if (!nodeId) return;
    const onKey = (event: KeyboardEvent) => {
      // A field or a button with focus keeps its own keys (Enter presses the button, not Keep).
      if ((event.target as HTMLElement | null)?.closest('select, input, textarea, button')) {
        if (event.key === 'Escape') close();
        return;
      }
      const columns = Math.max(1, board?.columns.length || Math.min(3, Math.ceil(Math.sqrt(tiles.length))));
      const move = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }[event.key];
      if (event.key === 'Escape') close();
      else if (event.key === ' ') {
        event.preventDefault();
        setPlaying((value) => !value);
      } else if (move !== undefined) {
        event.preventDefault();
        setFocus((at) => Math.min(tiles.length - 1, Math.max(0, at + move)));
      } else if (event.key === ',' || event.key === '.') {
        event.preventDefault();
        setPlaying(false);
        seek(time + (event.key === '.' ? 1 : -1) / fps);
      } else if (/^[1-9]$/.test(event.key) && tiles[focus]) star(tiles[focus], Number(event.key));
      else if (event.key === 'Enter' && tiles[focus]) {
        event.preventDefault();
        keep(tiles[focus]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!nodeId || !board) return null;
  const labels = tiles.map(labelOf);
  const madeIndexes = tiles.flatMap((tile, at) => (tile.item ? [at] : []));
  const exportSheet = async () => {
    setExporting(0);
    try {
      const blobs = await Promise.all(made.map((tile) => artifacts.get(tile.item!.$artifact)));
      if (blobs.some((blob) => !blob)) throw new Error('a clip is no longer stored; run the node again');
      const sheet = await renderContactSheet(
        blobs.map((blob, at) => ({ blob: blob!, label: labels[madeIndexes[at]] })),
        fps,
        new AbortController().signal,
        setExporting,
      );
      await downloadMedia(sheet, 'reelgraph-takes.mp4');
    } catch (error) {
      notify('error', `The contact sheet could not be made: ${(error as Error).message}`);
    } finally {
      setExporting(null);
    }
  };
  const exportStill = async () => {
    try {
      const sheet = await stillContactSheet(
        madeIndexes.map((at) => ({
          source: document.querySelector<HTMLVideoElement | HTMLImageElement>(
            `.compare-tile[data-index="${at}"] video, .compare-tile[data-index="${at}"] img`,
          ),
          label: labels[at],
        })),
      );
      await downloadMedia(sheet, 'reelgraph-takes.png');
    } catch (error) {
      notify('error', `The still contact sheet could not be made: ${(error as Error).message}`);
    }
  };
  const headings = { rows: board.rows.length > 0, columns: board.columns.length > 0 };
  // A model with no key fails every take it is given, for one reason: said once for its column, not per take.
  const keyless = new Map(
    board.columns.flatMap((_, column) => {
      const inColumn = tiles.filter((tile) => tile.column === column);
      const reasons = new Set(inColumn.map((tile) => (tile.take?.status === 'failed' ? tile.take.message : undefined)));
      const [reason] = reasons;
      return reasons.size === 1 && reason && / no key: /.test(reason)
        ? [[column, { reason, count: inColumn.length }]]
        : [];
    }),
  );
  const placeOf = (tile: BoardTile) => ({
    gridRow: tile.row + 1 + (headings.columns ? 1 : 0),
    gridColumn: tile.column + 1 + (headings.rows ? 1 : 0),
  });
  const rows = Math.max(1, ...tiles.map((tile) => tile.row + 1));
  const columns = Math.max(1, ...tiles.map((tile) => tile.column + 1));

  return (
    <div className="compare" role="dialog" aria-label="Take board">
      <header className="compare-bar">
        <strong>
          {takes && takes.length > 1
            ? `${made.length} of ${tiles.length} takes`
            : `Compare ${made.length} ${isVideo ? 'clips' : 'stills'}`}
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
            <label>
              Speed{' '}
              <select
                aria-label="Playback speed"
                value={speed}
                onChange={(event) => setSpeed(Number(event.target.value) as (typeof SPEEDS)[number])}
              >
                {SPEEDS.map((value) => (
                  <option key={value} value={value}>
                    {value}×
                  </option>
                ))}
              </select>
            </label>
            {made.length >= 2 && (
              <button
                type="button"
                onClick={() => showWipe(wipe ? null : [madeIndexes[0], madeIndexes[1]])}
                aria-pressed={wipe !== null}
              >
                A/B wipe
              </button>
            )}
            <button type="button" onClick={() => void exportSheet()} disabled={exporting !== null}>
              {exporting === null ? 'Export contact sheet' : `Exporting ${Math.round(exporting * 100)}%`}
            </button>
          </>
        )}
        {made.length > 0 && (
          <button type="button" onClick={() => void exportStill()}>
            Export still sheet (PNG)
          </button>
        )}
        {!pick && <span className="hint">Connect a Pick after this node to keep takes from here.</span>}
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
                {madeIndexes.map((index) => (
                  <option key={index} value={index}>
                    {labels[index]}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      )}
      {wipe ? (
        <Wipe
          a={tiles[wipe[0]].item!}
          b={tiles[wipe[1]].item!}
          register={(index, video) => void (videos.current[index] = video)}
        />
      ) : (
        <div className="compare-grid" style={gridStyle(columns, rows, headings)}>
          {board.columns.map((heading, column) => (
            <div
              key={`c${column}`}
              className="board-heading"
              style={{ gridRow: 1, gridColumn: column + 1 + (headings.rows ? 1 : 0) }}
            >
              {heading}
            </div>
          ))}
          {board.rows.map((heading, row) => (
            <div
              key={`r${row}`}
              className="board-heading row"
              style={{ gridRow: row + 1 + (headings.columns ? 1 : 0), gridColumn: 1 }}
            >
              {heading}
            </div>
          ))}
          {[...keyless].map(([column, { reason, count }]) => (
            <div
              key={`k${column}`}
              className="compare-tile empty key-missing"
              role="note"
              style={{
                gridRow: `${1 + (headings.columns ? 1 : 0)} / span ${rows}`,
                gridColumn: column + 1 + (headings.rows ? 1 : 0),
              }}
            >
              {reason.replace(/: no key: /, ' has no key here: ')} Then run again to make{' '}
              {count === 1 ? 'this take' : `these ${count} takes`}, or drop {count === 1 ? 'it' : 'them'} and the run
              goes on with the others.
              <button
                type="button"
                disabled={running}
                onClick={() => {
                  for (const tile of tiles) if (tile.column === column) changeTake(tile, 'drop');
                }}
              >
                Drop {count === 1 ? 'this take' : `these ${count} takes`}
              </button>
            </div>
          ))}
          {tiles.map((tile, index) =>
            keyless.has(tile.column) ? null : (
              <Tile
                key={`${tile.take?.id ?? tile.item?.$artifact}-${index}`}
                index={index}
                tile={tile}
                place={placeOf(tile)}
                label={labels[index]}
                kept={isKept(tile)}
                stars={tile.item ? pickParams.ratings[tile.item.$artifact] : undefined}
                focused={focus === index}
                canKeep={pick !== undefined && candidateIndex(tile) >= 0}
                onKeep={() => keep(tile)}
                onFocus={() => setFocus(index)}
                onReroll={
                  tile.take && tile.take.status !== 'dropped' && !running ? () => changeTake(tile, 'reroll') : undefined
                }
                onDrop={
                  tile.take ? () => changeTake(tile, tile.take!.status === 'dropped' ? 'restore' : 'drop') : undefined
                }
                register={(video) => void (videos.current[index] = video)}
              />
            ),
          )}
        </div>
      )}
    </div>
  );
}
