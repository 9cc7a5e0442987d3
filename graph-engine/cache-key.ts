import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { contentOf } from './artifacts';
import { canonicalJSON } from './canonical-json';
import type { EdgeDoc, TakeSettings } from './document/schema';
import type { AnyNodeDef, NodeRegistry } from './node-def';
import type { Validation } from './validate';

/** Bumped when the engine changes how outputs are produced, to invalidate every cached result. */
export const ENGINE_CACHE_VERSION = 1;

/** What a cache key is a hash of, in readable form, so "why did this miss?" has an answer. */
export interface KeyIngredients {
  engine: number;
  kind: string;
  /** The kind's output version, where it has one. */
  output?: number;
  version: number;
  params: unknown;
  /** Per input port: `sourceKey/sourcePort` of each connection, in order. */
  inputs: Record<string, string[]>;
}

/**
 * Merkle-style keys: a node's key is the SHA-256 of its kind, kind version and parsed params
 * (canonical JSON, by name) with the keys of its inputs, and how it runs its takes where the
 * person changed that. Position, title and node id are not in it, so moving or renaming a node
 * keeps its key, while any upstream change changes every key below. Params never hold secrets
 * (API keys live in settings), so keys cannot leak them.
 */
export function computeCacheKeys(validation: Validation, registry: NodeRegistry): Map<string, string> {
  const digests = new Map<string, Uint8Array>();
  const keys = new Map<string, string>();
  for (const id of validation.order) {
    if (!validation.runnable.has(id)) continue;
    const node = validation.index.nodes.get(id)!;
    const def = registry.get(node.kind)!;
    const digest = keyDigest(
      def,
      validation.params.get(id),
      validation.index.incoming.get(id)!,
      (edge) => digests.get(edge.from.node)!,
      takeSettingsText(node.takes),
    );
    digests.set(id, digest);
    keys.set(id, bytesToHex(digest));
  }
  return keys;
}

/**
 * A take's key: the same recipe as a node's, with the take's params, the content of what arrives
 * on each input (the one item, on a mapped input) in place of the upstream keys, and its re-roll
 * count. Keyed by content, keeping another still upstream leaves this one's takes cached.
 */
export function takeKey(
  def: AnyNodeDef,
  params: unknown,
  incoming: readonly EdgeDoc[],
  valueOf: (edge: EdgeDoc) => unknown,
  reroll: number,
): string {
  const encoder = new TextEncoder();
  return bytesToHex(
    keyDigest(
      def,
      params,
      incoming,
      (edge) => sha256(encoder.encode(canonicalJSON(contentOf(valueOf(edge))) ?? 'null')),
      reroll > 0 ? `reroll:${reroll}` : '',
      true,
    ),
  );
}

/** The part of a node's take settings that changes what it makes, as text ('' for none). */
function takeSettingsText(takes: TakeSettings | undefined): string {
  if (!takes) return '';
  const { combine, rerolls, dropped } = takes;
  const meaningful = {
    combine,
    rerolls: rerolls && Object.keys(rerolls).length > 0 ? rerolls : undefined,
    dropped: dropped && dropped.length > 0 ? [...dropped].sort() : undefined,
  };
  const text = canonicalJSON(meaningful);
  return text === '{}' ? '' : `takes:${text}`;
}

// One buffer reused for every key (made on first use: the class is declared below).
let shared: KeyWriter | undefined;
function keyDigest(
  def: AnyNodeDef,
  params: unknown,
  incoming: readonly EdgeDoc[],
  digestOf: (edge: EdgeDoc) => Uint8Array,
  extra: string,
  byContent = false,
): Uint8Array {
  const writer = (shared ??= new KeyWriter());
  const [prefix, suffix] = headerOf(def, params);
  // The same bytes as canonicalJSON({ engine, kind, output?, params, version }), without building that object.
  writer.reset();
  writer.text(prefix);
  writer.text(canonicalJSON(params));
  writer.text(suffix);
  // Ports in name order; within a port, connections in edge order (the order a `multiple` input sees).
  for (const edge of inPortOrder(incoming)) {
    writer.text('\u0000');
    writer.text(edge.to.port);
    writer.text('\u0000');
    // By content, where a value came from does not matter (a Pick's choice or what it keeps).
    writer.text(byContent ? '\u0002' : edge.from.port);
    writer.bytes(digestOf(edge));
  }
  if (extra) {
    writer.text('\u0001');
    writer.text(extra);
  }
  return sha256(writer.view());
}

/** A kind's output version for these params (see NodeDef.outputVersion). */
export function outputVersionOf(def: AnyNodeDef, params: unknown): number | undefined {
  return typeof def.outputVersion === 'function' ? def.outputVersion(params) : def.outputVersion;
}

const headers = new WeakMap<AnyNodeDef, [string, string]>();
function headerOf(def: AnyNodeDef, params: unknown): [string, string] {
  const make = (output: number | undefined): [string, string] => [
    `{"engine":${ENGINE_CACHE_VERSION},"kind":${JSON.stringify(def.kind)},${output === undefined ? '' : `"output":${output},`}"params":`,
    `,"version":${def.version}}`,
  ];
  // One per kind where it is a number; worked out per key where the params decide it.
  if (typeof def.outputVersion === 'function') return make(def.outputVersion(params));
  let header = headers.get(def);
  if (!header) headers.set(def, (header = make(def.outputVersion)));
  return header;
}

/** Incoming edges sorted by input port name (stable), without copying when they already are. */
function inPortOrder(edges: readonly EdgeDoc[]): readonly EdgeDoc[] {
  for (let at = 1; at < edges.length; at++) {
    if (edges[at - 1].to.port > edges[at].to.port)
      return [...edges].sort((a, b) => (a.to.port < b.to.port ? -1 : a.to.port > b.to.port ? 1 : 0));
  }
  return edges;
}

/** Readable ingredients of a node's key, for explaining a cache miss. */
export function keyIngredients(
  id: string,
  validation: Validation,
  registry: NodeRegistry,
  keys: ReadonlyMap<string, string>,
): KeyIngredients {
  const node = validation.index.nodes.get(id)!;
  const def = registry.get(node.kind)!;
  const inputs: Record<string, string[]> = {};
  for (const edge of validation.index.incoming.get(id)!) {
    (inputs[edge.to.port] ??= []).push(`${keys.get(edge.from.node)}/${edge.from.port}`);
  }
  const output = outputVersionOf(def, validation.params.get(id));
  return {
    engine: ENGINE_CACHE_VERSION,
    kind: def.kind,
    ...(output === undefined ? {} : { output }),
    version: def.version,
    params: validation.params.get(id),
    inputs,
  };
}

/** Appends key ingredients into one reused buffer: input keys go in as 32 raw bytes, not 64 hex characters. */
class KeyWriter {
  private buffer = new Uint8Array(1024);
  private length = 0;
  private readonly encoder = new TextEncoder();

  reset(): void {
    this.length = 0;
  }

  text(value: string): void {
    this.reserve(value.length * 3);
    // ASCII (nearly always) is copied byte by byte: cheaper than a call into the encoder.
    const start = this.length;
    for (let at = 0; at < value.length; at++) {
      const code = value.charCodeAt(at);
      if (code >= 0x80) {
        this.length = start;
        this.length += this.encoder.encodeInto(value, this.buffer.subarray(this.length)).written;
        return;
      }
      this.buffer[this.length++] = code;
    }
  }

  bytes(value: Uint8Array): void {
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }

  view(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
