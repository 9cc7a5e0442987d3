import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../graph-engine';
import { edge, graphDoc, node } from '../../graph-engine/test-kit';
import { commitEdit } from './commit';
import {
  addNode,
  applyEdit,
  editTake,
  makeComponentOf,
  connect,
  moveNodes,
  removeEdges,
  removeNodes,
  renameGraph,
  setParams,
  setViewport,
  type Edit,
} from './edits';
import { COALESCE_MS, EMPTY_HISTORY, redoStep, undoStep, type History } from './history';

/** Applies edits as the app does (recording undoable ones), at the given times. */
const edit = (doc: GraphDocument, history: History, change: Edit, at = 0) => commitEdit(doc, history, change, at);

const start = () =>
  graphDoc([node('a', 'prompt', { text: 'fox' }, 0), node('b', 'still', {}, 300)], [edge('a.text', 'b.prompt', 'e1')]);
const content = (doc: GraphDocument) => ({
  name: doc.name,
  nodes: doc.nodes,
  edges: doc.edges,
  components: doc.components,
});

describe('undo history', () => {
  const cases: [string, Edit][] = [
    ['add', addNode(node('c', 'pick', {}, 600))],
    ['delete (with its connections)', removeNodes(new Set(['a']))],
    ['move', moveNodes(new Map([['a', { x: 40, y: 80 }]]))],
    ['connect', connect(edge('a.text', 'b.prompt', 'e2'))],
    ['disconnect', removeEdges(new Set(['e1']))],
    ['param edit', setParams('b', { seed: 9, mode: undefined })],
    ['rename', renameGraph('Reel')],
    ['make component', makeComponentOf(new Set(['a', 'b']))],
  ];
  for (const [name, change] of cases) {
    it(`undoes and redoes a ${name}`, () => {
      const before = start();
      const after = edit(before, EMPTY_HISTORY, change);
      expect(content(after.doc)).not.toEqual(content(before));
      const undone = undoStep(after.history, after.doc)!;
      expect(content(undone.doc)).toEqual(content(before));
      const redone = redoStep(undone.history, undone.doc)!;
      expect(content(redone.doc)).toEqual(content(after.doc));
    });
  }

  it('coalesces typing in one field into one step, but not edits far apart or to other fields', () => {
    let state = { doc: start(), history: EMPTY_HISTORY };
    for (const [at, text] of ['f', 'fo', 'fox!'].entries())
      state = edit(state.doc, state.history, setParams('a', { text }), at * 100);
    expect(state.history.past).toHaveLength(1);
    state = edit(state.doc, state.history, setParams('a', { text: 'later' }), 200 + COALESCE_MS + 1);
    state = edit(state.doc, state.history, setParams('b', { seed: 3 }), 200 + COALESCE_MS + 2);
    expect(state.history.past).toHaveLength(3);
    const back = undoStep(state.history, state.doc)!;
    const backAgain = undoStep(back.history, back.doc)!;
    const toStart = undoStep(backAgain.history, backAgain.doc)!;
    expect(toStart.doc.nodes[0].params.text).toBe('fox');
  });

  it('does not record the viewport, and a new edit clears redo', () => {
    let state = edit(start(), EMPTY_HISTORY, setViewport({ x: 10, y: 20, zoom: 2 }));
    expect(state.history.past).toHaveLength(0);
    expect(state.doc.viewport.zoom).toBe(2);
    state = edit(state.doc, state.history, renameGraph('A'));
    const undone = undoStep(state.history, state.doc)!;
    expect(undone.history.future).toHaveLength(1);
    const fresh = edit(undone.doc, undone.history, renameGraph('B'));
    expect(fresh.history.future).toHaveLength(0);
    expect(redoStep(fresh.history, fresh.doc)).toBeUndefined();
  });

  it('has nothing to undo at the start, and an edit that changes nothing is no step', () => {
    expect(undoStep(EMPTY_HISTORY, start())).toBeUndefined();
    const doc = start();
    expect(applyEdit(doc, setParams('missing', { seed: 1 })).doc).toBe(doc);
    const committed = edit(doc, EMPTY_HISTORY, setParams('missing', { seed: 1 }));
    expect(committed.doc).toBe(doc);
    expect(undoStep(committed.history, doc)).toBeUndefined();
  });

  it('sets a node inside a component for its instance alone: a pick, a dropped take', () => {
    const made = edit(start(), EMPTY_HISTORY, makeComponentOf(new Set(['b'])));
    const instance = made.doc.nodes.find((each) => each.kind === 'component')!;
    let state = edit(made.doc, made.history, setParams(`${instance.id}/b`, { seed: 4 }));
    state = edit(state.doc, state.history, editTake(`${instance.id}/b`, 'take-1', 'drop'));
    expect(state.doc.nodes.find((each) => each.id === instance.id)!.params.inner).toEqual({
      b: { params: { seed: 4 }, takes: { dropped: ['take-1'] } },
    });
    // The definition is the same for every instance: untouched.
    expect(state.doc.components![0].nodes[0].params).toEqual({});
    const once = undoStep(state.history, state.doc)!;
    const twice = undoStep(once.history, once.doc)!;
    expect(twice.doc.nodes.find((each) => each.id === instance.id)!.params.inner).toBeUndefined();
  });
});
