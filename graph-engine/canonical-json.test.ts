import { describe, expect, it } from 'vitest';
import { canonicalJSON } from './canonical-json';

describe('canonicalJSON', () => {
  it('sorts keys at every depth so key order does not matter', () => {
    expect(canonicalJSON({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJSON({ x: 1, y: 2 })).toBe(canonicalJSON({ y: 2, x: 1 }));
  });

  it('drops undefined members and keeps null', () => {
    expect(canonicalJSON({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('refuses values JSON cannot represent faithfully', () => {
    expect(() => canonicalJSON({ a: NaN })).toThrow(/NaN/);
    expect(() => canonicalJSON({ a: Infinity })).toThrow(/Infinity/);
    expect(() => canonicalJSON({ a: 1n })).toThrow(/bigint/);
  });
});
