import { describe, expect, it } from 'vitest';
import { makeComponent } from '../graph-engine';
import { nodeRegistry } from '../nodes';
import { photoGraph, starterGraph } from '../src/templates/starter';
import { preflight } from './preflight';

const options = { path: 'g.json', targets: [] as string[], bindings: [], autoPick: false };

describe('preflight: what a render judges before Chromium', () => {
  it('passes a graph whose every node can run', () => {
    expect(() => preflight(starterGraph('s'), nodeRegistry, options)).not.toThrow();
  });

  it('names the first problem of a needed node, in one line, and counts the rest', () => {
    const doc = starterGraph('s');
    doc.edges.push({ id: 'back', from: { node: 'assemble', port: 'video' }, to: { node: 'audio', port: 'clip' } });
    expect(() => preflight(doc, nodeRegistry, options)).toThrow(
      /^g\.json: node "(assemble|audio)": is part of a cycle .* \(and 1 more; npm run validate lists them all\)$/,
    );
    // Rendering the Pick needs neither node of the cycle.
    expect(() => preflight(doc, nodeRegistry, { ...options, targets: ['pick'] })).not.toThrow();
  });

  it('asks for a file a needed node uses, unless --file gives it', () => {
    const doc = photoGraph('p');
    expect(() => preflight(doc, nodeRegistry, options)).toThrow(
      'g.json: node "photo" needs a PNG, JPEG or WebP image: pass --file photo=<path>',
    );
    const bindings = [{ nodeId: 'photo', mime: 'image/png', path: 'photo.png' }];
    expect(() => preflight(doc, nodeRegistry, { ...options, bindings })).not.toThrow();
    expect(() => preflight(doc, nodeRegistry, { ...options, targets: ['audio'] })).not.toThrow();
  });

  it('asks for a file a node inside a component uses, by its path id, and takes one for that use alone', () => {
    const graph = photoGraph('p');
    const made = makeComponent(
      graph,
      new Set(['photo', 'pick']),
      { component: 'look', instance: 'look' },
      nodeRegistry,
    );
    const doc = { ...graph, ...made! };
    expect(() => preflight(doc, nodeRegistry, options)).toThrow(
      'g.json: node "look/photo" needs a PNG, JPEG or WebP image: pass --file look/photo=<path>',
    );
    const bindings = [{ nodeId: 'look/photo', mime: 'image/png', path: 'photo.png' }];
    expect(() => preflight(doc, nodeRegistry, { ...options, bindings })).not.toThrow();
    // Judged on a copy: the graph itself is not changed.
    expect(doc.nodes.find((node) => node.id === 'look')!.params).toEqual({ component: { id: 'look', version: 1 } });
  });
});
