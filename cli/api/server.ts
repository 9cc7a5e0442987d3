/**
 * The local HTTP API's requests: the token checked on every one, then the apps (built-in templates
 * and the profile's library templates, by id and version), their runs, and the runs' outputs.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Busboy } from '@fastify/busboy';
import { appOutputsOf, type GraphDocument } from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { TEMPLATES } from '../../src/templates/gallery';
import { judgeFiles, withAutoPick } from '../app-driver';
import { appInputList, applyValues, type GivenValue, type InputWords } from '../app-inputs';
import type { AppSession } from '../app-session';
import { CliError } from '../cli-error';
import { openApiDocument } from './openapi';
import type { RunBook } from './runs';
import { zPartOptions, zRunRequest, type ApiApp } from './shapes';

export interface ApiContext {
  token: string;
  runs: RunBook;
  app(): Promise<AppSession>;
  /** Where uploaded files wait until their run binds them. */
  uploads: string;
}

/** A refusal with its status. */
class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const JSON_LIMIT = 1024 * 1024;
/** The largest file a request may carry (a long 4K clip fits). */
const FILE_LIMIT = 4 * 1024 ** 3;

/** How refusals name inputs here: by name; a file is a multipart part, never a path on this computer. */
const HTTP_WORDS: InputWords = {
  input: (name) => `input ${name}`,
  lists: 'GET /v1/apps/{id}',
  atNamesFile: false,
  fileAs: 'as a multipart/form-data file part',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Compared in constant time: a token is never found a character at a time. */
function hasToken(req: IncomingMessage, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}

interface FoundApp {
  about: Omit<ApiApp, 'inputs' | 'outputs'>;
  doc: GraphDocument;
}

async function findApp(context: ApiContext, id: string, version: number | undefined): Promise<FoundApp> {
  const builtIn = TEMPLATES.find((template) => template.id === id);
  if (builtIn) {
    if (version !== undefined) throw new Refused(404, `"${id}" is built in: it has no versions`);
    return {
      about: { id, name: builtIn.title, description: builtIn.description, builtIn: true },
      doc: builtIn.build(),
    };
  }
  const app = await context.app();
  const kept = await app.page.evaluate(({ id, version }) => window.reelgraph!.libraryTemplate(id, version), {
    id,
    version,
  });
  if (!kept)
    throw new Refused(
      404,
      version === undefined ? `no app "${id}": GET /v1/apps lists them` : `no version ${version} of "${id}"`,
    );
  return {
    about: {
      id,
      version: kept.version,
      name: kept.name,
      ...(kept.description ? { description: kept.description } : {}),
      builtIn: false,
    },
    doc: kept.doc,
  };
}

const describe = ({ about, doc }: FoundApp): ApiApp => ({
  ...about,
  inputs: appInputList(doc, nodeRegistry, HTTP_WORDS),
  outputs: appOutputsOf(doc).map(({ name, label }) => ({ name, ...(label ? { label } : {}) })),
});

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > JSON_LIMIT)
      throw new Refused(413, `the JSON body is over ${JSON_LIMIT / 1024} KiB: send files as multipart/form-data`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Refused(400, 'the body is not JSON');
  }
}

interface Asked {
  given: [string, GivenValue][];
  maxCost: number;
  autoPick: boolean;
  /** Each uploaded file's path, with its name as sent. */
  sent: Map<string, string>;
}

/** A JSON request, judged by its shape. */
async function askedInJson(req: IncomingMessage): Promise<Asked> {
  const parsed = zRunRequest.safeParse(await readJson(req));
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Refused(400, `${issue.path.join('.') || 'the body'}: ${issue.message}`);
  }
  const { inputs, max_cost, auto_pick } = parsed.data;
  return {
    given: Object.entries(inputs).map(([name, value]) => [
      name,
      typeof value === 'string' ? { text: value } : { value },
    ]),
    maxCost: max_cost,
    autoPick: auto_pick,
    sent: new Map(),
  };
}

/** A multipart request: a field or a file part per input, files streamed to `folder` (never held in memory). */
function askedInParts(req: IncomingMessage, folder: string): Promise<Asked> {
  return new Promise((resolve, reject) => {
    const asked: Asked = { given: [], maxCost: 0, autoPick: false, sent: new Map() };
    const options: Record<string, string> = {};
    const writing: Promise<void>[] = [];
    let refused: Refused | undefined;
    const refuse = (why: Refused) => {
      refused ??= why;
    };
    let parts;
    try {
      parts = new Busboy({
        headers: req.headers as { 'content-type': string },
        limits: { fileSize: FILE_LIMIT, fieldSize: 64 * 1024, fields: 200, files: 20, parts: 220 },
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return reject(new Refused(400, `the multipart body cannot be read: ${why}`));
    }
    parts.on('field', (name, value, nameTruncated, valueTruncated) => {
      if (nameTruncated) return refuse(new Refused(400, `a field's name is over 100 bytes`));
      if (valueTruncated) return refuse(new Refused(413, `field ${name} is over 64 KiB`));
      if (name === 'max_cost' || name === 'auto_pick') options[name] = value;
      else asked.given.push([name, { text: value }]);
    });
    parts.on('file', (name, stream, filename) => {
      mkdirSync(folder, { recursive: true });
      // Kept under a name of its own with the extension it was sent with (what it is); its name is never a path here.
      const extension = extname(filename ?? '')
        .toLowerCase()
        .replace(/[^.a-z0-9]/g, '')
        .slice(0, 10);
      const path = join(folder, `${randomUUID()}${extension}`);
      stream.on('limit', () => refuse(new Refused(413, `the file for ${name} is over ${FILE_LIMIT / 1024 ** 3} GiB`)));
      const out = createWriteStream(path);
      writing.push(
        new Promise<void>((written) => {
          out.on('close', written);
          out.on('error', () => {
            // The rest of the part is read and dropped: the request ends, and is answered.
            stream.unpipe(out);
            stream.resume();
            refuse(new Refused(507, `the file for ${name} could not be kept on this computer (is the disk full?)`));
            written();
          });
        }),
      );
      stream.pipe(out);
      asked.sent.set(path, filename || 'file');
      asked.given.push([name, { path, sentAs: filename || 'file' }]);
    });
    const tooMany = (what: string) => () => refuse(new Refused(413, `more than ${what} in one request`));
    parts.on('fieldsLimit', tooMany('200 fields'));
    parts.on('filesLimit', tooMany('20 files'));
    parts.on('partsLimit', tooMany('220 parts'));
    parts.on('finish', () => {
      void Promise.all(writing).then(() => {
        if (refused) return reject(refused);
        const checked = zPartOptions.safeParse(options);
        if (!checked.success) {
          const [issue] = checked.error.issues;
          return reject(new Refused(400, `${issue.path.join('.')}: ${issue.message}`));
        }
        asked.maxCost = checked.data.max_cost ?? 0;
        asked.autoPick = checked.data.auto_pick ?? false;
        resolve(asked);
      });
    });
    // A request that breaks off (the client went away) or a body that cannot be read ends here, answered or not.
    pipeline(req, parts).catch((error: unknown) =>
      reject(
        new Refused(
          400,
          `the multipart body did not arrive whole: ${error instanceof Error ? error.message : String(error)}`,
        ),
      ),
    );
  });
}

/** A stable graph id per app: its runs are one graph in the profile, and its per-graph budget holds across them. */
const graphIdFor = (appId: string) => `api-${createHash('sha256').update(appId).digest('hex').slice(0, 16)}`;

async function startRun(context: ApiContext, req: IncomingMessage, res: ServerResponse, id: string, version?: number) {
  const found = await findApp(context, id, version);
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const folder = join(context.uploads, randomUUID());
  let asked: Asked;
  try {
    if (type === 'multipart/form-data') asked = await askedInParts(req, folder);
    else if (type === 'application/json' || (type === '' && req.headers['content-length'] === '0'))
      asked = await askedInJson(req);
    else throw new Refused(415, `send the run as application/json or multipart/form-data, not "${type || 'nothing'}"`);
    const applied = applyValues(structuredClone(found.doc), asked.given, nodeRegistry, HTTP_WORDS);
    // A file the app needs and was not sent is said now, not when its run reaches it.
    const missing = appInputList(applied.doc, nodeRegistry, HTTP_WORDS).find(
      (input) => input.file && input.now === 'not set' && !asked.given.some(([name]) => name === input.name),
    );
    if (missing)
      throw new Refused(400, `input ${missing.name}: ${missing.label} takes ${missing.takes}; none was sent`);
    const bindings = judgeFiles(
      applied.doc,
      applied.files.map(({ nodeId, path }) => {
        const input = asked.given.find(([, value]) => 'path' in value && value.path === path)?.[0];
        return { nodeId, path, named: `input ${input} (“${asked.sent.get(path)}”)` };
      }),
    );
    const named = { ...applied.doc, id: graphIdFor(found.about.id), name: found.about.name };
    const doc = asked.autoPick ? withAutoPick(named) : named;
    const run = context.runs.add({
      app: {
        id: found.about.id,
        ...(found.about.version ? { version: found.about.version } : {}),
        name: found.about.name,
      },
      doc,
      bindings,
      maxCost: asked.maxCost,
      uploads: folder,
    });
    res.setHeader('location', `/v1/runs/${run.id}`);
    send(res, 202, run);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    // What does not fit is the caller's to change.
    if (error instanceof CliError) throw new Refused(400, error.message);
    throw error;
  }
}

function sendOutput(res: ServerResponse, file: { path: string; mime: string }, name: string) {
  const size = statSync(file.path, { throwIfNoEntry: false })?.size;
  if (size === undefined)
    throw new Refused(404, `output ${name} is no longer on this computer (its folder was removed)`);
  const ext = /\.([^.]+)$/.exec(file.path)?.[1] ?? 'bin';
  res.writeHead(200, {
    'content-type': file.mime,
    'content-length': size,
    'content-disposition': `attachment; filename="${name.replace(/[^\w.-]+/g, '_')}.${ext}"`,
  });
  createReadStream(file.path)
    .on('error', () => res.destroy())
    .pipe(res);
}

async function route(context: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let parts: string[];
  try {
    parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new Refused(400, `${url.pathname} is not a well-formed path (a % not followed by two hex digits)`);
  }
  const method = req.method ?? 'GET';
  const only = (allowed: string) => {
    if (method !== allowed) throw new Refused(405, `${method} is not taken here; ${allowed} is`);
  };
  const versionAt = (text: string) => {
    const version = Number(text);
    if (!Number.isInteger(version) || version < 1) throw new Refused(404, `"${text}" is not a version`);
    return version;
  };
  if (parts[0] !== 'v1') throw new Refused(404, 'the API is under /v1 (GET /v1/openapi.json describes it)');
  const [, collection, id, ...rest] = parts;
  if (collection === 'openapi.json' && parts.length === 2) return (only('GET'), send(res, 200, openApiDocument()));
  if (collection === 'apps') {
    if (id === undefined) {
      only('GET');
      const library = await (await context.app()).page.evaluate(() => window.reelgraph!.library());
      const apps = [
        ...TEMPLATES.map((template) => findApp(context, template.id, undefined)),
        ...library.templates.map((template) => findApp(context, template.id, undefined)),
      ];
      return send(res, 200, { apps: (await Promise.all(apps)).map(describe) });
    }
    const versioned = rest[0] === 'versions' && rest[1] !== undefined;
    const version = versioned ? versionAt(rest[1]) : undefined;
    const tail = rest.slice(versioned ? 2 : 0);
    if (tail.length === 0) return (only('GET'), send(res, 200, describe(await findApp(context, id, version))));
    if (tail.length === 1 && tail[0] === 'runs') return (only('POST'), startRun(context, req, res, id, version));
  }
  if (collection === 'runs' && id !== undefined) {
    if (rest.length === 0 && method === 'DELETE') {
      const run = await context.runs.cancel(id);
      if (!run) throw new Refused(404, `no run "${id}" (runs are kept while the server runs)`);
      return send(res, 200, run);
    }
    if (rest.length === 0) {
      only('GET');
      const run = await context.runs.get(id);
      if (!run) throw new Refused(404, `no run "${id}" (runs are kept while the server runs)`);
      return send(res, 200, run);
    }
    if (rest.length === 2 && rest[0] === 'outputs') {
      only('GET');
      const file = context.runs.output(id, rest[1]);
      if (!file) throw new Refused(404, `run "${id}" has no output "${rest[1]}"`);
      return sendOutput(res, file, rest[1]);
    }
  }
  throw new Refused(404, `nothing at ${url.pathname} (GET /v1/openapi.json describes the API)`);
}

/** Answers one request: refused without the token; every failure an error answer with its reason, never a crash. */
export function apiHandler(context: ApiContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!hasToken(req, context.token)) {
      res.setHeader('www-authenticate', 'Bearer');
      req.resume();
      return send(res, 401, { error: 'send the token `npm run serve` printed, as Authorization: Bearer <token>' });
    }
    route(context, req, res).catch((error: unknown) => {
      req.resume();
      if (res.headersSent) return void res.destroy();
      if (error instanceof Refused) return send(res, error.status, { error: error.message });
      const message = error instanceof Error ? error.message : String(error);
      send(res, error instanceof CliError ? 503 : 500, {
        error: /Error: (.*)/.exec(message)?.[1] ?? message.split('\n')[0],
      });
    });
  };
}
