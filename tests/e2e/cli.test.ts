import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, makeComponent } from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { photoGraph as photoTemplate, starterGraph } from '../../src/templates/starter';
import { cli, ffmpeg, pngSize, probe, psnr } from './helpers';

let dir: string;

function writeGraph(name: string, doc: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

const photoGraph = () =>
  createDocument({
    id: 'photo',
    name: 'Your photo',
    appVersion: 'test',
    now: new Date(),
    nodes: [
      { id: 'photo', kind: 'still', kindVersion: 1, position: { x: 0, y: 0 }, params: { mode: 'upload' } },
      { id: 'pick', kind: 'pick', kindVersion: 1, position: { x: 300, y: 0 }, params: { autoPick: true } },
    ],
    edges: [{ id: 'e', from: { node: 'photo', port: 'images' }, to: { node: 'pick', port: 'candidates' } }],
  });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run render', () => {
  it('renders one node and what it needs, then serves the second run entirely from the profile’s cache', async () => {
    const graph = writeGraph('starter.json', starterGraph('starter'));
    const profile = join(dir, 'profile');
    const first = await cli(
      'render',
      graph,
      '--node',
      'pick',
      '--out',
      join(dir, 'still.png'),
      '--auto-pick',
      '--profile',
      profile,
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/3 nodes executed, 0 from cache/);
    expect(pngSize(join(dir, 'still.png'))).toEqual({ width: 1280, height: 720 });

    const second = await cli(
      'render',
      graph,
      '--node',
      'pick',
      '--out',
      join(dir, 'again.png'),
      '--auto-pick',
      '--profile',
      profile,
    );
    expect(second.stdout).toMatch(/0 nodes executed, 1 from cache/);
    // The same pixels (the PNG also carries the graph that made it, in a text chunk).
    expect(psnr(join(dir, 'again.png'), join(dir, 'still.png'))).toBe(Infinity);
    expect(readFileSync(join(dir, 'again.png')).toString('latin1')).toMatch(
      /iTXtreelgraph\.graph\0{5}\{"format":"reelgraph\.graph"/,
    );
  });

  it('binds a local photo with --file and renders it through the photo graph', async () => {
    const photo = join(dir, 'photo.png');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=640x480', '-frames:v', '1', photo);
    const graph = writeGraph('photo.json', photoGraph());
    const result = await cli(
      'render',
      graph,
      '--out',
      join(dir, 'picked.png'),
      '--file',
      `photo=${photo}`,
      '--profile',
      join(dir, 'profile'),
    );
    expect(result.code).toBe(0);
    expect(psnr(join(dir, 'picked.png'), photo)).toBe(Infinity);
  });

  it('renders the starter as an app from its inputs by name, lists them, and renders the same inputs again from cache', async () => {
    const graph = writeGraph('app.json', starterGraph('app'));
    const listed = await cli('render', graph, '--inputs');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ {2}subject {2}Subject: text; now lighthouse on a cliff$/m);
    const args = (out: string) => [
      'render',
      graph,
      '--input',
      'subject=a red fox at dawn',
      '--input',
      'count=2',
      '--auto-pick',
      '--out',
      join(dir, out),
      '--profile',
      join(dir, 'app-profile'),
    ];
    const first = await cli(...args('fox.mp4'));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/7 nodes executed/);
    expect(Number(probe(join(dir, 'fox.mp4')).format.duration)).toBeCloseTo(4, 1);
    // The MP4 carries the graph as it ran: the subject given.
    expect(readFileSync(join(dir, 'fox.mp4')).toString('latin1')).toContain('a red fox at dawn');
    const second = await cli(...args('fox-again.mp4'));
    expect(second.stdout).toMatch(/0 nodes executed/);
  });

  it('renders the photo template as an app from a photo given as --input photo=@file', async () => {
    const photo = join(dir, 'app-photo.png');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=640x480', '-frames:v', '1', photo);
    const graph = writeGraph('photo-app.json', photoTemplate('photo-app'));
    const listed = await cli('render', graph, '--inputs');
    expect(listed.stdout).toMatch(/^ {2}photo +Your photo: a file, as @path \(a PNG, JPEG or WebP image\)/m);
    const result = await cli(
      'render',
      graph,
      '--input',
      `photo=@${photo}`,
      '--input',
      'zoom=4',
      '--out',
      join(dir, 'photo-app.mp4'),
      '--profile',
      join(dir, 'photo-app-profile'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const made = probe(join(dir, 'photo-app.mp4'));
    expect(Number(made.format.duration)).toBeCloseTo(5, 1);
    // The graph it carries holds the zoom given (the photo goes by its hash, never a path).
    const carried = readFileSync(join(dir, 'photo-app.mp4')).toString('latin1');
    expect(carried).toMatch(/"zoom":4/);
    expect(carried).not.toContain(dir);
  });

  it('binds a photo with --file to a node inside a component, by its path id', async () => {
    const photo = join(dir, 'inside.png');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', photo);
    const flat = photoGraph();
    const made = makeComponent(
      flat,
      new Set(['photo', 'pick']),
      { component: 'yours', instance: 'yours' },
      nodeRegistry,
    );
    const graph = writeGraph('inside.json', { ...flat, ...made });
    const result = await cli(
      'render',
      graph,
      '--out',
      join(dir, 'inside-picked.png'),
      '--file',
      `yours/photo=${photo}`,
      '--profile',
      join(dir, 'profile'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(psnr(join(dir, 'inside-picked.png'), photo)).toBe(Infinity);
  });

  it('binds a local video to a Clip with --file and writes the clip (as it came) and its last frame', async () => {
    // Tagged BT.709, so Chromium and ffmpeg turn it into the same colours; every frame differs (testsrc2 moves).
    const video = join(dir, 'shot.mov');
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360:rate=25',
      '-t',
      '1.2',
      '-vf',
      'scale=out_color_matrix=bt709',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      '-colorspace',
      'bt709',
      '-color_primaries',
      'bt709',
      '-color_trc',
      'bt709',
      video,
    );
    mkdirSync(join(dir, 'shot-frames'));
    ffmpeg('-i', video, join(dir, 'shot-frames', '%02d.png'));
    const frames = readdirSync(join(dir, 'shot-frames')).sort();
    expect(frames).toHaveLength(30);
    const [beforeLast, last] = frames.slice(-2).map((name) => join(dir, 'shot-frames', name));
    const graph = createDocument({
      id: 'clip',
      name: 'Your clip',
      appVersion: 'test',
      now: new Date(),
      nodes: [{ id: 'shot', kind: 'clip', kindVersion: 1, position: { x: 0, y: 0 }, params: {} }],
      edges: [],
    });
    const result = await cli(
      'render',
      writeGraph('clip.json', graph),
      '--out-dir',
      join(dir, 'clip-out'),
      '--file',
      `shot=${video}`,
      '--profile',
      join(dir, 'profile'),
    );
    expect(result.code).toBe(0);
    expect(readdirSync(join(dir, 'clip-out')).sort()).toEqual(['shot.clip.mov', 'shot.last.png']);
    expect(Number(probe(join(dir, 'clip-out', 'shot.clip.mov')).format.duration)).toBeCloseTo(1.2, 1);
    // The last frame, not the one before it.
    const written = join(dir, 'clip-out', 'shot.last.png');
    expect(pngSize(written)).toEqual({ width: 640, height: 360 });
    expect(psnr(written, last)).toBeGreaterThanOrEqual(30);
    expect(psnr(written, last) - psnr(written, beforeLast)).toBeGreaterThanOrEqual(10);
  });

  it('takes and writes a clip over 64 MB, streamed to and from the page', async () => {
    // Noise, barely compressed: 8 s of 640×360 that an ordinary browser decodes, about 75 MB.
    const big = join(dir, 'big.mp4');
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      "nullsrc=s=640x360:r=25,geq=lum='random(1)*255':cb=128:cr=128",
      '-t',
      '8',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-qp',
      '2',
      '-pix_fmt',
      'yuv420p',
      big,
    );
    expect(statSync(big).size).toBeGreaterThan(66 * 1024 * 1024);
    const graph = createDocument({
      id: 'big-clip',
      name: 'A big clip',
      appVersion: 'test',
      now: new Date(),
      nodes: [{ id: 'shot', kind: 'clip', kindVersion: 1, position: { x: 0, y: 0 }, params: {} }],
      edges: [],
    });
    const result = await cli(
      'render',
      writeGraph('big.json', graph),
      '--out-dir',
      join(dir, 'big-out'),
      '--file',
      `shot=${big}`,
      '--profile',
      join(dir, 'big-profile'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const written = join(dir, 'big-out', 'shot.clip.mp4');
    expect(statSync(written).size).toBeGreaterThan(66 * 1024 * 1024);
    expect(Number(probe(written).format.duration)).toBeCloseTo(8, 0);
  });

  it('writes every output of the chosen nodes with --out-dir', async () => {
    const result = await cli(
      'render',
      writeGraph('candidates.json', starterGraph('candidates')),
      '--node',
      'still',
      '--out-dir',
      join(dir, 'all'),
      '--profile',
      join(dir, 'profile'),
    );
    expect(result.code).toBe(0);
    for (let at = 1; at <= 4; at++)
      expect(pngSize(join(dir, 'all', `still.images-${at}.png`))).toEqual({ width: 1280, height: 720 });
  });

  it('keeps what it writes inside --out-dir whatever the node ids say', async () => {
    const doc = starterGraph('escape');
    const rename = (id: string) => (id === 'still' ? '../../../escape' : id);
    doc.nodes = doc.nodes.map((node) => ({ ...node, id: rename(node.id) }));
    doc.edges = doc.edges.map((edge) => ({
      ...edge,
      from: { ...edge.from, node: rename(edge.from.node) },
      to: { ...edge.to, node: rename(edge.to.node) },
    }));
    const outDir = join(dir, 'deep', 'er', 'out');
    const result = await cli(
      'render',
      writeGraph('escape.json', doc),
      '--node',
      '../../../escape',
      '--out-dir',
      outDir,
      '--profile',
      join(dir, 'profile'),
    );
    expect(result.code).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual([1, 2, 3, 4].map((at) => `__.._.._escape.images-${at}.png`));
    expect(readdirSync(dir).filter((name) => name.includes('escape'))).toEqual(['escape.json']);
  });

  it('stops at a Pick with no choice and says how to go on', async () => {
    const result = await cli(
      'render',
      writeGraph('wait.json', starterGraph('wait')),
      '--out',
      join(dir, 'x.png'),
      '--profile',
      join(dir, 'profile'),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(
      /node "pick" is waiting for a pick: store a choice in the graph, or pass --auto-pick/,
    );
  });

  // What is judged before Chromium (every refusal, word for word) is unit-tested in cli/render-plan.test.ts;
  // here, that the command prints it as one line with exit 2, and never starts Chromium for it.
  it('refuses in one line with exit 2, before Chromium starts, what it can judge in Node', async () => {
    const starter = starterGraph('judged');
    const cycle = {
      ...starter,
      edges: [
        ...starter.edges,
        { id: 'back', from: { node: 'assemble', port: 'video' }, to: { node: 'audio', port: 'clip' } },
      ],
    };
    const cases: [string[], RegExp][] = [
      [[join(dir, 'missing.json'), '--out', 'x.png'], /^reelgraph render: \S+missing\.json: no such file\n$/],
      [
        [writeGraph('cycle.json', cycle), '--out', 'x.mp4'],
        /^reelgraph render: \S+cycle\.json: node "\w+": is part of a cycle .*\n$/,
      ],
      [
        [writeGraph('p.json', photoGraph()), '--out', 'x.png', '--file', 'nobody=photo.png'],
        /^reelgraph render: --file nobody=photo\.png: the graph has no node "nobody"\n$/,
      ],
    ];
    for (const [args, reason] of cases) {
      const result = await cli('render', ...args, '--profile', join(dir, 'never-used'));
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(reason);
      // Chromium never started: it prints its start-up time, and the profile folder would exist.
      expect(result.stdout).toBe('');
      expect(readdirSync(dir)).not.toContain('never-used');
    }
    const proc = await cli(
      'render',
      writeGraph('proc.json', starter),
      '--out',
      'x.mp4',
      '--profile',
      '/proc/reelgraph',
    );
    expect([proc.code, proc.stdout]).toEqual([2, '']);
    expect(proc.stderr).toMatch(/^reelgraph render: --profile \/proc\/reelgraph: cannot keep a profile there/);
  });
});

describe('the runner’s plumbing', () => {
  it('serves a production build made once per app version in the cache folder, and prints its start-up time', async () => {
    const cache = join(dir, 'xdg-cache');
    const env = { XDG_CACHE_HOME: cache };
    const graph = writeGraph('build.json', starterGraph('build'));
    const renderPrompt = () =>
      cli(
        { env },
        'render',
        graph,
        '--node',
        'prompt',
        '--out',
        join(dir, 'prompt.txt'),
        '--profile',
        join(dir, 'build-profile'),
      );
    const first = await renderPrompt();
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(
      /^started in [\d.]+ s: built the app for this version in [\d.]+ s, Chromium [\d.]+ s, the app [\d.]+ s$/m,
    );
    const [version] = readdirSync(join(cache, 'reelgraph', 'app'));
    expect(readFileSync(join(cache, 'reelgraph', 'app', version, 'index.html'), 'utf8')).toMatch(
      /<script type="module"[^>]+assets\//,
    );
    const second = await renderPrompt();
    expect(second.stdout).toMatch(/^started in [\d.]+ s: Chromium [\d.]+ s, the app [\d.]+ s$/m);
    expect(readdirSync(join(cache, 'reelgraph', 'app'))).toEqual([version]);
  });

  it('ends with one line and a non-zero exit when Chromium dies mid-render', async () => {
    const profile = join(dir, 'doomed-profile');
    const graph = writeGraph('long.json', starterGraph('long'));
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      'cli/render.ts',
      graph,
      '--out',
      join(dir, 'long.mp4'),
      '--auto-pick',
      '--profile',
      profile,
    ]);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Kill the browser once the app has started: an event in the output, not a guess at the time.
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/started in/.test(stdout)) spawnSync('pkill', ['-KILL', '-f', `user-data-dir=${profile}`]);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(
      /^reelgraph render: Chromium stopped during the render \(the cache keeps every node that finished; run again to go on\)\n$/,
    );
  });
});

describe('npm run validate', () => {
  // What it says of each graph is unit-tested in cli/render-plan.test.ts: here, its exit codes and output.
  it('exits 0 when every node can run and 1 on any problem, printing what it found', async () => {
    const ok = await cli('validate', writeGraph('ok.json', starterGraph('ok')));
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringMatching(/valid: every node can run\n$/)]);
    const doc = starterGraph('bad');
    doc.nodes.push({ id: 'ghost', kind: 'hologram', kindVersion: 1, position: { x: 0, y: 0 }, params: {} });
    const bad = await cli('validate', writeGraph('bad.json', doc));
    expect([bad.code, bad.stdout]).toEqual([1, expect.stringMatching(/unknown kind "hologram"/)]);
  });
});
