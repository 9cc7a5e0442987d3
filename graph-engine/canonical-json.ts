/**
 * Canonical JSON (RFC 8785 in spirit): object keys sorted by UTF-16 code units, no whitespace,
 * `undefined` members dropped. Two values that mean the same thing serialize to the same string,
 * which is what makes cache keys independent of key order in a saved file.
 */
export function canonicalJSON(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return encodePrimitive(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let at = 0; at < value.length; at++) text += (at > 0 ? ',' : '') + canonicalJSON(value[at]);
    return text + ']';
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    text += (text.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJSON(member);
  }
  return text + '}';
}

function encodePrimitive(value: unknown): string {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJSON: cannot encode the number ${value}`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object':
      return 'null';
    default:
      throw new TypeError(`canonicalJSON: cannot encode a ${typeof value}`);
  }
}
