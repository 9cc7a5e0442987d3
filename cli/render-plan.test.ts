import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoGraph, starterGraph } from '../src/templates/starter';
import { CliError } from './cli-error';
import { parseCommandLine, planRender, prepareProfile, type RenderOptions } from './render-plan';
import { printable } from './terminal';
import { validateReport } from './validate-report';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-plan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeGraph(name: string, doc: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

/** What a render with these arguments is refused for, before Chromium: the one line it prints. */
function refusal(...args: string[]): string {
  try {
    const options = parseCommandLine(args);
    if ('uncertain' in options) return 'not refused';
    planRender(options as RenderOptions);
    return 'not refused';
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    expect(error.message).not.toMatch(/\n\s+at /);
    return error.message.split('\n')[0];
  }
}

describe('what npm run render refuses before Chromium starts', () => {
  it('bad arguments and files, each in one line', () => {
    const notImage = join(dir, 'notes.png');
    writeFileSync(notImage, 'these are my notes, not a picture');
    const photo = writeGraph('p.json', photoGraph('p'));
    expect(refusal(join(dir, 'missing.json'), '--out', 'x.png')).toMatch(/missing\.json: no such file$/);
    expect(refusal(dir, '--out', 'x.png')).toMatch(/is a folder, not a graph file$/);
    expect(refusal(writeGraph('junk.json', { hello: 'world' }), '--out', 'x.png')).toMatch(
      /not a valid graph: format: this is not a Reelgraph graph/,
    );
    expect(refusal(photo, '--out', 'x.png', '--file', 'nobody=photo.png')).toMatch(/the graph has no node "nobody"/);
    expect(refusal(photo, '--out', 'x.png', '--file', `photo=${join(dir, 'absent.png')}`)).toMatch(
      /cannot read it \(ENOENT\)/,
    );
    expect(refusal(photo, '--out', 'x.png', '--file', `photo=${notImage}`)).toMatch(
      /^--file photo=\S+notes\.png: This file is not a PNG, JPEG or WebP image/,
    );
    expect(refusal(photo, '--out', 'x.png', '--file', 'photo')).toBe('--file photo: expected <nodeId>=<path>');
    expect(refusal(photo, '--out', 'x.png', '--node', 'ghost')).toBe('--node ghost: the graph has no node "ghost"');
    expect(refusal(writeGraph('s.json', starterGraph('s')))).toMatch(/^give exactly one of --out and --out-dir/);
    expect(refusal(photo, '--out', 'x.png', '--resume-unfinished', '--drop-unfinished')).toBe(
      'give at most one of --resume-unfinished and --drop-unfinished',
    );
    expect(refusal(photo, '--out', 'x.png', '--max-cost', 'lots')).toBe(
      '--max-cost lots: expected dollars, e.g. --max-cost 5',
    );
    expect(refusal(photo, '--colour')).toMatch(/Unknown option '--colour'/);
  });

  it('graphs that cannot run, files a node cannot take, devices and empty caps', () => {
    const starter = starterGraph('judged');
    const cycle = {
      ...starter,
      edges: [
        ...starter.edges,
        { id: 'back', from: { node: 'assemble', port: 'video' }, to: { node: 'audio', port: 'clip' } },
      ],
    };
    const unknown = {
      ...starter,
      nodes: [
        ...starter.nodes,
        { id: 'grade', kind: 'color-grade', kindVersion: 1, position: { x: 0, y: 0 }, params: {} },
      ],
      edges: [
        ...starter.edges,
        { id: 'g', from: { node: 'animate', port: 'clip' }, to: { node: 'grade', port: 'clip' } },
      ],
    };
    // An iPhone photo: an ISO media file whose brand says HEIC.
    const heic = join(dir, 'IMG_0042.HEIC');
    writeFileSync(
      heic,
      Buffer.concat([
        Buffer.from('00000018667479706865696300000000', 'hex'),
        Buffer.from('mif1heic'),
        Buffer.alloc(2000),
      ]),
    );
    expect(refusal(writeGraph('cycle.json', cycle), '--out', 'x.mp4')).toMatch(
      /^\S+cycle\.json: node "\w+": is part of a cycle \("\w+" → .*\); a graph must flow one way \(and \d more; npm run validate lists them all\)$/,
    );
    expect(refusal(writeGraph('unknown.json', unknown), '--out', 'x.mp4')).toMatch(
      /^\S+unknown\.json: node "grade": unknown node kind "color-grade"; this app cannot run it$/,
    );
    expect(refusal(writeGraph('nofile.json', photoGraph('p')), '--out', 'x.png')).toMatch(
      /^\S+nofile\.json: node "photo" needs a PNG, JPEG or WebP image: pass --file photo=<path>$/,
    );
    expect(refusal(writeGraph('heic.json', photoGraph('p')), '--out', 'x.png', '--file', `photo=${heic}`)).toMatch(
      /^--file photo=\S+IMG_0042\.HEIC: This is a HEIC image, which browsers cannot decode: convert it to JPEG or PNG/,
    );
    expect(refusal(writeGraph('audio.json', starter), '--out', 'x.mp4', '--file', 'audio=song.png')).toBe(
      '--file audio=song.png: an Audio node takes a WAV, MP3, M4A, OGG or FLAC sound file',
    );
    expect(refusal(writeGraph('prompt.json', starter), '--out', 'x.mp4', '--file', 'prompt=a.txt')).toBe(
      '--file prompt=a.txt: node "prompt" is a Prompt node, which takes no file',
    );
    expect(refusal(writeGraph('two.json', starter), '--out', 'x.mp4', '--node', 'still', '--node', 'pick')).toMatch(
      /^the graph has 2 final nodes \(still, pick\); use --out-dir to write each$/,
    );
    // A device read without end, and an empty cap that would be saved as $0.
    expect(refusal('/dev/zero', '--out', 'x.mp4')).toBe('/dev/zero is not a regular file');
    expect(refusal(writeGraph('cap.json', starter), '--out', 'x.mp4', '--graph-cap', '')).toBe(
      '--graph-cap : expected dollars, e.g. --graph-cap 5',
    );
    // Nothing was made on the way: no profile folder, nothing written beside the graphs.
    expect(readdirSync(dir).every((name) => /\.(json|png|HEIC)$/.test(name))).toBe(true);
  });

  it('passes what can run, with the nodes whose media is written', () => {
    const options = parseCommandLine([writeGraph('ok.json', starterGraph('ok')), '--out', 'cut.mp4']);
    expect(planRender(options as RenderOptions).finals).toEqual(['assemble']);
    expect([...(options as RenderOptions).formats]).toEqual(['mp4']);
  });

  it('writes a cut for an editor in the format its --out extension or --formats names, an Assemble’s only', () => {
    const starter = writeGraph('handoff.json', starterGraph('handoff'));
    expect([...(parseCommandLine([starter, '--out', 'cut.otio']) as RenderOptions).formats]).toEqual(['otio']);
    expect([...(parseCommandLine([starter, '--out', 'cut.XML']) as RenderOptions).formats]).toEqual(['fcp7xml']);
    const both = parseCommandLine([starter, '--out-dir', 'o', '--formats', 'otio, fcp7xml']) as RenderOptions;
    expect([...both.formats]).toEqual(['otio', 'fcp7xml']);
    expect(planRender(both).finals).toEqual(['assemble']);
    expect(refusal(starter, '--out', 'x.otio', '--formats', 'otio')).toBe(
      '--formats goes with --out-dir (with --out, the file name says the format)',
    );
    expect(refusal(starter, '--out-dir', 'o', '--formats', 'mp4,edl')).toBe(
      '--formats mp4,edl: “edl” is none of mp4, otio, fcp7xml',
    );
    expect(refusal(starter, '--out', 'x.xml', '--node', 'still')).toBe(
      '--out x.xml: only an Assemble\'s cut goes to an editor; "still" is a Still node',
    );
    expect(refusal(starter, '--out-dir', 'o', '--node', 'still', '--formats', 'otio')).toBe(
      "--formats: otio and fcp7xml are an Assemble's cut, and no final node is an Assemble (name one with --node)",
    );
  });

  it('says at once where no profile can be kept, never waiting on it', () => {
    expect(() => prepareProfile('/proc/reelgraph')).toThrow(
      /^--profile \/proc\/reelgraph: cannot keep a profile there \((ENOENT|EACCES|EPERM)\)$/,
    );
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(() => prepareProfile(join(file, 'profile'))).toThrow(/cannot keep a profile there \((ENOTDIR|EEXIST)\)/);
    const fresh = join(dir, 'new', 'profile');
    prepareProfile(fresh);
    expect(readdirSync(fresh)).toEqual([]);
  });
});

describe('npm run validate', () => {
  it('describes a graph every node of which can run, and exits 0', () => {
    const { lines, code } = validateReport(writeGraph('ok.json', starterGraph('ok')));
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(
      /7 nodes \(1 prompt, 1 still, 1 pick, 1 camera, 1 animate, 1 audio, 1 assemble\), 7 connections/,
    );
    expect(lines.at(-1)).toBe('  ✓ valid: every node can run');
  });

  it('lists every problem and exits non-zero', () => {
    const doc = starterGraph('bad');
    doc.edges = [];
    doc.nodes.push({ id: 'ghost', kind: 'hologram', kindVersion: 1, position: { x: 0, y: 0 }, params: {} });
    const { lines, code } = validateReport(writeGraph('bad.json', doc));
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/node "pick" · candidates: needs an input on "candidates"/);
    expect(lines.join('\n')).toMatch(/unknown kind "hologram"/);
  });

  it('prints graph strings without their control characters', () => {
    const doc = starterGraph('ansi');
    doc.name = 'Trailer \u001b]0;owned\u0007\u001b[2J';
    doc.nodes.push({ id: 'x\u001b[31m', kind: 'hologram', kindVersion: 1, position: { x: 0, y: 0 }, params: {} });
    const printed = validateReport(writeGraph('ansi.json', doc))
      .lines.map((line) => printable(line))
      .join('\n');
    expect([...printed].filter((char) => char < ' ' && char !== '\n' && char !== '\t')).toEqual([]);
    expect(printed).toContain('“Trailer �]0;owned��[2J”');
    expect(printed).toContain('node "x�[31m"');
  });

  it('says a file it cannot read in one line', () => {
    expect(() => validateReport(join(dir, 'absent.json'))).toThrow(/absent\.json: cannot read it \(ENOENT\)/);
  });
});
