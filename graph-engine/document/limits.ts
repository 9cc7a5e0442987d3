import type { DocIssue } from './issues';

/**
 * How much an untrusted graph may hold before it is read any further. Caps are checked before
 * the schema (which would otherwise walk, and the app draw, whatever arrives): text length,
 * nesting depth (a 5,000-deep value parses, then fails to store), and node count.
 */
export interface IntakeLimits {
  /** Characters of JSON text. */
  maxText: number;
  /** Levels of arrays and objects, the document itself being the first. */
  maxDepth: number;
  maxNodes: number;
  /** Where such a graph comes from, as a refusal says it. */
  from: string;
}

/** Files, pasted JSON, the CLI and saved graphs: generous for real pipelines, far below what freezes a tab. */
export const FILE_LIMITS: IntakeLimits = { maxText: 32 * 1024 * 1024, maxDepth: 64, maxNodes: 10_000, from: 'a file' };
/** A share link opens from any website, so it may carry far less. */
export const LINK_LIMITS: IntakeLimits = {
  maxText: 1024 * 1024,
  maxDepth: 64,
  maxNodes: 1_000,
  from: 'a link (share a bigger graph as a file)',
};

/** The first place `value` nests deeper than `maxDepth`, walked without recursion (so any depth is safe to judge). */
export function tooDeep(value: unknown, maxDepth: number): string | undefined {
  const stack: [unknown, string, number][] = [[value, '', 1]];
  while (stack.length > 0) {
    const [current, path, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > maxDepth) return path || '(top level)';
    if (Array.isArray(current)) current.forEach((item, index) => stack.push([item, `${path}[${index}]`, depth + 1]));
    else
      for (const [key, item] of Object.entries(current)) stack.push([item, path ? `${path}.${key}` : key, depth + 1]);
  }
  return undefined;
}

/** Why a parsed value is over the limits, or undefined. */
export function overLimits(raw: Record<string, unknown>, limits: IntakeLimits): DocIssue | undefined {
  // The nodes inside component definitions count as the graph's own.
  const lists = [raw.nodes, ...(Array.isArray(raw.components) ? raw.components : []).map((def) => def?.nodes)];
  const count = lists.reduce<number>((sum, nodes) => sum + (Array.isArray(nodes) ? nodes.length : 0), 0);
  if (count > limits.maxNodes)
    return {
      path: 'nodes',
      message: `has ${count.toLocaleString('en')} nodes; Reelgraph opens at most ${limits.maxNodes.toLocaleString('en')} from ${limits.from}`,
    };
  const deep = tooDeep(raw, limits.maxDepth);
  if (deep) return { path: deep, message: `is nested more than ${limits.maxDepth} levels deep` };
  return undefined;
}
