import { useEffect, useRef, useState } from 'react';
import type { NodeViewProps } from '../view-types';
import { frameTransform, poseAt } from './path';
import { AXES, CAMERA_PRESETS, EASING_NAMES, EASINGS, zCameraParams, type CameraParams } from './schema';

const PREVIEW_W = 192;
const PREVIEW_H = 108;
/** Action-safe and title-safe areas, as fractions of the frame (the broadcast 90% and 80%). */
const SAFE_AREAS = [0.9, 0.8];

/** Loads an image from a URL for drawing; undefined until it has loaded (or with no URL). */
function useImage(url: string | undefined): HTMLImageElement | undefined {
  const [image, setImage] = useState<HTMLImageElement>();
  useEffect(() => {
    if (!url) return;
    const element = new Image();
    let current = true;
    element.onload = () => current && setImage(element);
    element.src = url;
    return () => {
      current = false;
    };
  }, [url]);
  return url ? image : undefined;
}

/**
 * Loops the move over the still it will be applied to (the one picked for the Animate it feeds)
 * or, with none yet, over a grid, with the same pose maths the local renderer uses: a pull-out
 * shows the blurred extension the renderer fills with, never a hard edge. The safe areas are
 * drawn over it. It animates only while `playing` (hovered); otherwise it shows the end pose.
 */
function MovePreview({ params, playing, still }: { params: CameraParams; playing: boolean; still?: HTMLImageElement }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // The frame takes the still's shape (from square to 2.4:1), so the preview frames what the clip will.
  const aspect = still ? Math.min(2.4, Math.max(1, still.naturalWidth / still.naturalHeight)) : 16 / 9;
  const height = Math.round(PREVIEW_W / aspect);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    let frame = 0;
    const started = performance.now();
    const [sourceW, sourceH] = still ? [still.naturalWidth, still.naturalHeight] : [PREVIEW_W, PREVIEW_H];
    const drawSource = () => {
      if (still) {
        ctx.drawImage(still, 0, 0);
        return;
      }
      ctx.fillStyle = '#2b3550';
      ctx.fillRect(0, 0, PREVIEW_W, PREVIEW_H);
      ctx.strokeStyle = '#7d8fb8';
      ctx.lineWidth = 1;
      for (let x = 0; x <= PREVIEW_W; x += PREVIEW_W / 8) ctx.strokeRect(x, 0, 0, PREVIEW_H);
      for (let y = 0; y <= PREVIEW_H; y += PREVIEW_H / 6) ctx.strokeRect(0, y, PREVIEW_W, 0);
      ctx.fillStyle = '#f5a623';
      ctx.beginPath();
      ctx.arc(PREVIEW_W / 2, PREVIEW_H / 2, 6, 0, Math.PI * 2);
      ctx.fill();
    };
    const draw = (now: number) => {
      const seconds = ((now - started) / 1000) % (params.duration + 0.6);
      const pose = poseAt(params, seconds);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.filter = 'none';
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, PREVIEW_W, height);
      if (still && pose.zoom < 1) {
        // What the renderer reveals beyond the still's edges: a blurred, enlarged copy of it.
        ctx.filter = 'blur(6px)';
        ctx.setTransform(
          ...frameTransform({ ...pose, zoom: 1.15, rotation: 0, x: 0, y: 0 }, sourceW, sourceH, PREVIEW_W, height),
        );
        ctx.drawImage(still, 0, 0);
        ctx.filter = 'none';
      }
      ctx.setTransform(...frameTransform(pose, sourceW, sourceH, PREVIEW_W, height));
      drawSource();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.45)';
      ctx.setLineDash([3, 3]);
      for (const area of SAFE_AREAS) {
        const inset = (1 - area) / 2;
        ctx.strokeRect(PREVIEW_W * inset + 0.5, height * inset + 0.5, PREVIEW_W * area - 1, height * area - 1);
      }
      ctx.setLineDash([]);
      if (playing) frame = requestAnimationFrame(draw);
    };
    if (playing) frame = requestAnimationFrame(draw);
    else draw(started + params.duration * 1000);
    return () => cancelAnimationFrame(frame);
  }, [params, playing, still, height]);
  return (
    <canvas
      ref={canvas}
      width={PREVIEW_W}
      height={height}
      className="camera-preview"
      data-over={still ? 'still' : 'grid'}
      aria-label={
        still ? 'Camera move preview over the picked still' : 'Camera move preview (pick a still to see it here)'
      }
    />
  );
}

export function CameraView({ params: raw, setParams, stillBeside }: NodeViewProps<CameraParams>) {
  const parsed = zCameraParams.safeParse(raw);
  const params = parsed.success ? parsed.data : zCameraParams.parse({});
  const [hovered, setHovered] = useState(false);
  const still = useImage(stillBeside);
  // Compact: the preview and the axes the move uses; the other axes are one click away.
  const [allAxes, setAllAxes] = useState(false);
  // Axes shown once stay while the node is open, even when moved back to 0.
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set(AXES.filter((axis) => params[axis] !== 0)));
  return (
    <div className="node-body" onPointerEnter={() => setHovered(true)} onPointerLeave={() => setHovered(false)}>
      <MovePreview params={params} playing={hovered} still={still} />
      <label className="field">
        <span>Preset</span>
        <select
          className="nodrag"
          value=""
          onChange={(event) => {
            const preset = CAMERA_PRESETS[event.target.value];
            if (preset)
              setParams({ ...Object.fromEntries(AXES.map((axis) => [axis, preset[axis] ?? 0])), keyframes: [] });
          }}
        >
          <option value="">Choose a preset…</option>
          {Object.keys(CAMERA_PRESETS).map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      {AXES.filter((axis) => allAxes || shown.has(axis) || params[axis] !== 0).map((axis) => (
        <label key={axis} className="field slider">
          <span>
            {axis} <output>{params[axis]}</output>
          </span>
          <input
            className="nodrag"
            type="range"
            min={-10}
            max={10}
            step={0.5}
            value={params[axis]}
            aria-label={axis}
            onChange={(event) => {
              setShown((before) => (before.has(axis) ? before : new Set([...before, axis])));
              setParams({ [axis]: event.target.valueAsNumber });
            }}
          />
        </label>
      ))}
      <button
        type="button"
        className="link-button nodrag"
        aria-expanded={allAxes}
        onClick={() => {
          // The axes in use stay put when the others fold away, so a slider never vanishes under the pointer.
          if (allAxes) setShown(new Set(AXES.filter((axis) => params[axis] !== 0)));
          setAllAxes(!allAxes);
        }}
      >
        {allAxes ? 'Only the axes in use' : `All six axes (${AXES.filter((axis) => params[axis] === 0).length} at 0)`}
      </button>
      <div className="field-row">
        <label className="field">
          <span>Duration (s)</span>
          <input
            className="nodrag"
            type="number"
            min={0.5}
            max={30}
            step={0.5}
            value={params.duration}
            onChange={(event) => setParams({ duration: event.target.valueAsNumber })}
          />
        </label>
        <label className="field">
          <span>Easing</span>
          <select
            className="nodrag"
            value={params.easing}
            onChange={(event) => setParams({ easing: event.target.value as CameraParams['easing'] })}
          >
            {EASINGS.map((easing) => (
              <option key={easing} value={easing}>
                {EASING_NAMES[easing]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
