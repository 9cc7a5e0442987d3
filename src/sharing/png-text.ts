/**
 * A graph in a PNG's iTXt chunk (keyword "reelgraph.graph", uncompressed UTF-8): an exported
 * still carries the graph that made it, and dropping it on the canvas brings the graph back.
 */
const KEYWORD = 'reelgraph.graph';
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && SIGNATURE.every((byte, at) => bytes[at] === byte);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typed = new TextEncoder().encode(type);
  out.set(typed, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Walks the chunks: [type, data, start offset]. */
function* chunks(bytes: Uint8Array): Generator<[string, Uint8Array, number]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = view.getUint32(at);
    if (at + 12 + length > bytes.length) return;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    yield [type, bytes.subarray(at + 8, at + 8 + length), at];
    at += 12 + length;
  }
}

/** The PNG with the graph in an iTXt chunk before IEND (replacing one already there). */
export function embedGraphInPng(png: Uint8Array, graphJson: string): Uint8Array {
  if (!isPng(png)) throw new Error('not a PNG');
  const keep: Uint8Array[] = [png.subarray(0, 8)];
  let iend: Uint8Array | undefined;
  for (const [type, data, start] of chunks(png)) {
    const whole = png.subarray(start, start + 12 + data.length);
    if (type === 'IEND') iend = whole;
    else if (!(type === 'iTXt' && readKeyword(data) === KEYWORD)) keep.push(whole);
  }
  const text = new TextEncoder().encode(graphJson);
  const header = new TextEncoder().encode(KEYWORD);
  // keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text
  const data = new Uint8Array(header.length + 5 + text.length);
  data.set(header, 0);
  data.set(text, header.length + 5);
  keep.push(chunk('iTXt', data), iend ?? chunk('IEND', new Uint8Array()));
  const out = new Uint8Array(keep.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of keep) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function readKeyword(data: Uint8Array): string {
  const end = data.indexOf(0);
  return new TextDecoder().decode(data.subarray(0, end < 0 ? 0 : end));
}

/** The graph JSON a PNG carries, or undefined. */
export function readGraphFromPng(png: Uint8Array): string | undefined {
  if (!isPng(png)) return undefined;
  for (const [type, data] of chunks(png)) {
    if (type !== 'iTXt' || readKeyword(data) !== KEYWORD) continue;
    const keywordEnd = data.indexOf(0);
    if (data[keywordEnd + 1] !== 0) return undefined; // compressed: not written by us
    let at = keywordEnd + 3;
    at = data.indexOf(0, at) + 1; // language tag
    at = data.indexOf(0, at) + 1; // translated keyword
    return new TextDecoder().decode(data.subarray(at));
  }
  return undefined;
}
