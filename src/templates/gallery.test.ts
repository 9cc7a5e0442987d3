import { describe, expect, it } from 'vitest';
import { parseDocument, validateGraph } from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { TEMPLATES, type Template } from './gallery';
import { NODE_WIDTH, roomFor } from './layout';

describe('the template gallery', () => {
  it.each(TEMPLATES.map((template) => [template.id, template] as const))(
    '%s is a valid graph that survives its own export',
    (_, template) => {
      const doc = template.build();
      expect(validateGraph(doc, nodeRegistry).issues).toEqual([]);
      const parsed = parseDocument(JSON.parse(JSON.stringify(doc)), nodeRegistry);
      expect(parsed.ok && parsed.doc).toEqual(doc);
    },
  );

  it('offers the six templates the gallery promises, each with a description', () => {
    expect(TEMPLATES.map((template) => template.id)).toEqual(
      expect.arrayContaining(['starter', 'photo', 'compare', 'many-takes', 'music-video', 'product-hero']),
    );
    for (const template of TEMPLATES) expect(template.description.length).toBeGreaterThan(10);
  });
});

describe('templates are laid out', () => {
  const boxes = (doc: ReturnType<Template['build']>) =>
    doc.nodes.map((node) => ({ id: node.id, ...node.position, width: NODE_WIDTH, height: roomFor(node) }));

  it.each(TEMPLATES.map((template) => [template.id, template] as const))(
    '%s: no node, grown to what it shows once run, covers another, and every wire runs left to right',
    (_, template) => {
      const doc = template.build();
      const placed = boxes(doc);
      for (const a of placed)
        for (const b of placed)
          if (a.id < b.id)
            expect(
              a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height,
              `${a.id} and ${b.id} overlap`,
            ).toBe(false);
      const at = new Map(placed.map((box) => [box.id, box]));
      for (const edge of doc.edges) expect(at.get(edge.to.node)!.x).toBeGreaterThan(at.get(edge.from.node)!.x);
    },
  );
});
