import { describe, expect, it } from 'vitest';
import { MemoryArtifactStore, MemoryResultStore, runGraph } from '../../graph-engine';
import { edge, graphDoc, node } from '../../graph-engine/test-kit';
import { nodeRegistry } from '..';
import { SAMPLE_MODELS } from '../models/sample-models';
import type { NodeProviders } from '../providers';
import { fakeProviders, runExecutor } from '../fake-providers';
import { estimateStill, stillNode } from '.';
import { stillSize, zStillParams } from './schema';

describe('still sizes', () => {
  it('puts the long edge on the right side and keeps both sides even', () => {
    expect(stillSize('16:9', 1280)).toEqual({ width: 1280, height: 720 });
    expect(stillSize('9:16', 1280)).toEqual({ width: 720, height: 1280 });
    expect(stillSize('21:9', 1000)).toEqual({ width: 1000, height: 428 });
    expect(stillSize('1:1', 513)).toEqual({ width: 514, height: 514 });
  });
});

describe('still from cloud image models', () => {
  it('runs every chosen model, lines their candidates up model by model, and records each cost', async () => {
    const asked: string[] = [];
    const providers = {
      models: () => SAMPLE_MODELS,
      images: {
        check: async () => {},
        generate: async (request: { model: string; count: number; seed: number }) => {
          asked.push(`${request.model}×${request.count}@${request.seed}`);
          const images = Array.from({ length: request.count }, (_, at) => ({
            image: new Blob([`${request.model}-${at}`], { type: 'image/png' }),
            width: 1024,
            height: 576,
          }));
          return {
            images,
            cost: 0.1 * request.count,
            info: {
              provider: 'gemini',
              model: request.model,
              upstream: request.model,
              seconds: 3,
              cost: 0.1 * request.count,
              params: {},
            },
          };
        },
      },
    };
    const params = { mode: 'generate', models: ['nano-banana-2', 'nano-banana-pro'], count: 2, size: 1024 };
    const doc = graphDoc(
      [node('p', 'prompt', { text: 'a fox' }), node('s', 'still', params)],
      [edge('p.text', 's.prompt')],
    );
    const summary = await runGraph({
      doc,
      registry: nodeRegistry,
      results: new MemoryResultStore(),
      artifacts: new MemoryArtifactStore(),
      providers: providers as unknown as NodeProviders,
    });
    expect(summary.status).toBe('done');
    expect(asked).toEqual(['nano-banana-2×2@1', 'nano-banana-pro×2@1']);
    const images = summary.outputs.get('s')!.images as { meta: { model: string } }[];
    expect(images.map((image) => image.meta.model)).toEqual([
      'nano-banana-2',
      'nano-banana-2',
      'nano-banana-pro',
      'nano-banana-pro',
    ]);
    expect(summary.cost).toBeCloseTo(0.4);
    // The sample models' prices: 2 × $0.067 (Nano Banana 2, 1K) + 2 × $0.134 (Pro, 1K).
    expect(estimateStill(zStillParams.parse(params), providers as unknown as NodeProviders)).toBeCloseTo(0.402);
  });

  it('calls no model when one of them cannot be called: one refused after another was paid would lose that one', async () => {
    const generated: string[] = [];
    const providers = fakeProviders({
      images: {
        check: async (model) => {
          if (model === 'nano-banana-pro') throw new Error('Google Gemini: add a Gemini API key. Nothing was sent.');
        },
        generate: async (request) => (generated.push(request.model), Promise.reject(new Error('not reached'))),
      },
    });
    const failure = await runExecutor(stillNode, {
      params: { mode: 'generate', models: ['nano-banana-2', 'nano-banana-pro'], count: 1 },
      inputs: { prompt: 'a fox' },
      providers,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: 'Google Gemini: add a Gemini API key. Nothing was sent.' });
    expect(generated).toEqual([]);
    // Known before the run, as a key the run needs.
    expect(stillNode.cloudModels!(zStillParams.parse({ mode: 'generate', models: ['a', 'b'] }))).toEqual(['a', 'b']);
    expect(stillNode.cloudModels!(zStillParams.parse({ mode: 'local-draft', models: ['a'] }))).toEqual([]);
  });

  it('needs a prompt, and says so', async () => {
    const events: { type: string; message?: string }[] = [];
    const summary = await runGraph({
      doc: graphDoc([node('s', 'still', { mode: 'generate' })]),
      registry: nodeRegistry,
      results: new MemoryResultStore(),
      artifacts: new MemoryArtifactStore(),
      providers: {} as NodeProviders,
      onEvent: (event) => events.push(event),
    });
    expect(summary.status).toBe('failed');
    expect(events.find((event) => event.type === 'nodeFailed')?.message).toBe(
      'Connect a Prompt: an image model needs words to work from.',
    );
  });
});
