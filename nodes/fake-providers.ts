import { MemoryArtifactStore, type AnyNodeDef, type ArtifactRef } from '../graph-engine';
import { SAMPLE_MODELS } from './models/sample-models';
import type { NodeProviders } from './providers';

type Groups = Omit<NodeProviders, 'models'>;
type Overrides = { models?: NodeProviders['models'] } & { [Group in keyof Groups]?: Partial<Groups[Group]> };

/**
 * A typed fake of what the app provides, for executor tests: only the calls a test supplies
 * work; any other call fails loudly, naming itself.
 */
export function fakeProviders(overrides: Overrides = {}): NodeProviders {
  const missing = (name: string) => () => Promise.reject(new Error(`unexpected provider call: ${name}`));
  return {
    models: overrides.models ?? (() => SAMPLE_MODELS),
    images: {
      check: () => Promise.resolve(),
      generate: missing('images.generate'),
      renderDraft: missing('images.renderDraft'),
      inspect: missing('images.inspect'),
      normalizeUpload: missing('images.normalizeUpload'),
      ...overrides.images,
    },
    video: {
      check: () => Promise.resolve(),
      animate: missing('video.animate'),
      lastFrame: missing('video.lastFrame'),
      ...overrides.video,
    },
    audio: { render: missing('audio.render'), ...overrides.audio },
    timeline: { assemble: missing('timeline.assemble'), ...overrides.timeline },
  };
}

/** Runs one executor as the engine would, with a memory artifact store; returns its outputs and what it reported. */
export async function runExecutor(
  def: AnyNodeDef<NodeProviders>,
  options: {
    params?: Record<string, unknown>;
    inputs?: Record<string, unknown>;
    providers: NodeProviders;
    artifacts?: MemoryArtifactStore;
    signal?: AbortSignal;
    take?: { index: number; reroll: number };
  },
) {
  const artifacts = options.artifacts ?? new MemoryArtifactStore();
  const progress: number[] = [];
  let cost = 0;
  const outputs = await def.run({
    nodeId: 'n',
    graph: { id: 'g', name: 'Test graph' },
    params: def.params.parse(options.params ?? {}),
    inputs: options.inputs ?? {},
    take: options.take ?? { index: 0, reroll: 0 },
    signal: options.signal ?? new AbortController().signal,
    progress: (fraction) => progress.push(fraction),
    recordCost: (usd) => (cost += usd),
    artifacts,
    providers: options.providers,
  });
  return { outputs: outputs as Record<string, ArtifactRef & ArtifactRef[]>, progress, cost, artifacts };
}
