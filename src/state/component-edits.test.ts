import { describe, expect, it } from 'vitest';
import { flattenComponents, type GraphDocument } from '../../graph-engine';
import { edge, graphDoc, node } from '../../graph-engine/test-kit';
import { applyEdit, makeComponentOf, setDefinitionParams, setInstanceValue, showOnComponent, type Edit } from './edits';

/** A prompt into a still, the still made a component and used twice. */
function twoUses(): { doc: GraphDocument; first: string; second: string; ref: { id: string; version: number } } {
  let doc = graphDoc(
    [node('a', 'prompt', { text: 'fox' }, 0), node('b', 'still', { count: 2 }, 300)],
    [edge('a.text', 'b.prompt', 'e1')],
  );
  const made = makeComponentOf(new Set(['b']));
  doc = applyEdit(doc, made).doc;
  const copy = { ...doc.nodes.find((each) => each.id === made.instance)!, id: 'copy' };
  doc = { ...doc, nodes: [...doc.nodes, copy], edges: [...doc.edges, edge('a.text', 'copy.prompt', 'e2')] };
  const [def] = doc.components!;
  return { doc, first: made.instance, second: 'copy', ref: { id: def.id, version: def.version } };
}

const apply = (doc: GraphDocument, ...edits: Edit[]) =>
  edits.reduce((each, change) => applyEdit(each, change).doc, doc);
const innerParams = (doc: GraphDocument, id: string) =>
  flattenComponents(doc).nodes.find((each) => each.id === id)!.params;

describe('editing a component', () => {
  it('changes every use of it with one edit to a setting inside', () => {
    const { doc, first, second, ref } = twoUses();
    const edited = apply(doc, setDefinitionParams(ref, 'b', { count: 3 }));
    expect(innerParams(edited, `${first}/b`).count).toBe(3);
    expect(innerParams(edited, `${second}/b`).count).toBe(3);
  });

  it('shows a setting on the component, so each use sets its own, and names a second one apart', () => {
    const { doc, first, second, ref } = twoUses();
    const shown = apply(
      doc,
      showOnComponent(ref, 'b', 'count', true, 'Still · Count'),
      showOnComponent(ref, 'b', 'count', true, 'Still · Count'),
      setInstanceValue(second, 'count', 4),
    );
    expect(shown.components![0].params).toEqual([{ name: 'count', label: 'Still · Count', node: 'b', param: 'count' }]);
    expect(innerParams(shown, `${first}/b`).count).toBe(2);
    expect(innerParams(shown, `${second}/b`).count).toBe(4);
    // No longer shown: every use runs the component's own value again; what the copy had set is kept.
    const hidden = apply(shown, showOnComponent(ref, 'b', 'count', false, ''));
    expect(innerParams(hidden, `${second}/b`).count).toBe(2);
    expect(hidden.nodes.find((each) => each.id === second)!.params.values).toEqual({ count: 4 });
  });
});
