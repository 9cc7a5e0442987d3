import { useEffect, useRef, useState } from 'react';
import type { NodeViewProps } from '../view-types';
import { frameTransform, poseAt } from './path';
import { AXES, CAMERA_PRESETS, EASINGS, zCameraParams, type CameraParams } from './schema';

const PREVIEW_W = 192;
const PREVIEW_H = 108;

/**
 * Loops the move over a grid, with the same pose maths the local renderer uses. It animates only
 * while `playing` (the node is selected or hovered); otherwise it shows the end pose, still.
 */
function MovePreview({ params, playing }: { params: CameraParams; playing: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    let frame = 0;
    const started = performance.now();
    const draw = (now: number) => {
      const seconds = ((now - started) / 1000) % (params.duration + 0.6);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, PREVIEW_W, PREVIEW_H);
      ctx.setTransform(...frameTransform(poseAt(params, seconds), PREVIEW_W, PREVIEW_H, PREVIEW_W, PREVIEW_H));
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
      if (playing) frame = requestAnimationFrame(draw);
    };
    if (playing) frame = requestAnimationFrame(draw);
    else draw(started + params.duration * 1000);
    return () => cancelAnimationFrame(frame);
  }, [params, playing]);
  return (
    <canvas
      ref={canvas}
      width={PREVIEW_W}
      height={PREVIEW_H}
      className="camera-preview"
      aria-label="Camera move preview"
    />
  );
}

export function CameraView({ params: raw, setParams }: NodeViewProps<CameraParams>) {
  const parsed = zCameraParams.safeParse(raw);
  const params = parsed.success ? parsed.data : zCameraParams.parse({});
  const [hovered, setHovered] = useState(false);
  return (
    <div className="node-body" onPointerEnter={() => setHovered(true)} onPointerLeave={() => setHovered(false)}>
      <MovePreview params={params} playing={hovered} />
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
      {AXES.map((axis) => (
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
            onChange={(event) => setParams({ [axis]: event.target.valueAsNumber })}
          />
        </label>
      ))}
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
              <option key={easing}>{easing}</option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
