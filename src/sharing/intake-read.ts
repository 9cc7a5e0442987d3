import { FILE_LIMITS, LINK_LIMITS, parseDocument, type NodeRegistry, type ParseResult } from '../../graph-engine';
import { mediaOf, openBundle } from './bundle';
import { readShareLink } from './share-link';

/** A graph arriving from outside the app, as the intake worker is handed it. */
export type IntakeRequest =
  /** A graph file's text (a .json, or the graph a PNG or MP4 carried) or pasted JSON. */
  | { kind: 'text'; text: string }
  /** A page address's fragment (`#graph=…`): opens from any website, so read under the link caps. */
  | { kind: 'link'; fragment: string }
  /** A .zip bundle: the graph and the media it uses. */
  | { kind: 'bundle'; zip: Blob };

/**
 * What was read: a whole graph (with a bundle's media, each checked against its hash), the
 * graph's problems (where and what), or why the input could not be read at all.
 */
export type IntakeOutcome =
  | { ok: true; parsed: Extract<ParseResult, { ok: true }>; media: { hash: string; blob: Blob }[] }
  | { ok: false; errors: Extract<ParseResult, { ok: false }>['errors'] }
  | { ok: false; unreadable: string };

/**
 * Reads untrusted input into a graph, under the caps of where it came from. Runs in the intake
 * worker, so however large or hostile the input, the page stays responsive and can stop it.
 */
export async function readIntake(
  request: IntakeRequest,
  registry: NodeRegistry,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<IntakeOutcome> {
  try {
    return await read(request, registry, onProgress);
  } catch (error) {
    return {
      ok: false,
      unreadable: `it could not be read (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

async function read(
  request: IntakeRequest,
  registry: NodeRegistry,
  onProgress: (done: number, total: number) => void,
): Promise<IntakeOutcome> {
  if (request.kind === 'text') return fromParse(parseDocument(request.text, registry, FILE_LIMITS));
  if (request.kind === 'link') {
    const json = readShareLink(request.fragment);
    if (json === undefined) return { ok: false, unreadable: 'this address carries no graph' };
    if (json instanceof Error) return { ok: false, unreadable: json.message };
    return fromParse(parseDocument(json, registry, LINK_LIMITS));
  }
  const bundle = openBundle(new Uint8Array(await request.zip.arrayBuffer()));
  if (bundle instanceof Error) return { ok: false, unreadable: bundle.message };
  const parsed = parseDocument(bundle.graphJson, registry, FILE_LIMITS);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const media = await bundle.media(mediaOf(parsed.doc), onProgress);
  if (media instanceof Error) return { ok: false, unreadable: media.message };
  return { ok: true, parsed, media };
}

function fromParse(parsed: ParseResult): IntakeOutcome {
  return parsed.ok ? { ok: true, parsed, media: [] } : { ok: false, errors: parsed.errors };
}
