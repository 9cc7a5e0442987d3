import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline as join, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createEitherInflate,
  br: createBrotliDecompress,
};

/**
 * HTTP's deflate is meant to be zlib-wrapped, but some servers send it raw; the first byte tells
 * which, as browsers and fetch tell it.
 */
function createEitherInflate(): Transform {
  let inner: Transform | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!inner) {
        inner = (chunk[0] & 0x0f) === 0x08 ? createInflate() : createInflateRaw();
        inner.on('data', (data: Buffer) => this.push(data));
        inner.once('error', (error) => this.destroy(error));
      }
      if (inner.write(chunk)) done();
      else inner.once('drain', () => done());
    },
    flush(done) {
      if (!inner) return done();
      inner.once('end', () => done());
      inner.end();
    },
  });
}

export interface BodyRequest {
  method: string;
  headers: Record<string, string>;
  body: AsyncIterable<Buffer>;
  signal: AbortSignal;
}

/**
 * Sends a request whose body streams in, by node:http(s) rather than fetch(): Node's fetch keeps
 * every chunk of a streamed request body until the request ends (six 63 MB uploads at once held
 * 380 MB in the proxy), where this holds only what is in flight. The answer comes back as a fetch
 * Response, its body decoded as fetch would decode it; a failure carries the system error as its
 * cause, as fetch's do.
 */
export function sendWithBody(url: string, init: BodyRequest): Promise<Response> {
  return new Promise((resolve, reject) => {
    // A system error (refused, reset) becomes the cause, as fetch gives it; the body's own refusal stays as it is.
    const failed = (error: Error & { code?: string }) =>
      reject(error.code ? new Error(error.message, { cause: error }) : error);
    try {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const options = { method: init.method, headers: init.headers, signal: init.signal };
      const outgoing = send(target, options, (incoming) => {
        try {
          resolve(asResponse(incoming, init.method));
        } catch (error) {
          // An answer fetch could not represent either (a status over 599, a control character in its reason).
          incoming.destroy();
          reject(new Error(`the provider's answer cannot be read (${(error as Error).message})`));
        }
      });
      outgoing.on('error', failed);
      pipeline(Readable.from(init.body), outgoing).catch(failed);
    } catch (error) {
      failed(error as Error);
    }
  });
}

function asResponse(incoming: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers))
    for (const one of [value ?? []].flat()) headers.append(name, one);
  const status = incoming.statusCode ?? 502;
  if (method === 'HEAD' || [204, 205, 304].includes(status)) {
    incoming.resume();
    return new Response(null, { status, headers });
  }
  // Codings are listed in the order they were applied: undo them from the last. An unknown one is passed on as it came.
  const codings = String(incoming.headers['content-encoding'] ?? '')
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding && coding !== 'identity')
    .reverse();
  const decoders = codings.every((coding) => coding in DECODERS) ? codings.map((coding) => DECODERS[coding]()) : [];
  // Joined by pipeline, not pipe: a reset or cut-off answer errors the decoded stream too, instead of leaving it waiting.
  const decoded = decoders.reduce<Readable>((source, decoder) => join(source, decoder, () => {}), incoming);
  return new Response(Readable.toWeb(decoded) as unknown as ReadableStream, {
    status,
    statusText: incoming.statusMessage,
    headers,
  });
}
