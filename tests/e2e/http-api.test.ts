import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zApp, zRun, type ApiApp, type ApiRun } from '../../cli/api/shapes';
import { ffmpeg, probe } from './helpers';

let dir: string;
let server: ChildProcess;
let base: string;
let token: string;
/** A library template with two versions, saved in the profile before the server starts. */
let kept: { id: string };

/** Keeps the photo app in the profile's library twice, its push-in 1 then 6, as an agent would (over MCP). */
async function keepTemplate(profile: string): Promise<{ id: string }> {
  const client = new Client({ name: 'reelgraph-test', version: '1' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'cli/mcp.ts', '--profile', profile, '--out-dir', join(dir, 'mcp-out')],
      stderr: 'ignore',
    }),
  );
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as {
      content: { text: string }[];
      isError?: boolean;
    };
    if (result.isError) throw new Error(result.content[0].text);
    return JSON.parse(result.content[0].text) as { id: string; version: number };
  };
  try {
    await call('create_graph', { template: 'photo', name: 'Slow push' });
    await call('set_params', { node: 'camera', params: { zoom: 1 } });
    await call('save_template', { name: 'Slow push' });
    await call('set_params', { node: 'camera', params: { zoom: 6 } });
    const saved = await call('save_template', { name: 'Slow push' });
    expect(saved.version).toBe(2);
    return saved;
  } finally {
    await client.close();
  }
}

/** A request as a script sends it: with the token unless told otherwise. */
const call = (path: string, init: RequestInit = {}, withToken = true) =>
  fetch(`${base}${path}`, {
    ...init,
    headers: { ...(withToken ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
  });

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The photo app run on a photo with these fields, as multipart/form-data. */
function photoRun(photo: string, fields: Record<string, string>): RequestInit {
  const form = new FormData();
  form.set('photo', new Blob([readFileSync(photo)], { type: 'image/png' }), 'photo.png');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return { method: 'POST', body: form };
}

/** Follows a run to its end, as a script polls it; each answer judged by the API's own shape. */
async function ended(id: string): Promise<ApiRun> {
  let run: ApiRun | undefined;
  await expect
    .poll(
      async () => {
        run = zRun.parse(await (await call(`/v1/runs/${id}`)).json());
        return run.status;
      },
      { timeout: 240_000, interval: 250 },
    )
    .not.toMatch(/^(queued|running)$/);
  return run!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-api-'));
  kept = await keepTemplate(join(dir, 'profile'));
  const env = { ...process.env };
  delete env.REELGRAPH_API_TOKEN;
  server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'cli/serve.ts',
      '--port',
      '0',
      '--profile',
      join(dir, 'profile'),
      '--out-dir',
      join(dir, 'out'),
    ],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // It says where it listens and the token once Chromium is warm.
  let said = '';
  await new Promise<void>((ready, fail) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (/^token: \S+$/m.test(said)) ready();
    });
    server.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${said}`)));
  });
  base = /(http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(said)![1];
  token = /^token: (\S+)$/m.exec(said)![1];
}, 240_000);
afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server.on('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the local HTTP API', () => {
  it('refuses every request without the token, or with another', async () => {
    for (const [path, init] of [
      ['/v1/apps', {}],
      ['/v1/openapi.json', {}],
      ['/v1/apps/photo/runs', json({})],
    ] as const) {
      const bare = await call(path, init, false);
      expect(bare.status).toBe(401);
      expect(bare.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await bare.json()) as { error: string }).error).toMatch(/Authorization: Bearer/);
      const wrong = await call(path, { ...init, headers: { authorization: `Bearer ${token}x` } }, false);
      expect(wrong.status).toBe(401);
    }
    // A new token each start, long enough not to be guessed.
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('lists the apps with their inputs, and describes itself in OpenAPI', async () => {
    const { apps } = (await (await call('/v1/apps')).json()) as { apps: unknown[] };
    const photo = apps.map((app) => zApp.parse(app)).find((app) => app.id === 'photo');
    expect(photo?.inputs.map((input) => [input.name, input.file])).toEqual([
      ['photo', true],
      ['zoom', false],
      ['soundtrack', false],
    ]);
    expect(photo?.outputs).toEqual([{ name: 'clip', label: 'The clip' }]);
    const openapi = (await (await call('/v1/openapi.json')).json()) as { openapi: string; paths: object };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/v1/apps/{id}/runs');
  });

  it('runs an app twice with different inputs, both complete, and a third identical run executes nothing', async () => {
    const photo = join(dir, 'photo.png');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=640x480', '-frames:v', '1', photo);
    // Both asked for at once: the second waits its turn in the queue.
    const asked = [
      await call('/v1/apps/photo/runs', photoRun(photo, { zoom: '2' })),
      await call('/v1/apps/photo/runs', photoRun(photo, { zoom: '-3', soundtrack: 'pulse' })),
    ];
    for (const answer of asked) {
      expect(answer.status).toBe(202);
      expect(answer.headers.get('location')).toMatch(/^\/v1\/runs\//);
    }
    const [first, second] = await Promise.all(asked.map(async (answer) => ended(zRun.parse(await answer.json()).id)));
    const clips: Buffer[] = [];
    for (const run of [first, second]) {
      expect(run).toMatchObject({ status: 'done', costUsd: 0 });
      expect(run.executed).toContain('animate');
      expect(run.outputs).toEqual([expect.objectContaining({ name: 'clip', mime: 'video/mp4' })]);
      const media = await call(run.outputs[0].url);
      expect(media.status).toBe(200);
      expect(media.headers.get('content-type')).toBe('video/mp4');
      const clip = Buffer.from(await media.arrayBuffer());
      expect(clip.length).toBe(run.outputs[0].bytes);
      const file = join(dir, `${run.id}.mp4`);
      writeFileSync(file, clip);
      expect(Number(probe(file).format.duration)).toBeCloseTo(5, 1);
      clips.push(clip);
    }
    expect(clips[0].equals(clips[1])).toBe(false);

    const again = await ended(
      zRun.parse(await (await call('/v1/apps/photo/runs', photoRun(photo, { zoom: '2' }))).json()).id,
    );
    expect(again).toMatchObject({ status: 'done', executed: [] });
    expect(again.fromCache.length).toBeGreaterThan(0);
    expect((await call(again.outputs[0].url)).status).toBe(200);
  });

  it('serves a library template by version: the newest by default, an older one by its number', async () => {
    const { apps } = (await (await call('/v1/apps')).json()) as { apps: ApiApp[] };
    const listed = apps.find((app) => app.id === kept.id);
    expect(listed).toMatchObject({ name: 'Slow push', version: 2, builtIn: false });
    const zoomOf = (app: ApiApp) => app.inputs.find((input) => input.name === 'zoom')?.now;
    expect(zoomOf(listed!)).toBe('6');
    const path = `/v1/apps/${encodeURIComponent(kept.id)}`;
    const first = zApp.parse(await (await call(`${path}/versions/1`)).json());
    expect([first.version, zoomOf(first)]).toEqual([1, '1']);
    expect((await call(`${path}/versions/3`)).status).toBe(404);
    expect((await call('/v1/apps/photo/versions/1')).status).toBe(404);

    const photo = join(dir, 'kept.png');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', photo);
    const run = await ended(zRun.parse(await (await call(`${path}/versions/1/runs`, photoRun(photo, {}))).json()).id);
    expect(run).toMatchObject({ status: 'done', app: { id: kept.id, version: 1, name: 'Slow push' } });
  });

  it('takes typed inputs as JSON, and ends a run at a Pick unless asked to pick', async () => {
    const waiting = await ended(
      zRun.parse(await (await call('/v1/apps/starter/runs', json({ inputs: { count: 2, subject: 'a fox' } }))).json())
        .id,
    );
    expect(waiting.status).toBe('waiting');
    expect(waiting.error).toMatch(/stopped at "pick" for a pick: run again with auto_pick/);
    const picked = await ended(
      zRun.parse(
        await (
          await call('/v1/apps/starter/runs', json({ inputs: { count: 2, subject: 'a fox' }, auto_pick: true }))
        ).json(),
      ).id,
    );
    expect(picked.status).toBe('done');
    expect(picked.fromCache).toContain('still');
    expect(picked.outputs.map((output) => output.name)).toEqual(['cut']);
  });

  it('says what is wrong with a request, naming the input, before anything runs', async () => {
    const refusal = async (path: string, init: RequestInit) => {
      const answer = await call(path, init);
      return { status: answer.status, error: ((await answer.json()) as { error: string }).error };
    };
    expect(await refusal('/v1/apps/photo/runs', json({ inputs: { zoom: 99 } }))).toEqual({
      status: 400,
      error: expect.stringMatching(/^input zoom=99: Push in takes a number from -10 to 10/),
    });
    // A path is never read from this computer: a file comes as a file part.
    expect(await refusal('/v1/apps/photo/runs', json({ inputs: { photo: '@/etc/hostname' } }))).toEqual({
      status: 400,
      error: expect.stringMatching(/^input photo=@\/etc\/hostname: Your photo takes a file, as a multipart/),
    });
    expect(await refusal('/v1/apps/photo/runs', json({}))).toEqual({
      status: 400,
      error: expect.stringMatching(/^input photo: Your photo takes a file, .*; none was sent$/),
    });
    expect((await refusal('/v1/apps/photo/runs', json({ max_cost: -1 }))).error).toMatch(/^max_cost: /);
    expect((await refusal('/v1/apps/photo/runs', json({ inputs: { colour: 'red' } }))).error).toMatch(
      /^input colour: no such input; "Animate your own photo" takes photo, zoom, soundtrack$/,
    );
    expect((await refusal('/v1/apps/photo/runs', { method: 'POST', body: 'zoom=2' })).status).toBe(415);
    // A multipart request is judged as closely: its own fields, and a file sent where text is taken (named as sent, never as kept here).
    const photo = join(dir, 'judged.png');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', photo);
    expect(await refusal('/v1/apps/photo/runs', photoRun(photo, { auto_pick: 'yes please' }))).toEqual({
      status: 400,
      error: 'auto_pick: expected true or false',
    });
    expect((await refusal('/v1/apps/photo/runs', photoRun(photo, { max_cost: '0x10' }))).error).toMatch(
      /^max_cost: expected a number of dollars/,
    );
    const misplaced = new FormData();
    misplaced.set('zoom', new Blob([readFileSync(photo)], { type: 'image/png' }), 'zoom.png');
    expect(await refusal('/v1/apps/photo/runs', { method: 'POST', body: misplaced })).toEqual({
      status: 400,
      error: 'input zoom=@zoom.png: Push in takes a number from -10 to 10',
    });
    const crowded = new FormData();
    for (let n = 0; n < 201; n++) crowded.append(`field${n}`, 'x');
    expect((await refusal('/v1/apps/photo/runs', { method: 'POST', body: crowded })).status).toBe(413);
    expect((await refusal('/v1/runs/%E0%A4%A', {})).status).toBe(400);
    expect(await refusal('/v1/apps/nothing-like-it/runs', json({}))).toEqual({
      status: 404,
      error: 'no app "nothing-like-it": GET /v1/apps lists them',
    });
    expect((await refusal('/v1/runs/nothing-like-it', {})).status).toBe(404);
    expect((await refusal('/v1/apps/photo/runs', {})).status).toBe(405);
  });
});
