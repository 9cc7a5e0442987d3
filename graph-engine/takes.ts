import { contentOf } from './artifacts';
import { canonicalJSON } from './canonical-json';
import type { EdgeDoc, TakeSettings } from './document/schema';
import { sha256Text } from './hash';
import { takeKey } from './cache-key';
import { NodeError, portsOf, type AnyNodeDef } from './node-def';
import type { NodeMapping } from './validate';

/**
 * One execution of a node: one element of each list mapped onto a single input, and one value of
 * its fanned-out param. Each take has its own cache key, progress, cost and fate.
 */
export interface Take {
  /**
   * What the person re-rolls and drops a take by: the items it took and its fanned-out value, so
   * the id outlives an edit to the node's params (the key does not).
   */
  id: string;
  /** Its cache key. */
  key: string;
  /** Its place in the node's outputs: mapped elements in order, the fanned-out values innermost. */
  index: number;
  /** The element it took from each mapped input. */
  at: Readonly<Record<string, number>>;
  /** Its value of the fanned-out param (Animate: the model). */
  fan?: unknown;
  reroll: number;
  dropped: boolean;
  params: unknown;
  inputs: Record<string, unknown>;
}

export interface TakeExpansion {
  def: AnyNodeDef;
  params: unknown;
  /** The gathered inputs: whole lists on the mapped ports. */
  inputs: Record<string, unknown>;
  incoming: readonly EdgeDoc[];
  mapping: NodeMapping | undefined;
  settings: TakeSettings | undefined;
  /** The node's own key, which a node that runs alone keeps for its one take. */
  nodeKey: string;
  /** The value an edge brings (a whole list, on a mapped port). */
  valueOf(edge: EdgeDoc): unknown;
}

/**
 * Whether a node runs as one take under its own key: nothing mapped, re-rolled or dropped, and
 * no pool to draw from. A node that renders or calls a provider is first looked up by the content
 * of what arrives, so a change upstream that leaves its inputs as they were (another take
 * re-rolled, a Pick keeping one more) costs nothing below it.
 */
export function runsAlone(
  def: AnyNodeDef,
  params: unknown,
  mapping: NodeMapping | undefined,
  settings: TakeSettings | undefined,
): boolean {
  return !mapping && !settings?.rerolls && !settings?.dropped && def.resource?.(params) === undefined;
}

/**
 * Splits a node into its takes. Several mapped inputs pair up element by element when their
 * lists have one length (or when asked to), and otherwise combine every element with every other;
 * a fanned-out param multiplies that, its values innermost (a still's takes sit side by side).
 */
export function expandTakes(expansion: TakeExpansion): Take[] {
  const { def, params, inputs, incoming, mapping, settings } = expansion;
  if (runsAlone(def, params, mapping, settings))
    return [
      { id: expansion.nodeKey, key: expansion.nodeKey, index: 0, at: {}, reroll: 0, dropped: false, params, inputs },
    ];

  const ports = mapping?.ports ?? [];
  const lists = ports.map((port) => {
    const list = inputs[port];
    if (!Array.isArray(list) || list.length === 0)
      throw new NodeError(
        `Nothing arrived on "${portsOf(def, params).inputs[port]?.label ?? port}" to run over.`,
        port,
      );
    return list as unknown[];
  });
  const elements = combinations(lists, ports, settings?.combine);
  const fan = mapping?.fan;
  const fanValues = fan ? fan.values : [undefined];
  // Only a node with several takes can drop one: a lone take is the node.
  const canDrop = ports.length > 0 || fanValues.length > 1;
  const takes: Take[] = [];
  for (const at of elements) {
    const takeInputs = { ...inputs };
    ports.forEach((port, axis) => (takeInputs[port] = lists[axis][at[port]]));
    for (const value of fanValues) {
      const takeParams = fan ? { ...(params as Record<string, unknown>), [fan.param]: [value] } : params;
      const keyFor = (reroll: number) =>
        takeKey(
          def,
          takeParams,
          incoming,
          (edge) => (ports.includes(edge.to.port) ? takeInputs[edge.to.port] : expansion.valueOf(edge)),
          reroll,
        );
      // Where it sits, not everything it depends on: a re-roll or a drop outlives an edit to the node's params.
      const id = sha256Text(canonicalJSON({ items: ports.map((port) => contentOf(takeInputs[port])), fan: value }));
      const reroll = settings?.rerolls?.[id] ?? 0;
      takes.push({
        id,
        key: keyFor(reroll),
        index: takes.length,
        at,
        fan: value,
        reroll,
        dropped: canDrop && (settings?.dropped?.includes(id) ?? false),
        params: takeParams,
        inputs: takeInputs,
      });
    }
  }
  return takes;
}

/** How lists of these lengths combine: as asked, else pairwise where they have one length and every combination otherwise. */
export function combineRule(lengths: readonly number[], combine: TakeSettings['combine']): 'pairwise' | 'product' {
  return combine ?? (lengths.every((length) => length === lengths[0]) ? 'pairwise' : 'product');
}

/** How many elements lists of these lengths make under that rule. */
export function elementCount(lengths: readonly number[], combine: TakeSettings['combine']): number {
  if (lengths.length === 0) return 1;
  return combineRule(lengths, combine) === 'pairwise'
    ? lengths[0]
    : lengths.reduce((product, length) => product * length, 1);
}

/** The element of each mapped list every take gets, as index records, in output order. */
function combinations(
  lists: readonly unknown[][],
  ports: readonly string[],
  combine: TakeSettings['combine'],
): Record<string, number>[] {
  if (lists.length === 0) return [{}];
  const lengths = lists.map((list) => list.length);
  const sameLength = lengths.every((length) => length === lengths[0]);
  if (combine === 'pairwise' && !sameLength)
    throw new NodeError(
      `Pairing takes element by element needs lists of one length, but ${ports
        .map((port, axis) => `"${port}" has ${lengths[axis]}`)
        .join(' and ')}; choose "every combination" or make them match.`,
      ports[0],
    );
  if (combineRule(lengths, combine) === 'pairwise')
    return Array.from({ length: lengths[0] }, (_, at) => Object.fromEntries(ports.map((port) => [port, at])));
  let product: Record<string, number>[] = [{}];
  ports.forEach((port, axis) => {
    product = product.flatMap((partial) => lists[axis].map((_, at) => ({ ...partial, [port]: at })));
  });
  return product;
}

/**
 * A mapped node's outputs: each port lists what every take made, in take order, with a take's
 * own list (a Still's candidates) joined in item by item.
 */
export function collectTakeOutputs(
  ports: readonly string[],
  made: readonly Record<string, unknown>[],
): Record<string, unknown[]> {
  const outputs: Record<string, unknown[]> = {};
  for (const port of ports) outputs[port] = made.flatMap((produced) => produced[port] as unknown);
  return outputs;
}
