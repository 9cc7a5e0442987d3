import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, type GraphDocument } from '../../graph-engine';
import { edge, node } from '../../src/templates/build';
import { MOCK_KEYS, startProviderMock, type ProviderMock } from '../mocks/provider-mock';
import { cli, probe, providerClip } from './helpers';

let dir: string;
let kling: ProviderMock;
let gemini: ProviderMock;
let env: Record<string, string>;

const graph = (id: string, nodes: GraphDocument['nodes'], edges: GraphDocument['edges']) =>
  createDocument({ id, name: id, appVersion: 'test', now: new Date(), nodes, edges });

/** A cloud still from Nano Banana: one synchronous paid call. */
const imageGraph = () =>
  graph(
    'nano-banana',
    [
      node('prompt', 'prompt', 0, 0, { text: 'a fox in snow' }),
      node('still', 'still', 300, 0, { mode: 'generate', models: ['nano-banana-2'], count: 1, size: 1024 }),
    ],
    [edge('prompt.text', 'still.prompt')],
  );

/** A local draft animated by Kling V3 Standard ($0.42 for 5 s). */
const clipGraph = (id = 'kling-shot', text = 'a lighthouse, waves breaking') =>
  graph(
    id,
    [
      node('prompt', 'prompt', 0, 0, { text }),
      node('still', 'still', 300, 0, { mode: 'local-draft', count: 1, size: 640 }),
      node('pick', 'pick', 600, 0, { autoPick: true }),
      node('animate', 'animate', 900, 0, { models: ['kling-v3-std'], duration: 5 }),
    ],
    [
      edge('prompt.text', 'still.prompt'),
      edge('still.images', 'pick.candidates'),
      edge('pick.chosen', 'animate.still'),
      edge('prompt.text', 'animate.prompt'),
    ],
  );

/** One local draft through Kling and Veo, side by side. */
const twoModelGraph = () =>
  graph(
    'two-models',
    [
      node('prompt', 'prompt', 0, 0, { text: 'a red kite over dunes' }),
      node('still', 'still', 300, 0, { mode: 'local-draft', count: 1, size: 640 }),
      node('pick', 'pick', 600, 0, { autoPick: true }),
      node('animate', 'animate', 900, 0, { models: ['kling-v3-std', 'veo-3.1-fast'], duration: 5, resolution: '720p' }),
    ],
    [
      edge('prompt.text', 'still.prompt'),
      edge('still.images', 'pick.candidates'),
      edge('pick.chosen', 'animate.still'),
      edge('prompt.text', 'animate.prompt'),
    ],
  );

/** Local only: costs nothing. */
const localGraph = () =>
  graph(
    'local-stills',
    [
      node('prompt', 'prompt', 0, 0, { text: 'a boat at dusk' }),
      node('still', 'still', 300, 0, { mode: 'local-draft', count: 1, size: 640 }),
    ],
    [edge('prompt.text', 'still.prompt')],
  );

function write(doc: GraphDocument): string {
  const path = join(dir, `${doc.id}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

/**
 * A render in its own process, stopped the moment `mock` has made (and billed) what it was sent,
 * before its answer goes back: by a signal to the runner, or by killing it and its Chromium.
 */
async function renderStopped(mock: ProviderMock, path: string, profile: string, stop: 'SIGINT' | 'SIGKILL') {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/render.ts', path, '--out-dir', join(dir, 'out'), '--max-cost', '1', '--profile', profile],
    { env: { ...process.env, ...env } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  mock.submitDelayMs = 600_000;
  mock.onSubmitted = () => {
    mock.onSubmitted = undefined;
    child.kill(stop);
    if (stop === 'SIGKILL') spawnSync('pkill', ['-KILL', '-f', `user-data-dir=${profile}`]);
  };
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  mock.submitDelayMs = 0;
  return { code, stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-interrupt-'));
  const media = { video: providerClip(dir), image: Buffer.alloc(0) };
  kling = await startProviderMock('kling', { ...media, pendingPolls: 1 });
  gemini = await startProviderMock('gemini', { ...media, pendingPolls: 1 });
  env = {
    KLING_ACCESS_KEY: MOCK_KEYS.accessKey,
    KLING_SECRET_KEY: MOCK_KEYS.secretKey,
    GEMINI_API_KEY: MOCK_KEYS.apiKey,
    REELGRAPH_KLING_BASE_URL: kling.url,
    REELGRAPH_GEMINI_BASE_URL: gemini.url,
  };
});
afterAll(async () => {
  await kling.close();
  await gemini.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an interrupted render', () => {
  it('stops at Ctrl-C with one line and exit 130, says what may have been billed, and never pays for it again', async () => {
    const profile = join(dir, 'sigint-profile');
    const stopped = await renderStopped(gemini, write(imageGraph()), profile, 'SIGINT');
    expect(stopped.code).toBe(130);
    expect(stopped.stderr.trim().split('\n').at(-1)).toMatch(
      /^reelgraph render: stopped by SIGINT: the run was cancelled .*; 1 submit may have been billed: npm run render -- --uncertain lists it$/,
    );
    expect(gemini.submits()).toBe(1);

    const listed = await cli({ env }, 'render', '--uncertain', '--profile', profile);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /^\w{12} {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC {2}gemini · nano-banana-2 \(it was stopped while the request was out\)$/m,
    );

    // The same graph again: the call may have been billed, so it is not sent again on its own.
    const again = await cli(
      { env },
      'render',
      write(imageGraph()),
      '--out-dir',
      join(dir, 'out'),
      '--max-cost',
      '1',
      '--profile',
      profile,
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/may have been made and billed, so Reelgraph will not send it again on its own/);
    // Another graph: only it runs (the profile holds nothing unfinished: the stop settled the queue).
    const other = await cli(
      { env },
      'render',
      write(localGraph()),
      '--out-dir',
      join(dir, 'out'),
      '--profile',
      profile,
    );
    expect(other.stderr).toBe('');
    expect(other.code).toBe(0);
    expect(gemini.submits()).toBe(1);

    const id = /^(\w{12})/m.exec(listed.stdout)![1];
    const forgot = await cli({ env }, 'render', '--forget', id, '--profile', profile);
    expect(forgot.stdout).toMatch(/^forgot \w{12}: the next render that needs it sends it again/);
    expect((await cli({ env }, 'render', '--uncertain', '--profile', profile)).stdout).toMatch(
      /^no submit in this profile may have been billed/,
    );
  });

  it('leaves a killed render’s run to the person: another graph’s render runs alone, and resuming polls what was sent within the caps', async () => {
    const profile = join(dir, 'killed-profile');
    const killed = await renderStopped(kling, write(clipGraph()), profile, 'SIGKILL');
    expect(killed.code).toBe(null);
    expect(kling.submits()).toBe(1);

    const other = await cli(
      { env },
      'render',
      write(localGraph()),
      '--out-dir',
      join(dir, 'out'),
      '--profile',
      profile,
    );
    expect(other.code).toBe(0);
    expect(other.stderr).toMatch(
      /^reelgraph render: this profile holds an unfinished run of “kling-shot”, left by a render that did not finish: not run\. --resume-unfinished runs it first/,
    );
    expect(kling.submits()).toBe(1);

    // Resumed with nothing more allowed to spend: the Kling task it sent counts as spent and is polled, never sent again.
    const resumed = await cli(
      { env },
      'render',
      write(localGraph()),
      '--out-dir',
      join(dir, 'out'),
      '--resume-unfinished',
      '--daily-cap',
      '0.42',
      '--profile',
      profile,
    );
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^resumed “kling-shot”: done, cost \$0\.42$/m);
    expect(kling.submits()).toBe(1);

    // The cap counts what the profile spent: another clip is refused before anything is sent.
    const capped = await cli(
      { env },
      'render',
      write(clipGraph('kling-shot-2', 'a storm at sea')),
      '--out-dir',
      join(dir, 'out'),
      '--max-cost',
      '1',
      '--profile',
      profile,
    );
    expect(capped.code).not.toBe(0);
    expect(capped.stderr).toContain('over your daily cap of $0.42 by $0.42. Nothing was sent.');
    expect(kling.submits()).toBe(1);
  });

  it('writes every take that was made with --out-dir when another may have been billed, and says which failed', async () => {
    const profile = join(dir, 'partial-profile');
    const out = join(dir, 'partial');
    gemini.injectAfterWork('POST', /predictLongRunning$/, {
      status: 500,
      body: { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } },
    });
    const result = await cli(
      { env },
      'render',
      write(twoModelGraph()),
      '--out-dir',
      out,
      '--max-cost',
      '5',
      '--profile',
      profile,
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/^wrote what was made: .*animate\.clip-1\.mp4$/m);
    // One line, saying which take failed and why.
    expect(result.stderr).toMatch(
      /^reelgraph render: node "animate" failed: 1 of 2 takes made, 1 failed \(take 2 \(veo-3\.1-fast\): Gemini API: the veo-3\.1-fast submit at .* may have been made and billed[^\n]*\n$/,
    );
    expect(probe(join(out, 'animate.clip-1.mp4')).streams.map((stream) => stream.codec_type)).toContain('video');
  });
});
