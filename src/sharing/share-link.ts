import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { LINK_LIMITS, type GraphDocument } from '../../graph-engine';
import { base64UrlToBytes, bytesToBase64Url } from '../media/base64';

/** Links longer than this break in chats and mail; such graphs travel as a file instead. */
export const MAX_LINK_LENGTH = 8000;
const PREFIX = '#graph=';

/**
 * The graph compressed into the URL fragment: the part after # never reaches any server.
 * Returns the link, or says it is too long (offer the file instead).
 */
export function shareLink(doc: GraphDocument, base: string): { ok: true; url: string } | { ok: false; length: number } {
  const url = `${base.split('#')[0]}${PREFIX}${bytesToBase64Url(deflateSync(strToU8(JSON.stringify(doc)), { level: 9 }))}`;
  return url.length <= MAX_LINK_LENGTH ? { ok: true, url } : { ok: false, length: url.length };
}

/** A link opens from any website: its fragment and what it inflates to are capped before anything else is read. */
const MAX_FRAGMENT = 8 * MAX_LINK_LENGTH;
const MAX_GRAPH_BYTES = LINK_LIMITS.maxText;

/** Whether a page address's fragment carries a graph (read it with readShareLink). */
export const isShareLink = (hash: string) => hash.startsWith(PREFIX);

/** The graph JSON text a share link's fragment carries; undefined when the fragment is not one; an Error when it is damaged. */
export function readShareLink(hash: string): string | Error | undefined {
  if (!isShareLink(hash)) return undefined;
  if (hash.length > MAX_FRAGMENT)
    return new Error(
      `this link is ${hash.length.toLocaleString('en')} characters long; links Reelgraph opens are at most ${MAX_FRAGMENT.toLocaleString('en')} (share a bigger graph as a file)`,
    );
  try {
    const compressed = base64UrlToBytes(hash.slice(PREFIX.length));
    const out = new Uint8Array(MAX_GRAPH_BYTES);
    const bytes = inflateSync(compressed, { out });
    if (bytes.length >= MAX_GRAPH_BYTES) return new Error('the graph in this link is too large');
    return strFromU8(bytes);
  } catch {
    return new Error('this share link is damaged (it may have been cut off when it was copied)');
  }
}
