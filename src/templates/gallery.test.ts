import { describe, expect, it } from 'vitest';
import { parseDocument, validateGraph } from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { TEMPLATES } from './gallery';

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
