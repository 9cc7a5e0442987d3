import { beforeEach, describe, expect, it } from 'vitest';
import { edge, graphDoc, node } from '../../graph-engine/test-kit';
import { useGraphStore } from '../state/graph-store';
import { connectionProblem } from './connection-rules';

const wire = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({
  source,
  sourceHandle,
  target,
  targetHandle,
});

describe('connection rules', () => {
  beforeEach(() => {
    useGraphStore.setState({
      doc: graphDoc(
        [
          node('p', 'prompt'),
          node('s', 'still'),
          node('k', 'pick'),
          node('a', 'animate'),
          node('c', 'camera'),
          node('m', 'assemble'),
          node('n', 'animate'),
        ],
        [
          edge('p.text', 's.prompt'),
          edge('s.images', 'k.candidates'),
          edge('k.chosen', 'a.still'),
          edge('a.clip', 'm.clips'),
        ],
      ),
    });
  });

  it('accepts compatible, free inputs, and many wires into a list input', () => {
    expect(connectionProblem(wire('c', 'camera', 'a', 'camera'))).toBeUndefined();
    expect(connectionProblem(wire('n', 'clip', 'm', 'clips'))).toBeUndefined();
    expect(connectionProblem(wire('p', 'text', 'a', 'prompt'))).toBeUndefined();
  });

  it('refuses a type mismatch, saying what the input accepts', () => {
    expect(connectionProblem(wire('p', 'text', 'k', 'candidates'))).toBe(
      '“candidates” accepts images or videos, not text.',
    );
    expect(connectionProblem(wire('c', 'camera', 'n', 'still'))).toBe('“still (frame one)” accepts image, not camera.');
  });

  it('resolves a Pick’s output to what it picks from', () => {
    expect(connectionProblem(wire('k', 'chosen', 'n', 'still'))).toBeUndefined();
    expect(connectionProblem(wire('k', 'chosen', 'm', 'clips'))).toBe('“clips” accepts video, not image.');
  });

  it('refuses a second wire into a single input', () => {
    expect(connectionProblem(wire('p', 'text', 's', 'prompt'))).toBe('That input is already connected.');
  });

  it('refuses a wire that would close a cycle', () => {
    useGraphStore.setState({
      doc: graphDoc([node('k1', 'pick'), node('k2', 'pick')], [edge('k1.chosen', 'k2.candidates')]),
    });
    expect(connectionProblem(wire('k2', 'chosen', 'k1', 'candidates'))).toBe('That connection would make a cycle.');
  });
});
