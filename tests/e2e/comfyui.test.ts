import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, type GraphDocument } from '../../graph-engine';
import { edge, node } from '../../src/templates/build';
import { startComfyMock, type ComfyMock } from '../mocks/comfyui-mock';
import { cli, probe, providerClip } from './helpers';

let dir: string;
let video: Buffer;
const servers: ComfyMock[] = [];

/** Two local drafts, both kept, each animated by Wan 2.2 on a ComfyUI server, and cut together. */
function wanGraph(seed: number): GraphDocument {
  return createDocument({
    id: `wan-${seed}`,
    name: 'Wan on my GPUs',
    appVersion: 'test',
    now: new Date(),
    nodes: [
      node('prompt', 'prompt', 0, 0, { text: 'a paper boat on a pond' }),
      node('still', 'still', 300, 0, { mode: 'local-draft', count: 2, size: 640, seed }),
      node('pick', 'pick', 600, 0, { keep: 2, autoPick: true }),
      node('animate', 'animate', 900, 0, { models: ['comfy-wan2.2-ti2v-5b'], duration: 5, resolution: '720p' }),
      node('assemble', 'assemble', 1200, 0, {}),
    ],
    edges: [
      edge('prompt.text', 'still.prompt'),
      edge('still.images', 'pick.candidates'),
      edge('pick.kept', 'animate.still'),
      edge('prompt.text', 'animate.prompt'),
      edge('animate.clips', 'assemble.clips'),
    ],
  });
}

function write(doc: GraphDocument): string {
  const path = join(dir, `${doc.id}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

const start = async (options: { waitingPolls?: number; runningPolls?: number } = {}) => {
  const server = await startComfyMock({ video, ...options });
  servers.push(server);
  return server;
};
const prompts = (server: ComfyMock) => server.requests.filter((request) => request === 'POST /prompt').length;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-comfyui-'));
  video = providerClip(dir);
});
afterAll(async () => {
  for (const server of servers) await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ComfyUI servers of one’s own', () => {
  it('renders from the CLI configured only by REELGRAPH_COMFYUI_URLS, a take on each of two servers, for nothing', async () => {
    const [one, two] = [await start(), await start()];
    const env = { REELGRAPH_COMFYUI_URLS: `${one.url},${two.url}` };
    const result = await cli(
      { env },
      'render',
      write(wanGraph(1)),
      '--out',
      join(dir, 'cut.mp4'),
      '--profile',
      join(dir, 'p1'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/cost \$0\.00/);
    // The least-loaded server takes each: one each.
    expect([prompts(one), prompts(two)]).toEqual([1, 1]);
    expect(one.uploads).toHaveLength(1);
    expect(probe(join(dir, 'cut.mp4')).streams.map((stream) => stream.codec_type)).toContain('video');
  });

  it('moves a take still waiting on a server that goes away to the other, and finishes the cut', async () => {
    // A long queue on the first server: its take waits there while the machine goes away.
    const [one, two] = [await start({ waitingPolls: 1_000 }), await start()];
    const env = { REELGRAPH_COMFYUI_URLS: `${one.url},${two.url}` };
    const render = cli(
      { env },
      'render',
      write(wanGraph(2)),
      '--out',
      join(dir, 'moved.mp4'),
      '--profile',
      join(dir, 'p2'),
    );
    await expect.poll(() => prompts(one), { timeout: 120_000, interval: 50 }).toBe(1);
    await one.stop();
    const result = await render;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(prompts(two)).toBe(2);
    expect(probe(join(dir, 'moved.mp4')).streams.map((stream) => stream.codec_type)).toContain('video');
  });
});
