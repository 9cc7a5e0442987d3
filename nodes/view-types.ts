import type { ComponentType } from 'react';
import type { ArtifactRef } from '../graph-engine';
import type { Fit, Title } from './assemble/schema';
import type { EditDecision } from './assemble/timeline';
import type { CloudModel } from './models/model';

/** Renders stored media; the app supplies it so views never touch storage. */
export type MediaComponent = ComponentType<{
  artifact: ArtifactRef;
  alt: string;
  selected?: boolean;
  onClick?: () => void;
}>;

/** One frame of a cut as it will render, at the cut's size. */
export interface TimelineFrameProps {
  /** The clips in timeline order. */
  clips: readonly ArtifactRef[];
  /** Their edit decisions, in the same order (trims, transitions, focus points). */
  decisions: readonly EditDecision[];
  titles: readonly Title[];
  fit: Fit;
  /** Seconds into the cut. */
  at: number;
  width: number;
  height: number;
  /** Told where the picture was clicked, as shares of its width and height. */
  onPoint?(across: number, down: number): void;
}
export type TimelineFrameComponent = ComponentType<TimelineFrameProps>;

/** Draws a sound's waveform with the span between `from` and `to` seconds highlighted. */
export type WaveformComponent = ComponentType<{ artifact: ArtifactRef; from?: number; to?: number }>;

/** How this browser will encode a clip of a size: the codec and size it makes, and why either differs from the ask. */
export type PlanEncode = (
  width: number,
  height: number,
) => Promise<{ codec: string; width: number; height: number; note?: string }>;

/** What a node kind's view gets from the canvas. */
export interface NodeViewProps<P> {
  nodeId: string;
  params: P;
  setParams(patch: Partial<P>): void;
  /** What arrives on each input, from the upstream nodes' last outputs (a `multiple` input: a list). */
  inputs: Record<string, unknown>;
  /** The still that arrives beside this node's output where it leads (a Camera: the still it moves over), as a URL. */
  stillBeside?: string;
  /** This node's last outputs, when the run or the cache has them. */
  outputs: Record<string, unknown> | undefined;
  Media: MediaComponent;
  Waveform: WaveformComponent;
  TimelineFrame: TimelineFrameComponent;
  /** Asks the browser what it encodes a size with, so a node says before the run what it will make. */
  planEncode: PlanEncode;
  /** The cloud models on offer (the catalog with the user's renames and additions). */
  models: readonly CloudModel[];
  /** Opens the full-screen compare view on this node's clips or stills. */
  openCompare(): void;
  /** Downloads this node's cut for an editor (OTIO and FCP7 XML with its media, zipped): an Assemble's. */
  exportForEditor(): void;
  /** Stores a file the person chose (content-addressed) and returns its reference. */
  storeFile(file: Blob): Promise<ArtifactRef>;
}

export type NodeView<P = never> = ComponentType<NodeViewProps<P>>;
