import { isArtifactRef, type ArtifactRef } from '../graph-engine';
import { renderCounter } from './canvas/NodeFrame';
import { services } from './services';
import { importGraph, runCurrent, updateDoc } from './state/actions';
import { withEmbeddedGraph } from './state/export-media';
import { flushSave } from './state/autosave';
import { setParams } from './state/edits';
import { useGraphStore } from './state/graph-store';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}

/**
 * The app's automation surface, used by the headless runner (`npm run render`) and the
 * end-to-end tests: the same code paths a person's clicks reach, without the clicks.
 */
export const automation = {
  /** Imports a graph document (JSON text) and opens it. */
  async loadGraph(json: string) {
    const result = await importGraph(json);
    return result.ok ? { ok: true as const, warnings: result.warnings } : { ok: false as const, errors: result.errors };
  },
  /** Stores a file's bytes and binds them to a Still (as your photo) or an Audio node (as your sound file). */
  async bindFile(nodeId: string, base64: string, mime: string): Promise<ArtifactRef> {
    const ref = await services.artifacts.put(new Blob([fromBase64(base64)], { type: mime }));
    const kind = useGraphStore.getState().doc?.nodes.find((node) => node.id === nodeId)?.kind;
    updateDoc(setParams(nodeId, { file: ref, mode: kind === 'audio' ? 'file' : 'upload' }));
    return ref;
  },
  /** Sets params on a node. */
  setParams(nodeId: string, patch: Record<string, unknown>) {
    updateDoc(setParams(nodeId, patch));
  },
  async run(targets?: string[]) {
    const summary = await runCurrent(targets);
    if (!summary) throw new Error('A run is already in progress.');
    return {
      status: summary.status,
      executed: summary.executed,
      reused: summary.reused,
      failed: summary.failed,
      waiting: summary.waiting,
      issues: summary.issues,
      cost: summary.cost,
      durationMs: summary.durationMs,
      outputs: Object.fromEntries(summary.outputs),
      runState: useGraphStore.getState().runState,
    };
  },
  /** An artifact's bytes as they leave the app: an MP4 carries the current graph in its metadata. */
  async readArtifact(hash: string): Promise<{ mime: string; base64: string } | undefined> {
    const blob = await services.artifacts.get(hash);
    if (!blob) return undefined;
    const exported = await withEmbeddedGraph(blob);
    return { mime: exported.type, base64: toBase64(new Uint8Array(await exported.arrayBuffer())) };
  },
  async flush() {
    await flushSave();
  },
  state() {
    const { doc, graphs, runState, savedAt } = useGraphStore.getState();
    return { doc, graphs, runState, savedAt };
  },
  isArtifactRef,
  /** Counters for benchmarks: how many node frames have rendered so far. */
  diagnostics: () => ({ nodeFrameRenders: renderCounter.frames }),
};

declare global {
  interface Window {
    reelgraph?: typeof automation;
  }
}
