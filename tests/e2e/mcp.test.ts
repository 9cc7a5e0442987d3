import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_KEYS, startProviderMock, type ProviderMock } from '../mocks/provider-mock';
import { ffmpeg, probe, providerClip } from './helpers';

let dir: string;
let client: Client;
let kling: ProviderMock;

/** The server as the README registers it with an MCP client: its `mcpServers` JSON, with this repository's path. */
function registered(): { command: string; args: string[] } {
  const block = /```json\n(\{\n {2}"mcpServers"[\s\S]*?)```/.exec(readFileSync('README.md', 'utf8'))?.[1];
  if (!block) throw new Error('the README shows no mcpServers JSON');
  const { command, args } = (JSON.parse(block) as { mcpServers: Record<string, { command: string; args: string[] }> })
    .mcpServers.reelgraph;
  return { command, args: args.map((arg) => (arg === '/path/to/reelgraph' ? process.cwd() : arg)) };
}

/** Calls a tool as an agent does: its text answer parsed where it is JSON, and whether it was refused. */
async function call(name: string, args: Record<string, unknown> = {}) {
  const result = (await client.callTool({ name, arguments: args }, undefined, { timeout: 240_000 })) as {
    content: { type: string; text: string }[];
    isError?: boolean;
  };
  const text = result.content[0].text;
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Plain words: a refusal, or a sentence.
  }
  return { value: value as never, text, refused: result.isError === true };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-mcp-'));
  kling = await startProviderMock('kling', { video: providerClip(dir), image: Buffer.alloc(0), pendingPolls: 1 });
  client = new Client({ name: 'reelgraph-test', version: '1' });
  const { command, args } = registered();
  await client.connect(
    new StdioClientTransport({
      command,
      args: [...args, '--', '--profile', join(dir, 'profile'), '--out-dir', join(dir, 'out')],
      stderr: 'ignore',
      // Kling keys from the environment, as a person's would be, and Kling's mock in its place: a run on Kling is priced, capped and counted.
      env: {
        ...(process.env as Record<string, string>),
        KLING_ACCESS_KEY: MOCK_KEYS.accessKey,
        KLING_SECRET_KEY: MOCK_KEYS.secretKey,
        REELGRAPH_KLING_BASE_URL: kling.url,
      },
    }),
  );
}, 120_000);
afterAll(async () => {
  await client?.close();
  await kling?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the MCP server', () => {
  it('lists its tools, each with an input schema, and no tool takes a key', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'app_inputs',
      'bind_file',
      'create_graph',
      'edit_graph',
      'estimate',
      'list_models',
      'list_templates',
      'read_graph',
      'read_ledger',
      'run',
      'run_status',
      'save_outputs',
      'save_template',
      'set_inputs',
      'set_params',
    ]);
    for (const tool of tools) expect(JSON.stringify(tool.inputSchema)).not.toMatch(/key|token|secret/i);
    const models = (await call('list_models')).value as { id: string; price: unknown }[];
    expect(models.find((model) => model.id === 'kling-v3-std')?.price).toBeDefined();
  });

  it('makes a graph from a template, edits it, refuses what does not fit, runs it under a cost cap and saves the cut', async () => {
    const templates = (await call('list_templates')).value as { builtIn: { id: string }[] };
    expect(templates.builtIn.map((template) => template.id)).toContain('starter');
    const made = await call('create_graph', { template: 'starter', name: 'Fox' });
    expect(made.refused).toBe(false);
    const graph = made.value as { name: string; nodes: { id: string; kind: string }[]; wires: string[] };
    expect(graph.name).toBe('Fox');
    expect(graph.wires).toContain('prompt.text -> still.prompt');

    // Each edit checked against the node's kind first, refused with the reason and changing nothing.
    const tooMany = await call('set_params', { node: 'still', params: { count: 99 } });
    expect(tooMany.refused).toBe(true);
    expect(tooMany.text).toMatch(/^node "still": count: /);
    const wrongWire = await call('edit_graph', { connect: [{ from: 'audio.audio', to: 'animate.still' }] });
    expect(wrongWire.refused).toBe(true);
    expect(wrongWire.text).toMatch(/^not edited: node "animate" · still: /);
    expect((await call('set_params', { node: 'still', params: { count: 2 } })).refused).toBe(false);
    await call('set_params', { node: 'prompt', params: { variables: { subject: 'a red fox at dawn' } } });

    const estimate = (await call('estimate')).value as { totalUsd: number; toRun: string[] };
    expect(estimate.totalUsd).toBe(0);
    expect(estimate.toRun).toContain('assemble');

    const ran = await call('run', { max_cost: 0, auto_pick: true });
    expect(ran.refused).toBe(false);
    expect(ran.value).toMatchObject({ status: 'done', costUsd: 0 });
    const saved = (await call('save_outputs')).value as { path: string; mime: string }[];
    expect(saved).toEqual([expect.objectContaining({ mime: 'video/mp4' })]);
    expect(saved[0].path.startsWith(join(dir, 'out'))).toBe(true);
    expect(Number(probe(saved[0].path).format.duration)).toBeCloseTo(4, 1);

    // The same run again executes nothing: the cache is the app's.
    const again = (await call('run', { max_cost: 0 })).value as { executed: string[] };
    expect(again.executed).toEqual([]);
  });

  it('sends a paid run to the provider only within max_cost: refused above it with nothing sent, then sent once, never twice', async () => {
    await call('create_graph', { template: 'starter', name: 'On Kling' });
    await call('set_params', { node: 'still', params: { count: 1 } });
    await call('set_params', { node: 'animate', params: { models: ['kling-v3-std'] } });
    const estimate = (await call('estimate')).value as { totalUsd: number };
    expect(estimate.totalUsd).toBeGreaterThan(0.1);
    const over = await call('run', { max_cost: 0.1, auto_pick: true });
    expect(over.refused).toBe(true);
    expect(over.text).toMatch(/above max_cost \$0\.10; nothing was sent/);
    expect(kling.requests.filter((request) => request.method === 'POST')).toEqual([]);

    const ran = (await call('run', { max_cost: 1, auto_pick: true })).value as { status: string; costUsd: number };
    expect(ran).toMatchObject({ status: 'done', costUsd: estimate.totalUsd });
    expect(kling.submits()).toBe(1);
    const ledger = (await call('read_ledger')).value as { provider: string; model: string }[];
    expect(ledger).toEqual([expect.objectContaining({ provider: 'kling', model: 'kling-v3-std' })]);
    // Asked again, it is all in the cache: nothing is sent, nothing billed.
    const again = (await call('run', { max_cost: 1 })).value as { executed: string[]; costUsd: number };
    expect(again).toMatchObject({ executed: [], costUsd: 0 });
    expect(kling.submits()).toBe(1);
  });

  it('refuses a run over its cost cap before anything is sent, and binds a local photo to a node', async () => {
    await call('create_graph', { template: 'compare' });
    const over = await call('run', { max_cost: 0.01 });
    expect(over.refused).toBe(true);
    expect(over.text).toMatch(/above max_cost \$0\.01; nothing was sent/);
    expect(((await call('read_ledger')).value as unknown[]).length).toBeLessThanOrEqual(1);

    await call('create_graph', { template: 'photo' });
    const photo = join(dir, 'photo.png');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', photo);
    const bound = await call('bind_file', { node: 'photo', path: photo });
    expect(bound.text).toMatch(/node "photo" now holds .*photo\.png \(image\/png\)/);
    const refusedFile = await call('bind_file', { node: 'camera', path: photo });
    expect(refusedFile.refused).toBe(true);
    expect(refusedFile.text).toMatch(/takes no file/);
  });

  it('runs a template as an app from its inputs by name: a value that does not fit is refused, naming what it takes', async () => {
    await call('create_graph', { template: 'photo' });
    expect((await call('app_inputs')).text).toMatch(/^ {2}photo +Your photo: a file, as @path/m);
    const far = await call('set_inputs', { inputs: { zoom: '99' } });
    expect(far.refused).toBe(true);
    expect(far.text).toMatch(/^input zoom=99: Push in takes a number from -10 to 10/);
    const photo = join(dir, 'app.png');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=640x480', '-frames:v', '1', photo);
    const set = await call('set_inputs', { inputs: { photo: `@${photo}`, zoom: '4' } });
    expect(set.refused).toBe(false);
    expect(set.text).toMatch(/^ {2}zoom +Push in: .*; now 4$/m);
    expect((await call('run', { max_cost: 0 })).value).toMatchObject({ status: 'done' });
    const [clip] = (await call('save_outputs')).value as { path: string }[];
    expect(Number(probe(clip.path).format.duration)).toBeCloseTo(5, 1);
  });

  it('ends a run at a Pick: a pick made later runs nothing until run is asked again, under its own max_cost', async () => {
    await call('create_graph', { template: 'starter', name: 'Picked' });
    const waiting = (await call('run', { max_cost: 0 })).value as { status: string; waitingAt: string[]; next: string };
    expect(waiting).toMatchObject({ status: 'waiting', waitingAt: ['pick'] });
    expect(waiting.next).toMatch(/run again/);
    await call('set_params', { node: 'pick', params: { picks: [{ index: 1 }] } });
    const graph = (await call('read_graph')).value as { nodes: { id: string; status: string }[] };
    expect(graph.nodes.find((node) => node.id === 'assemble')?.status).not.toBe('done');
    const ran = (await call('run', { max_cost: 0 })).value as { status: string; fromCache: string[] };
    expect(ran.status).toBe('done');
    expect(ran.fromCache).toContain('still');
  });

  it('keeps the open graph in the library as a template, lists it, and starts a new graph from it', async () => {
    await call('create_graph', { template: 'starter', name: 'Heron' });
    await call('set_params', { node: 'prompt', params: { variables: { subject: 'a heron in fog' } } });
    const saved = (await call('save_template', { name: 'Heron look' })).value as { id: string; version: number };
    expect(saved.version).toBe(1);
    const listed = (await call('list_templates')).value as { library: { id: string; name: string }[] };
    expect(listed.library).toEqual([expect.objectContaining({ id: saved.id, name: 'Heron look', version: 1 })]);
    const made = (await call('create_graph', { template: saved.id })).value as {
      id: string;
      nodes: { id: string; params: Record<string, unknown> }[];
    };
    expect(made.nodes.find((node) => node.id === 'prompt')?.params.variables).toEqual({ subject: 'a heron in fog' });
    expect((await call('create_graph', { template: 'nothing-like-it' })).text).toMatch(
      /^no template "nothing-like-it"/,
    );
  });

  it('starts a run without waiting for it, and follows it to its end', async () => {
    await call('create_graph', { template: 'starter', name: 'Followed' });
    await call('set_params', { node: 'still', params: { count: 2, seed: 7 } });
    const started = await call('run', { max_cost: 0, auto_pick: true, wait: false });
    expect(started.value).toMatchObject({ status: 'started', estimateUsd: 0 });
    // A second one while it runs is refused, not queued behind it.
    const busy = await call('run', { max_cost: 0, wait: false });
    if (busy.refused) expect(busy.text).toMatch(/still going: follow it with run_status/);
    await expect
      .poll(async () => ((await call('run_status')).value as { status: string }).status, { timeout: 120_000 })
      .toBe('done');
    const ended = (await call('run_status')).value as { nodes: Record<string, string>; executed: string[] };
    expect(ended.nodes.assemble).toBe('done');
    expect(ended.executed).toContain('assemble');
  });
});
