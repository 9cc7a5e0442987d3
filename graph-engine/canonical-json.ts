/**
 * Canonical JSON (RFC 8785 in spirit): object keys sorted by UTF-16 code units, no whitespace,
 * `undefined` members dropped. Two values that mean the same thing serialize to the same string,
 * which is what makes cache keys independent of key order in a saved file.
 */
export function canonicalJSON(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`canonicalJSON: cannot encode the number ${value}`);
    }
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
      throw new TypeError(`canonicalJSON: cannot encode a ${typeof value}`);
    }
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJSON(item)).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${canonicalJSON(member)}`);
  }
  return `{${members.join(',')}}`;
}
