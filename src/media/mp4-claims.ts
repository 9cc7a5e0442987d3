/**
 * What an MP4 or MOV says of itself in its box headers (never its media): its length, its video
 * frames and their size. Read before a demuxer expands them, so a file whose claims no real clip
 * makes (a 10 KB file claiming 10⁸ frames, a 10-hour index) is refused in a moment, not after the
 * tab has frozen.
 */
export interface Mp4Claims {
  seconds: number;
  /** Samples in the video track's sample table (each is at least a byte of the file). */
  samples: number;
  width: number;
  height: number;
}

/** The index is read whole only up to this: a real clip's is far smaller. */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;
const MAX_TOP_BOXES = 4096;
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

interface Box {
  type: string;
  /** Where its body starts and ends, in the bytes read. */
  start: number;
  end: number;
}

const fourCC = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));

/** The boxes in `bytes` from `from` to `to`, stopping at the first that does not fit. */
function boxesIn(bytes: Uint8Array, from: number, to: number): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Box[] = [];
  for (let at = from; at + 8 <= to;) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) break;
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header || at + size > to) break;
    boxes.push({ type: fourCC(bytes, at + 4), start: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

/** The claims of an ISO media file (MP4, MOV, M4V), or undefined for any other file or one with no index. */
export async function mp4Claims(file: Blob): Promise<Mp4Claims | undefined> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (head.length < 8 || !['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip'].includes(fourCC(head, 4))) return undefined;
  // Top-level boxes, header by header (the index may come after gigabytes of media).
  let moov: Uint8Array | undefined;
  for (let at = 0, count = 0; at + 8 <= file.size && count < MAX_TOP_BOXES; count++) {
    const header = new Uint8Array(await file.slice(at, at + 16).arrayBuffer());
    const view = new DataView(header.buffer);
    let size = view.getUint32(0);
    if (size === 1 && header.length >= 16) size = Number(view.getBigUint64(8));
    else if (size === 0) size = file.size - at;
    if (size < 8) return undefined;
    if (fourCC(header, 4) === 'moov') {
      if (size > MAX_MOOV_BYTES) return { seconds: Infinity, samples: Infinity, width: 0, height: 0 };
      moov = new Uint8Array(await file.slice(at, at + size).arrayBuffer());
      break;
    }
    at += size;
  }
  if (!moov) return undefined;
  const view = new DataView(moov.buffer, moov.byteOffset, moov.byteLength);
  const claims: Mp4Claims = { seconds: 0, samples: 0, width: 0, height: 0 };
  const [top] = boxesIn(moov, 0, moov.length);
  const walk = (box: Box, track: { video: boolean; samples: number; width: number; height: number }) => {
    const body = box.start;
    if (box.type === 'mvhd' && box.end - body >= 20) {
      const version = moov![body];
      const timescale = view.getUint32(body + (version === 1 ? 20 : 12));
      const duration = version === 1 ? Number(view.getBigUint64(body + 24)) : view.getUint32(body + 16);
      claims.seconds = timescale > 0 ? duration / timescale : Infinity;
    } else if (box.type === 'tkhd' && box.end - body >= 8) {
      track.width = view.getUint32(box.end - 8) / 65536;
      track.height = view.getUint32(box.end - 4) / 65536;
    } else if (box.type === 'hdlr' && box.end - body >= 12) track.video = fourCC(moov!, body + 8) === 'vide';
    else if (box.type === 'stsz' && box.end - body >= 12) track.samples = view.getUint32(body + 8);
    if (CONTAINERS.has(box.type)) for (const child of boxesIn(moov!, body, box.end)) walk(child, track);
  };
  if (top?.type !== 'moov') return undefined;
  for (const child of boxesIn(moov, top.start, top.end)) {
    const track = { video: false, samples: 0, width: 0, height: 0 };
    walk(child, track);
    if (child.type === 'trak' && track.video) {
      claims.samples = Math.max(claims.samples, track.samples);
      claims.width = Math.max(claims.width, track.width);
      claims.height = Math.max(claims.height, track.height);
    }
  }
  return claims;
}
