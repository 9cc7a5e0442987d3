import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { redact } from '../src/providers/cloud/errors.ts';
import { KEY_HEADERS, type ProxyTarget } from '../src/providers/cloud/proxy-rules.ts';
import { formatBytes } from '../graph-engine/format-bytes.ts';
import { sendWithBody } from './send-with-body.ts';

/** Request bodies (a frame as base64 JSON) stream through up to this size. */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;
/** An error answer is read whole to take keys out of it; a longer one is not passed on. */
const MAX_ERROR_BYTES = 1024 * 1024;
/** The upstream may go this long without taking a byte of the body or sending one of its answer. */
export const UPSTREAM_TIMEOUT_MS = 120_000;
const MAX_REDIRECTS = 5;

export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Whether the request may have reached the provider: then a paid submit may have been made. */
    readonly sent = false,
    /** The provider could not be reached at all (connection refused, no such host): nothing was sent. */
    readonly unreachable = false,
  ) {
    super(message);
  }
}

/** Failures of fetch() that happen before a byte reaches the provider. */
const NEVER_CONNECTED = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL'];

export interface Forward {
  target: ProxyTarget;
  method: string;
  headers: Record<string, string>;
  /** Where a redirect may go next (the same rules as a download), or why not. */
  nextHop(url: string): ProxyTarget | Error;
  /** Credentials to take out of anything passed back. */
  secrets: readonly string[];
  /** Headers set on the answer besides its content type, and the content type it may have. */
  answerHeaders(contentType: string | null): Record<string, string>;
}

/** The body as it arrives, stopped at `max` bytes: never held whole in memory. */
async function* capped(source: AsyncIterable<Buffer>, max: number, moved: () => void): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of source) {
    // A long upload on a slow line is progress, not silence. The body is read only as fast as the
    // upstream takes it, so an upstream that stops taking it still times out.
    moved();
    size += chunk.length;
    if (size > max) throw new Refusal(413, `request body over ${formatBytes(max)}`);
    yield chunk;
  }
}

/** Aborts `controller` when `ms` pass without `touch()`: a stalled upstream is given up. */
function idleTimer(controller: AbortController, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`nothing moved for ${ms / 1000} s`)), ms);
  };
  touch();
  return { touch, stop: () => clearTimeout(timer) };
}

/**
 * Sends one proxied request upstream and streams the answer back: bodies under a cap both ways,
 * redirects followed by hand (each hop checked, keys dropped when the host changes), a timeout
 * when the upstream goes quiet, and an abort when the page gives up.
 */
export async function forward(req: IncomingMessage, res: ServerResponse, call: Forward): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_REQUEST_BYTES) throw new Refusal(413, `request body over ${formatBytes(MAX_REQUEST_BYTES)}`);
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error('the page gave up'));
  });
  const idle = idleTimer(controller, UPSTREAM_TIMEOUT_MS);
  const hasBody = call.method !== 'GET' && call.method !== 'HEAD';
  // Once any hop has answered, the provider had the request: a later hop's failure cannot unsend it.
  let reached = false;
  try {
    let { url } = call.target;
    let method = call.method;
    let headers = { ...call.headers };
    let body: AsyncIterable<Buffer> | undefined = hasBody ? capped(req, MAX_REQUEST_BYTES, idle.touch) : undefined;
    for (let hop = 0; ; hop++, reached = true) {
      const signal = controller.signal;
      const upstream = body
        ? await sendWithBody(url, { method, headers, body, signal })
        : await fetch(url, { method, headers, redirect: 'manual', signal });
      idle.touch();
      const location = upstream.headers.get('location');
      if (upstream.status < 300 || upstream.status > 399 || !location) return await answer(res, upstream, call, idle);
      await upstream.body?.cancel();
      if (hop === MAX_REDIRECTS) throw new Refusal(502, `more than ${MAX_REDIRECTS} redirects`);
      const next = call.nextHop(new URL(location, url).href);
      if (next instanceof Error) throw new Refusal(502, `redirected to a host it may not go to (${next.message})`);
      if (new URL(next.url).origin !== new URL(url).origin || !next.withKey)
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !KEY_HEADERS.includes(name)));
      if (upstream.status === 307 || upstream.status === 308) {
        // The body went upstream as it arrived; it cannot be sent again.
        if (body) throw new Refusal(502, 'the provider redirected a request with a body; it was not sent again');
      } else {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        delete headers['content-type'];
        delete headers['content-length'];
      }
      url = next.url;
    }
  } catch (error) {
    // Once the first request is on its way, any failure may come after the provider acted on it.
    if (error instanceof Refusal) throw new Refusal(error.status, error.message, true);
    const code = (error as { cause?: { code?: string } }).cause?.code;
    const reason = controller.signal.aborted
      ? String(controller.signal.reason?.message ?? 'aborted')
      : (error as Error).message;
    const sent = reached || !(code && NEVER_CONNECTED.includes(code));
    throw new Refusal(
      502,
      `${sent ? 'no clear answer from the provider' : 'could not reach the provider'} (${redact(reason, call.secrets)})`,
      sent,
      !sent,
    );
  } finally {
    idle.stop();
  }
}

async function answer(res: ServerResponse, upstream: Response, call: Forward, idle: { touch(): void }): Promise<void> {
  res.statusCode = upstream.status;
  const retryAfter = upstream.headers.get('retry-after');
  if (retryAfter) res.setHeader('retry-after', retryAfter);
  for (const [name, value] of Object.entries(call.answerHeaders(upstream.headers.get('content-type'))))
    res.setHeader(name, value);
  if (!upstream.body) return void res.end();
  if (upstream.ok) {
    // fetch() hands the body back decoded, so upstream length and encoding headers no longer hold.
    const chunks = Readable.fromWeb(upstream.body as NodeReadableStream);
    chunks.on('data', idle.touch);
    await pipeline(chunks, res);
    return;
  }
  // An error answer may echo a credential (a token in a message): read it, under a cap, and redact.
  const reader = upstream.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_ERROR_BYTES) {
      await reader.cancel();
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      return void res.end(`the provider answered HTTP ${upstream.status} with an error over 1 MB`);
    }
    parts.push(value);
    idle.touch();
  }
  res.end(redact(Buffer.concat(parts).toString('utf8'), call.secrets));
}
